"""Wagtail's document, carrying what text extraction found in the file."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    PROCESSING = "processing", _("Processing")
    INDEXED = "indexed", _("Indexed")
    FAILED = "failed", _("Failed")
    REFUSED = "refused", _("Refused")


class ResearchDocument(AbstractDocument):
    status = models.CharField(
        _("extraction status"),
        max_length=16,
        choices=ExtractionStatus.choices,
        default=ExtractionStatus.PENDING,
        db_index=True,
    )
    reason = models.TextField(_("reason"), blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)
    mime_type = models.CharField(_("MIME type"), max_length=128, blank=True)
    pages = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    characters = models.PositiveIntegerField(_("characters"), null=True, blank=True)
    detected_language = models.CharField(_("detected language"), max_length=8, blank=True)
    extraction_seconds = models.FloatField(_("extraction time (seconds)"), null=True, blank=True)
    extracted_text = models.TextField(_("extracted text"), blank=True)
    extracted_at = models.DateTimeField(_("extracted at"), null=True, blank=True)

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("choose_document", "Can choose document")]
