"""The periodic reconcile: whatever was down meanwhile, extraction and the index converge.

Each stage reconciles its own work (worker.reconcile, search.reconcile); the site runs both,
extraction first, so the text it queues is indexed by the outbox like any other change.
"""

from __future__ import annotations

import dataclasses
import logging

from search.reconcile import IndexReconcile, reconcile_index
from worker.reconcile import requeue_documents

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class ReconcileReport(IndexReconcile):
    """What the index's reconcile did, and the documents queued for extraction again."""

    documents_queued: list[int] = dataclasses.field(default_factory=list)

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def reconcile() -> ReconcileReport:
    documents_queued = requeue_documents()
    index = reconcile_index()
    report = ReconcileReport(documents_queued=documents_queued, **dataclasses.asdict(index))
    if report.items_sent or report.documents_queued or repaired_anything(report):
        logger.info("reconcile: %s", report.as_dict())
    return report


def repaired_anything(report: ReconcileReport) -> bool:
    return bool(report.index_added or report.index_removed or report.engine_error)
