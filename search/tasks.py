"""Celery tasks for the search index: thin wrappers that take primary keys."""

import logging
from dataclasses import asdict

from celery import shared_task

from portal.task_queue import (
    BROKER_ERRORS,
    BROKER_RETRY_POLICY,
    IDEMPOTENT,
    RETRY_OPTIONS,
    TRANSIENT_ERRORS,
)
from search import index_changes, item_embeddings
from search.backends import SearchUnavailable
from search.embedding import current_embedder

logger = logging.getLogger(__name__)

# The engine away or busy (Elasticsearch's 429 and 503 arrive as SearchUnavailable).
INDEXING_TRANSIENT_ERRORS = (SearchUnavailable, *TRANSIENT_ERRORS)


@shared_task(autoretry_for=INDEXING_TRANSIENT_ERRORS, **IDEMPOTENT, **RETRY_OPTIONS)
def index_items_task(ids: list[int]) -> dict:
    """Bring the index in line with the database for these research items, then embed those
    whose text changed (a task of its own: the words are searchable without waiting for it)."""
    result = index_changes.apply_index_changes(ids)
    if result.indexed and current_embedder() is not None:
        try:
            embed_items_task.apply_async((result.indexed,), retry_policy=BROKER_RETRY_POLICY)
        except BROKER_ERRORS:
            logger.exception("search: broker unreachable, items %s not embedded", result.indexed)
    return asdict(result)


@shared_task(autoretry_for=INDEXING_TRANSIENT_ERRORS, **IDEMPOTENT, **RETRY_OPTIONS)
def embed_items_task(ids: list[int]) -> dict:
    """Embed the passages of these items if they changed, then index their vectors."""
    return asdict(item_embeddings.embed_items(ids))
