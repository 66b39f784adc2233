"""Extraction's part of the periodic reconcile: documents whose extraction is owed are queued.

Documents still `pending` after a while are queued again, and documents `processing` for
longer than the hard time limit (their worker died and the message was acknowledged) too;
the attempts cap in worker.ingest ends any loop.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from research.models import ExtractionStatus, ResearchDocument
from worker.queue import send_extraction


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
