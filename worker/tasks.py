"""Celery tasks of the ingest pipeline: thin wrappers that take primary keys.

Both are idempotent (a rerun writes the same or nothing), so they are acknowledged only once
done and requeued if their worker dies: a SIGKILL loses no document.
"""

from dataclasses import asdict

from celery import shared_task

from worker import ingest
from worker.reconcile import reconcile
from worker.retry import retrying_transient

IDEMPOTENT = {"acks_late": True, "reject_on_worker_lost": True, "max_retries": 5}


@shared_task(bind=True, **IDEMPOTENT)
def process_document_task(self, document_id: int, version: int) -> dict:
    """Extract the text of this version of the document and reindex the items showing it."""
    with retrying_transient(self):
        return asdict(ingest.process_document(document_id, version))


@shared_task(acks_late=True, reject_on_worker_lost=True)
def reconcile_task() -> dict:
    """Send what is still pending and repair the index; beat runs it every minute."""
    return reconcile().as_dict()
