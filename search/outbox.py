"""The index outbox: record a change with the data it concerns, dispatch it after the commit.

`record_index_changes` writes `IndexChange` rows in the caller's transaction; once it commits,
one task per transaction brings those items up to date and marks their rows done
(search.index_changes). If the broker is down the rows stay pending and `redispatch_pending`
(called by the reconcile) sends them later, so nothing recorded is lost.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from portal.task_queue import BROKER_ERRORS, BROKER_RETRY_POLICY
from search.models import IndexChange
from search.tasks import index_items_task

logger = logging.getLogger(__name__)

# Item ids per dispatched task when the reconcile sends a large backlog.
DISPATCH_CHUNK = 500
# Applied rows are kept this long, to read what happened, then purged by the reconcile.
KEEP_DONE = timedelta(days=7)

# Changes recorded in this thread whose transaction has not committed yet: one dispatch per
# transaction, however many rows it wrote (a publish writes several).
_local = threading.local()


def record_index_changes(ids: Iterable[int], change: str) -> None:
    """Record, in the current transaction, that these items' index entries must be refreshed."""
    wanted = sorted({int(pk) for pk in ids})
    if not wanted:
        return
    IndexChange.objects.bulk_create([IndexChange(item_id=pk, change=change[:255]) for pk in wanted])
    _unsent().append((wanted, change))
    transaction.on_commit(_send_unsent)


def _unsent() -> list[tuple[list[int], str]]:
    if not hasattr(_local, "unsent"):
        _local.unsent = []
    return _local.unsent


def _send_unsent() -> None:
    # Rows of a rolled-back transaction may be in the list too: sending their ids only
    # refreshes those items once more, which is harmless.
    unsent = _unsent()
    batches, unsent[:] = list(unsent), []
    if batches:
        ids = sorted({pk for wanted, _change in batches for pk in wanted})
        changes = "; ".join(dict.fromkeys(change for _wanted, change in batches))
        dispatch(ids, changes)


def dispatch(ids: list[int], change: str) -> bool:
    """Queue the indexing task for these items; False (logged) if the broker is unreachable."""
    try:
        index_items_task.apply_async((ids,), retry_policy=BROKER_RETRY_POLICY)
    except BROKER_ERRORS:
        logger.exception(
            "search: broker unreachable, research items %s not reindexed yet after %s; "
            "the reconcile will send them",
            ids,
            change,
        )
        return False
    return True


def redispatch_pending(older_than: timedelta) -> list[int]:
    """Send the items of changes still pending after `older_than`; the ids sent."""
    cutoff = timezone.now() - older_than
    pending = IndexChange.objects.filter(done_at__isnull=True, created_at__lte=cutoff)
    ids = sorted(set(pending.values_list("item_id", flat=True)))
    sent: list[int] = []
    for start in range(0, len(ids), DISPATCH_CHUNK):
        chunk = ids[start : start + DISPATCH_CHUNK]
        if not dispatch(chunk, "reconcile"):
            break
        sent.extend(chunk)
    return sent


def purge_done() -> int:
    """Delete rows applied more than KEEP_DONE ago, except each item's newest: it is the item's
    version in the index (search.indexing.item_versions), which must never go back."""
    newest = IndexChange.objects.order_by().values("item_id").annotate(newest=Max("pk"))
    old = IndexChange.objects.filter(done_at__lte=timezone.now() - KEEP_DONE)
    deleted, _ = old.exclude(pk__in=newest.values("newest")).delete()
    return deleted
