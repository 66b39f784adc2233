"""Wait until the documents an import stored have been through text extraction."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from time import monotonic, sleep

from django.db.models import Count

from research.models import ExtractionStatus, ResearchDocument

WAITING = (ExtractionStatus.PENDING, ExtractionStatus.PROCESSING)
UNSUCCESSFUL = (ExtractionStatus.FAILED, ExtractionStatus.REFUSED)


@dataclass
class WaitResult:
    finished: bool
    waiting: int
    counts: dict[str, int] = field(default_factory=dict)
    unsuccessful: list[ResearchDocument] = field(default_factory=list)


def wait_for_documents(
    ids: Collection[int],
    *,
    timeout: float,
    interval: float = 0.5,
    on_progress: Callable[[int, int], None] | None = None,
) -> WaitResult:
    """Poll the database until none of these documents is pending or processing, or time is up."""
    documents = ResearchDocument.objects.filter(pk__in=ids)
    deadline = monotonic() + timeout
    while True:
        waiting = documents.filter(status__in=WAITING).count()
        if on_progress is not None:
            on_progress(len(ids) - waiting, len(ids))
        remaining = deadline - monotonic()
        if not waiting or remaining <= 0:
            break
        sleep(min(interval, remaining))
    found = dict(documents.values_list("status").annotate(n=Count("pk")).order_by())
    # In the pipeline's order: pending, processing, indexed, failed, refused.
    counts = {status: found[status] for status in ExtractionStatus.values if status in found}
    unsuccessful = list(documents.filter(status__in=UNSUCCESSFUL).order_by("title", "pk"))
    return WaitResult(not waiting, waiting, counts, unsuccessful)
