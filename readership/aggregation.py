"""What beat runs: move buffered records into the database, count them, forget the old ones.

Counting a reading: a view or download counts once per client, item and kind within
DOUBLE_CLICK_SECONDS of one already counted (COUNTER's double-click rule). Each day of an item
that got new events is recounted from its raw events, so a rerun gives the same numbers.
Raw events older than RAW_EVENT_DAYS are deleted; so are unmet searches older than
UNMET_SEARCH_DAYS.
"""

from __future__ import annotations

import json
import logging
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from readership import buffer
from readership.models import DailyReading, PendingSearch, ReadingEvent, UnmetSearch
from research.models import ResearchPage

logger = logging.getLogger(__name__)

DOUBLE_CLICK_SECONDS = 30
RAW_EVENT_DAYS = 30
UNMET_SEARCH_DAYS = 366
BATCH = 5_000


@dataclass
class AggregationReport:
    moved: int = 0
    counted: int = 0
    repeats: int = 0
    searches: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def aggregate(now: datetime | None = None) -> AggregationReport:
    """Move what Redis holds, count pending readings, fold pending searches."""
    report = AggregationReport(moved=move_from_redis())
    while True:
        counted, repeats = count_pending_readings(now)
        report.counted += counted
        report.repeats += repeats
        if counted + repeats < BATCH:
            break
    report.searches = fold_pending_searches()
    return report


def move_from_redis() -> int:
    """The records the web processes pushed to Redis, into the raw tables (in batches)."""
    if not settings.READERSHIP_REDIS_URL:
        return 0
    client = buffer.redis_client()
    moved = 0
    while True:
        messages = client.lrange(buffer.REDIS_KEY, 0, BATCH - 1)
        if not messages:
            return moved
        readings, searches = [], []
        for message in messages:
            record = json.loads(message)
            (readings if "reading" in record else searches).append(
                record.get("reading") or record.get("search")
            )
        # Stored before trimmed: a crash in between stores them again, skipped by their uid.
        buffer.store_rows(readings, searches)
        client.ltrim(buffer.REDIS_KEY, len(messages), -1)
        moved += len(messages)


@transaction.atomic
def count_pending_readings(now: datetime | None = None) -> tuple[int, int]:
    """Decide which pending events count, then recount the days they fell on."""
    oldest_kept = _raw_cutoff(now)
    pending = list(
        ReadingEvent.objects.filter(counted__isnull=True).order_by("occurred_at", "pk")[:BATCH]
    )
    if not pending:
        return 0, 0
    window = timedelta(seconds=DOUBLE_CLICK_SECONDS)
    earlier = ReadingEvent.objects.filter(
        counted=True,
        client_key__in={event.client_key for event in pending},
        occurred_at__gte=pending[0].occurred_at - window,
        occurred_at__lte=pending[-1].occurred_at + window,
    ).values_list("client_key", "kind", "occurred_at")
    counted_at: dict[tuple[str, str], list[datetime]] = defaultdict(list)
    for key, kind, occurred_at in earlier:
        counted_at[key, kind].append(occurred_at)
    counts, repeats, touched = [], [], set()
    for event in pending:
        times = counted_at[event.client_key, event.kind]
        # Too old to recount its day without the raw events already deleted: dropped.
        if event.day < oldest_kept or any(abs(event.occurred_at - t) < window for t in times):
            repeats.append(event.pk)
            continue
        times.append(event.occurred_at)
        counts.append(event.pk)
        touched.add((event.day, event.item_id))
    ReadingEvent.objects.filter(pk__in=counts).update(counted=True)
    ReadingEvent.objects.filter(pk__in=repeats).update(counted=False)
    recount_days(touched)
    return len(counts), len(repeats)


def recount_days(pairs: set[tuple[date, int]]) -> None:
    """Replace the daily counts of these (day, item) pairs by the count of their raw events."""
    existing = set(
        ResearchPage.objects.filter(pk__in={item for _day, item in pairs}).values_list(
            "pk", flat=True
        )
    )
    for day, item_id in sorted(pairs):
        if item_id not in existing:
            continue  # deleted since it was read
        totals = (
            ReadingEvent.objects.filter(day=day, item_id=item_id, counted=True)
            .values("kind", "audience")
            .annotate(count=Count("pk"))
        )
        DailyReading.objects.filter(day=day, item_id=item_id).delete()
        DailyReading.objects.bulk_create(
            DailyReading(day=day, item_id=item_id, **row) for row in totals
        )


@transaction.atomic
def fold_pending_searches() -> int:
    """Add the pending searches to the daily counts of unmet searches, then delete them."""
    pending = PendingSearch.objects.order_by("pk")
    batch = list(pending[:BATCH].values_list("pk", flat=True))
    if not batch:
        return 0
    totals = (
        PendingSearch.objects.filter(pk__in=batch)
        .values("day", "query", "parameters", "language")
        .annotate(count=Count("pk"))
    )
    for row in totals:
        count = row.pop("count")
        updated = UnmetSearch.objects.filter(**row).update(count=F("count") + count)
        if not updated:
            UnmetSearch.objects.create(**row, count=count)
    PendingSearch.objects.filter(pk__in=batch).delete()
    return len(batch)


def purge(now: datetime | None = None) -> dict[str, int]:
    """Forget raw readings past RAW_EVENT_DAYS and unmet searches past UNMET_SEARCH_DAYS."""
    today = timezone.localdate(now)
    # Counted first, so no pending event of a day about to go is lost uncounted.
    aggregate(now)
    raw, _ = ReadingEvent.objects.filter(day__lt=_raw_cutoff(now)).delete()
    unmet_cutoff = today - timedelta(days=UNMET_SEARCH_DAYS)
    unmet, _ = UnmetSearch.objects.filter(day__lt=unmet_cutoff).delete()
    return {"raw_events": raw, "unmet_searches": unmet}


def _raw_cutoff(now: datetime | None) -> date:
    return timezone.localdate(now) - timedelta(days=RAW_EVENT_DAYS)
