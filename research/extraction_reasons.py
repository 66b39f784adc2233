"""Why a document's extraction ended as it did: one table of stable codes, status and English.

Pure Python, no Django: the sandboxed extractor (worker.extract) reads it, and so does the
document model, which renders the English through the catalogue in the reader's language.
Keep codes stable and add new ones rather than renaming: documents store them.
"""

INDEXED = "indexed"
FAILED = "failed"
REFUSED = "refused"


def gettext_noop(message: str) -> str:
    """Marks a msgid for `makemessages` (xgettext knows this name); the sandboxed extractor
    that reads this table starts without Django, so Django's own cannot serve here."""
    return message


# code -> (status, English message). "Refused" means we chose not to read the file (policy);
# "failed" means we tried and could not get text out of it.
EXTRACTION = {
    "empty-file": (FAILED, gettext_noop("The file is empty.")),
    "truncated-file": (
        FAILED,
        gettext_noop("The file is incomplete: it was cut off before its end."),
    ),
    "corrupt": (
        FAILED,
        gettext_noop("The file is damaged or is not a valid document of its type."),
    ),
    "encrypted-pdf": (
        REFUSED,
        gettext_noop("The PDF is password-protected, so its text cannot be read."),
    ),
    "no-text-layer": (
        FAILED,
        gettext_noop(
            "The PDF has no text layer (it is scanned images) and OCR is not available on "
            "this server."
        ),
    ),
    "ocr-no-text": (
        FAILED,
        gettext_noop("The PDF has no text layer and OCR found no readable text in it."),
    ),
    "no-text": (FAILED, gettext_noop("The document contains no text.")),
    "type-mismatch": (
        REFUSED,
        gettext_noop(
            "The file's content does not match the extension of its name "
            "(for example, a web page named .pdf)."
        ),
    ),
    "unsupported-type": (
        REFUSED,
        gettext_noop(
            "This type of file is not supported. Accepted: PDF, DOCX, PPTX, XLSX, ODT, HTML, "
            "TXT and Markdown."
        ),
    ),
    "too-large": (
        REFUSED,
        gettext_noop("The file is larger than the size allowed for text extraction."),
    ),
    "zip-bomb": (
        REFUSED,
        gettext_noop(
            "The document expands to far more data than its size suggests (a possible 'zip bomb')."
        ),
    ),
    "xml-entities": (
        REFUSED,
        gettext_noop(
            "The document declares XML entities or a DTD, which genuine office files never do."
        ),
    ),
    "timeout": (FAILED, gettext_noop("Text extraction took too long and was stopped.")),
    "memory": (
        FAILED,
        gettext_noop("Text extraction needed more memory than allowed and was stopped."),
    ),
    "crashed": (FAILED, gettext_noop("The text extractor stopped unexpectedly on this file.")),
    # Notes on an indexed outcome: the text was kept, but not all of it.
    "too-many-pages": (
        INDEXED,
        gettext_noop("The document has too many pages; only the first pages were kept."),
    ),
    "too-many-characters": (
        INDEXED,
        gettext_noop("The text is very long; only its beginning was kept."),
    ),
    "ocr-partial": (INDEXED, gettext_noop("The text was read by OCR from the first pages only.")),
    "ocr": (
        INDEXED,
        gettext_noop("The PDF has no text layer; its text was read by OCR and may contain errors."),
    ),
}

# The pipeline's own codes: what became of the task rather than what the file holds.
GAVE_UP = "worker-crashed"
FILE_MISSING = "file-missing"
PIPELINE = {
    GAVE_UP: (
        FAILED,
        gettext_noop(
            "Text extraction was given up after %(attempts)s attempts: each one stopped before "
            "finishing."
        ),
    ),
    FILE_MISSING: (FAILED, gettext_noop("The file could not be found in storage.")),
}

# Every code's English: stored next to the code for logs and commands, and the msgid.
ENGLISH = {code: english for code, (_status, english) in {**EXTRACTION, **PIPELINE}.items()}
