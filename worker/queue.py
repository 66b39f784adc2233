"""Sending extraction tasks: after the commit that stored the file, and again from the reconcile.

A document with status `pending` is the durable record that extraction is owed; sending the
task is only a nudge, so a broker that is down loses nothing.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from research.models import ResearchDocument
from search.outbox import BROKER_ERRORS, BROKER_RETRY_POLICY

logger = logging.getLogger(__name__)


def queue_extraction_after_commit(document_id: int, version: int) -> None:
    transaction.on_commit(lambda: send_extraction(document_id, version))


def send_extraction(document_id: int, version: int) -> bool:
    """Queue extraction of this version; False (logged) if the broker is unreachable."""
    from worker.tasks import process_document_task

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
