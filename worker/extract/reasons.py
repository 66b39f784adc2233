"""Stable reason codes for extraction outcomes, with the English message a person reads.

The Django layer translates by code; keep codes stable and add new ones rather than renaming.
"""

INDEXED = "indexed"
FAILED = "failed"
REFUSED = "refused"

# code -> (status, English message). "Refused" means we chose not to read the file (policy);
# "failed" means we tried and could not get text out of it.
_CATALOGUE = {
    "empty-file": (FAILED, "The file is empty."),
    "truncated-file": (FAILED, "The file is incomplete: it was cut off before its end."),
    "corrupt": (FAILED, "The file is damaged or is not a valid document of its type."),
    "encrypted-pdf": (REFUSED, "The PDF is password-protected, so its text cannot be read."),
    "no-text-layer": (
        FAILED,
        "The PDF has no text layer (it is scanned images) and OCR is not available on this server.",
    ),
    "ocr-no-text": (FAILED, "The PDF has no text layer and OCR found no readable text in it."),
    "no-text": (FAILED, "The document contains no text."),
    "type-mismatch": (
        REFUSED,
        "The file's content does not match the extension of its name "
        "(for example, a web page named .pdf).",
    ),
    "unsupported-type": (
        REFUSED,
        "This type of file is not supported. Accepted: PDF, DOCX, PPTX, XLSX, ODT, HTML, TXT and "
        "Markdown.",
    ),
    "too-large": (REFUSED, "The file is larger than the size allowed for text extraction."),
    "zip-bomb": (
        REFUSED,
        "The document expands to far more data than its size suggests (a possible 'zip bomb').",
    ),
    "xml-entities": (
        REFUSED,
        "The document declares XML entities or a DTD, which genuine office files never do.",
    ),
    "timeout": (FAILED, "Text extraction took too long and was stopped."),
    "memory": (FAILED, "Text extraction needed more memory than allowed and was stopped."),
    "crashed": (FAILED, "The text extractor stopped unexpectedly on this file."),
    # Notes on an indexed outcome: the text was kept, but not all of it.
    "too-many-pages": (INDEXED, "The document has too many pages; only the first pages were kept."),
    "too-many-characters": (INDEXED, "The text is very long; only its beginning was kept."),
    "ocr-partial": (INDEXED, "The text was read by OCR from the first pages only."),
    "ocr": (INDEXED, "The PDF has no text layer; its text was read by OCR and may contain errors."),
}

REASONS = {code: message for code, (_status, message) in _CATALOGUE.items()}
STATUS_BY_CODE = {code: status for code, (status, _message) in _CATALOGUE.items()}


class ExtractionError(Exception):
    """Raised inside the child when a file cannot or must not be read; carries a reason code."""

    def __init__(self, code: str, detail: str = ""):
        if code not in REASONS:
            raise ValueError(f"unknown reason code {code!r}")
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
