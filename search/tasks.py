"""Celery tasks for the search index: thin wrappers that take primary keys."""

from dataclasses import asdict

from celery import shared_task

from search import indexing


@shared_task
def index_items_task(ids: list[int]) -> dict:
    """Bring the index in line with the database for these research items."""
    return asdict(indexing.index_items(ids))
