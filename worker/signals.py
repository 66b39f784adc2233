"""A new or replaced file queues its extraction once the transaction that stored it commits."""

from django.db.models.signals import post_save

from research.models import ResearchDocument
from worker.queue import queue_extraction_after_commit


def document_saved(sender, instance, **kwargs) -> None:
    if instance.file_changed_on_save:
        queue_extraction_after_commit(instance.pk, instance.version)


def connect_signal_handlers() -> None:
    post_save.connect(document_saved, sender=ResearchDocument, dispatch_uid="worker-file-saved")
