"""Indexing's part of the periodic reconcile: the index converges to the database.

1. Index changes still pending after a grace period are sent again (their task never ran, or
   the broker was down when they were recorded).
2. The engine's ids are compared with the live items: entries of items gone or no longer live
   are removed, live items missing are indexed.
3. Applied changes older than a week are purged.
4. Live items without vectors of the current model are sent to be embedded (the model was
   away or changed); an item whose text changed is embedded again after its indexing.
"""

from __future__ import annotations

import dataclasses
import logging
from datetime import timedelta

from django.conf import settings

from portal.task_queue import BROKER_ERRORS, BROKER_RETRY_POLICY
from search import outbox
from search.backends import SearchUnavailable
from search.indexing import repair_index_drift
from search.item_embeddings import items_to_embed
from search.tasks import embed_items_task

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class IndexReconcile:
    items_sent: list[int] = dataclasses.field(default_factory=list)
    index_removed: list[int] = dataclasses.field(default_factory=list)
    index_added: list[int] = dataclasses.field(default_factory=list)
    changes_purged: int = 0
    items_to_embed: list[int] = dataclasses.field(default_factory=list)
    engine_error: str = ""


def reconcile_index() -> IndexReconcile:
    report = IndexReconcile()
    report.items_sent = outbox.redispatch_pending(
        timedelta(seconds=settings.INDEX_OUTBOX_GRACE_SECONDS)
    )
    try:
        repaired = repair_index_drift()
    except SearchUnavailable as error:
        # The pending changes stay recorded; the next run repairs once the engine is back.
        report.engine_error = str(error)
        logger.warning("reconcile: search engine unavailable: %s", error)
    else:
        report.index_added, report.index_removed = repaired.indexed, repaired.removed
    report.changes_purged = outbox.purge_done()
    report.items_to_embed = items_to_embed()
    if report.items_to_embed:
        try:
            embed_items_task.apply_async((report.items_to_embed,), retry_policy=BROKER_RETRY_POLICY)
        except BROKER_ERRORS:
            logger.warning("reconcile: broker unreachable, items not sent to be embedded")
    return report
