"""Celery tasks for the search index: thin wrappers that take primary keys."""

from dataclasses import asdict

from celery import shared_task

from portal.task_queue import IDEMPOTENT, RETRY_OPTIONS, TRANSIENT_ERRORS
from search import index_changes
from search.backends import SearchUnavailable

# The engine away or busy (Elasticsearch's 429 and 503 arrive as SearchUnavailable).
INDEXING_TRANSIENT_ERRORS = (SearchUnavailable, *TRANSIENT_ERRORS)


@shared_task(autoretry_for=INDEXING_TRANSIENT_ERRORS, **IDEMPOTENT, **RETRY_OPTIONS)
def index_items_task(ids: list[int]) -> dict:
    """Bring the index in line with the database for these research items."""
    return asdict(index_changes.apply_index_changes(ids))
