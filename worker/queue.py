"""Sending extraction tasks: after the commit that stored the file, and again from the reconcile.

A document with status `pending` is the durable record that extraction is owed; sending the
task is only a nudge, so a broker that is down loses nothing.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from portal.task_queue import BROKER_ERRORS, BROKER_RETRY_POLICY
from research.models import ExtractionStatus, ResearchDocument
from worker.tasks import process_document_task

logger = logging.getLogger(__name__)


def queue_extraction_after_commit(document_id: int, version: int) -> None:
    transaction.on_commit(lambda: send_extraction(document_id, version))


def send_extraction(document_id: int, version: int) -> bool:
    """Queue extraction of this version; False (logged) if the broker is unreachable."""
    try:
        process_document_task.apply_async((document_id, version), retry_policy=BROKER_RETRY_POLICY)
    except BROKER_ERRORS:
        logger.exception(
            "ingest: broker unreachable, extraction of document %s v%s not queued yet; "
            "the reconcile will queue it",
            document_id,
            version,
        )
        return False
    ResearchDocument.objects.filter(pk=document_id, version=version).update(
        queued_at=timezone.now()
    )
    return True


def retry_failed_documents() -> list[int]:
    """Put failed documents back to `pending` with a fresh attempts count, queued after commit.

    The version stays: the file is the same, and `pending` with attempts below the cap is what
    lets `worker.ingest.claim` take the document again. Refused files are left alone, since
    the same bytes would be refused for the same reason.
    """
    with transaction.atomic():
        failed = ResearchDocument.objects.select_for_update().filter(status=ExtractionStatus.FAILED)
        due = list(failed.order_by("pk").values_list("pk", "version"))
        ids = [pk for pk, _version in due]
        ResearchDocument.objects.filter(pk__in=ids, status=ExtractionStatus.FAILED).update(
            status=ExtractionStatus.PENDING,
            reason_code="",
            reason="",
            attempts=0,
            queued_at=timezone.now(),
            processing_started_at=None,
        )
        transaction.on_commit(lambda: send_extractions(due))
    return ids


def send_extractions(due: list[tuple[int, int]]) -> None:
    """Send each (document, version); stop at the first broker failure, the reconcile resumes."""
    for document_id, version in due:
        if not send_extraction(document_id, version):
            break
