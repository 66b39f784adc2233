"""The admin's document form: a file is accepted only if extraction can read its content.

It lives with extraction, which knows the types (worker.extract.detect); Wagtail builds every
document form on it (WAGTAILDOCS_DOCUMENT_FORM_BASE).
"""

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents.forms import BaseDocumentForm

from worker.extract.detect import UNKNOWN, detect_type, name_matches

# What the content may be, whatever the name says (worker.extract.detect's kinds).
TYPE_NAMES = {
    "pdf": "PDF",
    "docx": "Word (DOCX)",
    "pptx": "PowerPoint (PPTX)",
    "xlsx": "Excel (XLSX)",
    "odt": "OpenDocument (ODT)",
    "html": "HTML",
    "text": gettext_lazy("text / Markdown"),
}


class ResearchDocumentForm(BaseDocumentForm):
    """Wagtail's form, which checks the size and the extension, plus the detected type.

    Errors land on the file field, so the multiple upload refuses the file at once and
    stores nothing (Wagtail keeps an upload only when another field fails).
    """

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not isinstance(uploaded, UploadedFile) or not _extension_allowed(uploaded.name):
            return uploaded  # no new file; or a refused extension, which Wagtail reports
        kind = _detected_kind(uploaded)
        if kind == UNKNOWN or kind not in TYPE_NAMES:
            raise ValidationError(
                _(
                    "This file's content is not a document Passerelle can read (%(types)s), "
                    "whatever its name says."
                )
                % {"types": ", ".join(str(name) for name in TYPE_NAMES.values())},
                code="unsupported_type",
            )
        if not name_matches(kind, uploaded.name):
            raise ValidationError(
                _("This file's content is %(type)s, which its extension %(suffix)s does not say.")
                % {"type": TYPE_NAMES[kind], "suffix": PurePath(uploaded.name).suffix.lower()},
                code="mismatched_type",
            )
        return uploaded

    def _post_clean(self):
        # Wagtail's model clean() checks the extension again, of a file the field has already
        # refused (so of no file: "extension « » not allowed"); the field's reason is the one.
        field_errors = list(self._errors.get("file", ()))
        super()._post_clean()
        if field_errors:
            self._errors["file"] = self.error_class(field_errors)


def _extension_allowed(name: str) -> bool:
    return PurePath(name).suffix.lower().lstrip(".") in settings.WAGTAILDOCS_EXTENSIONS


def _detected_kind(uploaded: UploadedFile) -> str:
    """The content's type, sniffed from the temporary file or the bytes in memory."""
    if hasattr(uploaded, "temporary_file_path"):
        return detect_type(uploaded.temporary_file_path()).kind
    position = uploaded.tell()
    uploaded.seek(0)
    try:
        return detect_type(uploaded.read()).kind
    finally:
        uploaded.seek(position)
