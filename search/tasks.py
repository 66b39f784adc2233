"""Celery tasks for the search index: thin wrappers that take primary keys."""

from dataclasses import asdict

from celery import shared_task

from search import outbox
from worker.retry import retrying_transient


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=5)
def index_items_task(self, ids: list[int]) -> dict:
    """Bring the index in line with the database for these research items."""
    with retrying_transient(self):
        return asdict(outbox.apply_index_changes(ids))
