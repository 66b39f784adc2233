"""The periodic reconcile: the index converges to the database whatever was down meanwhile.

1. Index changes still pending after a grace period are sent again (their task never ran, or
   the broker was down when they were recorded).
2. Documents still `pending` after a while are queued again, and documents `processing` for
   longer than the hard time limit (their worker died and the message was acknowledged) too;
   the attempts cap in worker.ingest ends any loop.
3. The engine's ids are compared with the live items: entries of items gone or no longer live
   are removed, live items missing are indexed.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from research.models import ExtractionStatus, ResearchDocument
from search import outbox
from search.backends import SearchUnavailable
from search.indexing import repair_index_drift
from worker.queue import send_extraction

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class ReconcileReport:
    items_sent: list[int] = dataclasses.field(default_factory=list)
    documents_queued: list[int] = dataclasses.field(default_factory=list)
    index_removed: list[int] = dataclasses.field(default_factory=list)
    index_added: list[int] = dataclasses.field(default_factory=list)
    changes_purged: int = 0
    engine_error: str = ""

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def reconcile() -> ReconcileReport:
    report = ReconcileReport()
    report.items_sent = outbox.redispatch_pending(
        timedelta(seconds=settings.INDEX_OUTBOX_GRACE_SECONDS)
    )
    report.documents_queued = requeue_documents()
    try:
        repaired = repair_index_drift()
    except SearchUnavailable as error:
        # The pending changes stay recorded; the next run repairs once the engine is back.
        report.engine_error = str(error)
        logger.warning("reconcile: search engine unavailable: %s", error)
    else:
        report.index_added, report.index_removed = repaired.indexed, repaired.removed
    report.changes_purged = outbox.purge_done()
    if report.items_sent or report.documents_queued or repaired_anything(report):
        logger.info("reconcile: %s", report.as_dict())
    return report


def requeue_documents() -> list[int]:
    """Queue again the documents whose extraction is owed but not under way; their ids."""
    now = timezone.now()
    not_sent_lately = Q(queued_at__isnull=True) | Q(
        queued_at__lte=now - timedelta(seconds=settings.EXTRACTION_REQUEUE_SECONDS)
    )
    # Processing for longer than the hard time limit: its worker died and nobody retries it.
    stuck = Q(processing_started_at__isnull=True) | Q(
        processing_started_at__lte=now - timedelta(seconds=settings.EXTRACTION_STUCK_SECONDS)
    )
    owed = Q(status=ExtractionStatus.PENDING) | (Q(status=ExtractionStatus.PROCESSING) & stuck)
    queued = []
    due = ResearchDocument.objects.filter(owed & not_sent_lately).order_by("pk")
    for document_id, version in due.values_list("pk", "version")[:1000]:
        if not send_extraction(document_id, version):
            break
        queued.append(document_id)
    return queued


def repaired_anything(report: ReconcileReport) -> bool:
    return bool(report.index_added or report.index_removed or report.engine_error)
