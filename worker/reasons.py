"""Reason codes → the sentence an analyst reads, translated at display time (one table).

The codes come from worker.extract.reasons (what extraction found) and from the pipeline itself
(what happened to the task). The English wording matches worker.extract.reasons.REASONS.
"""

from django.utils.translation import gettext_lazy as _

# The pipeline's own codes, next to extraction's.
GAVE_UP = "worker-crashed"
FILE_MISSING = "file-missing"

MESSAGES = {
    "empty-file": _("The file is empty."),
    "truncated-file": _("The file is incomplete: it was cut off before its end."),
    "corrupt": _("The file is damaged or is not a valid document of its type."),
    "encrypted-pdf": _("The PDF is password-protected, so its text cannot be read."),
    "no-text-layer": _(
        "The PDF has no text layer (it is scanned images) and OCR is not available on this server."
    ),
    "ocr-no-text": _("The PDF has no text layer and OCR found no readable text in it."),
    "no-text": _("The document contains no text."),
    "type-mismatch": _(
        "The file's content does not match the extension of its name "
        "(for example, a web page named .pdf)."
    ),
    "unsupported-type": _(
        "This type of file is not supported. Accepted: PDF, DOCX, PPTX, XLSX, ODT, HTML, TXT and "
        "Markdown."
    ),
    "too-large": _("The file is larger than the size allowed for text extraction."),
    "zip-bomb": _(
        "The document expands to far more data than its size suggests (a possible 'zip bomb')."
    ),
    "xml-entities": _(
        "The document declares XML entities or a DTD, which genuine office files never do."
    ),
    "timeout": _("Text extraction took too long and was stopped."),
    "memory": _("Text extraction needed more memory than allowed and was stopped."),
    "crashed": _("The text extractor stopped unexpectedly on this file."),
    "too-many-pages": _("The document has too many pages; only the first pages were kept."),
    "too-many-characters": _("The text is very long; only its beginning was kept."),
    "ocr-partial": _("The text was read by OCR from the first pages only."),
    "ocr": _("The PDF has no text layer; its text was read by OCR and may contain errors."),
    GAVE_UP: _(
        "Text extraction was given up after %(attempts)s attempts: each one stopped before "
        "finishing."
    ),
    FILE_MISSING: _("The file could not be found in storage."),
}

# English, stored next to the code for logs and commands that print without a language.
ENGLISH = {
    GAVE_UP: "Text extraction was given up after %(attempts)s attempts: each one stopped before "
    "finishing.",
    FILE_MISSING: "The file could not be found in storage.",
}


def reason_message(code: str, *, attempts: int = 0) -> str:
    """The sentence for `code` in the active language; "" for no code or an unknown one."""
    message = MESSAGES.get(code)
    if message is None:
        return ""
    return str(message) % {"attempts": attempts} if code == GAVE_UP else str(message)
