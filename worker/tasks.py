"""Celery tasks of the ingest pipeline: thin wrappers that take primary keys."""

from dataclasses import asdict

from celery import shared_task

from portal.task_queue import IDEMPOTENT, RETRY_OPTIONS, TRANSIENT_ERRORS
from worker import ingest


@shared_task(autoretry_for=TRANSIENT_ERRORS, **IDEMPOTENT, **RETRY_OPTIONS)
def process_document_task(document_id: int, version: int) -> dict:
    """Extract the text of this version of the document; extraction announces what it wrote."""
    return asdict(ingest.process_document(document_id, version))
