"""Indexing follows publishing: each change to a research item schedules its (re)indexing.

The task runs after the transaction commits, so the worker reads what was saved, and takes only
primary keys: it indexes the items that are live and removes the others from the index.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models.signals import post_delete
from kombu.exceptions import OperationalError
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from research.models import ResearchPage
from search.tasks import index_items_task

logger = logging.getLogger(__name__)

# An editor's request waits for the broker at most this long; one quick retry covers a blip.
BROKER_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5}


def schedule_indexing(ids: Iterable[int], change: str) -> None:
    """Once the current transaction commits, have the worker bring these items' index up to date."""
    wanted = sorted({int(pk) for pk in ids})
    if wanted:
        transaction.on_commit(lambda: _send(wanted, change))


def _send(ids: list[int], change: str) -> None:
    try:
        index_items_task.apply_async((ids,), retry_policy=BROKER_RETRY_POLICY)
    except (OperationalError, OSError):
        # The change is saved; only the index lags until the next `search_reindex`. An outbox
        # with a periodic reconcile (a later issue) will make this catch up on its own.
        logger.exception(
            "search: broker unreachable, research items %s not reindexed after %s", ids, change
        )


def item_published(sender, instance, **kwargs) -> None:
    schedule_indexing([instance.pk], f"publishing {_described(instance)}")


def item_unpublished(sender, instance, **kwargs) -> None:
    schedule_indexing([instance.pk], f"unpublishing {_described(instance)}")


def item_deleted(sender, instance, **kwargs) -> None:
    # Deleting a parent page deletes its research items too, each sending post_delete.
    schedule_indexing([instance.pk], f"deleting {_described(instance)}")


def page_path_changed(sender, instance, **kwargs) -> None:
    """A move or a slug change alters the URL of the page and of every item beneath it."""
    items = ResearchPage.objects.descendant_of(instance, inclusive=True)
    ids = list(items.values_list("pk", flat=True))
    schedule_indexing(ids, f"moving or renaming {_described(instance)}")


def connect_signal_handlers() -> None:
    page_published.connect(item_published, sender=ResearchPage, dispatch_uid="search-published")
    page_unpublished.connect(
        item_unpublished, sender=ResearchPage, dispatch_uid="search-unpublished"
    )
    post_delete.connect(item_deleted, sender=ResearchPage, dispatch_uid="search-deleted")
    # Any page may be an ancestor of research items, so these listen to every page type.
    post_page_move.connect(page_path_changed, dispatch_uid="search-moved")
    page_slug_changed.connect(page_path_changed, dispatch_uid="search-slug-changed")


def _described(page) -> str:
    return f"page {page.pk} «{page.title}»"
