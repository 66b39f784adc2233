"""Wagtail's document, carrying what text extraction found in the file."""

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document

from research.extraction_reasons import ENGLISH, GAVE_UP


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PROCESSING = "processing", _("Processing")
    INDEXED = "indexed", _("Indexed")
    FAILED = "failed", _("Failed")
    REFUSED = "refused", _("Refused")


# What the pipeline records about a file; reset when the file changes.
EXTRACTION_FIELDS = (
    "status", "reason_code", "reason", "sha256", "mime_type", "pages", "characters",
    "detected_language", "extraction_seconds", "extracted_text", "extracted_at", "version",
    "attempts", "queued_at", "processing_started_at",
)  # fmt: skip


class ResearchDocument(AbstractDocument):
    status = models.CharField(
        _("extraction status"),
        max_length=16,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
        db_index=True,
    )
    # The code is what the pipeline records; `reason_text` renders it in the reader's language.
    reason_code = models.CharField(_("reason code"), max_length=32, blank=True)
    reason = models.TextField(_("reason"), blank=True)  # English, for logs and commands
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    mime_type = models.CharField(_("MIME type"), max_length=128, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    characters = models.PositiveIntegerField(_("characters"), null=True, blank=True)
    detected_language = models.CharField(_("detected language"), max_length=8, blank=True)
    extraction_seconds = models.FloatField(_("extraction time (seconds)"), null=True, blank=True)
    extracted_text = models.TextField(_("extracted text"), blank=True)
    extracted_at = models.DateTimeField(_("extracted at"), null=True, blank=True)
    # Raised whenever the file changes: an extraction task carries the version it was queued
    # for and writes only if the document still has it, so stale work never lands.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    # Extraction starts for the current version, counted before each start so a file that
    # kills its worker every time is given up on (see worker.ingest.max_attempts).
    attempts = models.PositiveSmallIntegerField(_("extraction attempts"), default=0)
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True, editable=False)
    processing_started_at = models.DateTimeField(
        _("processing started at"), null=True, blank=True, editable=False
    )

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("choose_document", "Can choose document")]

    # Set by save(): True when this save stored a new file (or the first one), so signal
    # handlers know to queue extraction and reindex the items that link the document.
    file_changed_on_save = False

    def save(self, *args, **kwargs):
        with transaction.atomic():
            self.file_changed_on_save = self._file_changed()
            if self.file_changed_on_save:
                self._forget_extraction()
                if kwargs.get("update_fields") is not None:
                    kwargs["update_fields"] = {*kwargs["update_fields"], *EXTRACTION_FIELDS}
            super().save(*args, **kwargs)

    @property
    def reason_text(self) -> str:
        """Why the document ended as it did, in the active language ("" when nothing to say)."""
        english = ENGLISH.get(self.reason_code)
        if english is None:  # no code, or one this version does not know: the stored English
            return self.reason
        message = gettext(english)
        return message % {"attempts": self.attempts} if self.reason_code == GAVE_UP else message

    def _file_changed(self) -> bool:
        if self.pk is None:
            return True
        # Locked, so two saves replacing the file at once still get distinct versions.
        previous = (
            type(self)
            .objects.select_for_update()
            .filter(pk=self.pk)
            .values("file", "version")
            .first()
        )
        if previous is None:
            return True
        self.version = previous["version"]
        if previous["file"] == self.file.name and getattr(self.file, "_committed", True):
            return False
        self.version += 1
        return True

    def _forget_extraction(self) -> None:
        """A new file: what was extracted from the old one no longer holds."""
        self.status = ExtractionStatus.PENDING
        self.reason_code = self.reason = ""
        self.sha256 = self.mime_type = self.detected_language = self.extracted_text = ""
        self.pages = self.characters = self.extraction_seconds = None
        self.extracted_at = self.processing_started_at = None
        self.attempts = 0
        # Queued by the commit of this save; the reconcile steps in only if that send fails.
        self.queued_at = timezone.now()
