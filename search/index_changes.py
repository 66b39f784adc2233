"""Applying the outbox: the items of pending index changes brought up to date, changes marked done.

A task also takes every other change pending when it starts (up to SWEEP_LIMIT items), so many
changes arriving together (an import, a worker extracting file after file) cost one index
commit; the tasks sent for the changes it swept find nothing left to do and stop there.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from search.indexing import IndexingResult, index_items
from search.models import IndexChange

# Items one task brings up to date at most: its own and other pending ones.
SWEEP_LIMIT = 500
# How long after a change is applied a reader may still see the entry before it: an embedded
# index reader in another process picks up a commit after a short delay.
SETTLING = timedelta(seconds=5)


def apply_index_changes(ids: Iterable[int]) -> IndexingResult:
    """Index these items (or remove them) and any other pending ones, then mark done the
    changes that this covered. Items whose changes were all applied already are left alone."""
    wanted = {int(pk) for pk in ids}
    pending = IndexChange.objects.filter(done_at__isnull=True)
    # Rows already committed are covered: index_items reads the database after this.
    own = list(pending.filter(item_id__in=wanted).values_list("pk", "item_id"))
    if wanted and not own and IndexChange.objects.filter(item_id__in=wanted).exists():
        # Recorded, then applied by a task that swept them up: nothing changed since.
        return IndexingResult()
    others = list(
        pending.exclude(item_id__in=wanted)
        .order_by("pk")
        .values_list("pk", "item_id")[: SWEEP_LIMIT * 4]
    )
    swept = {item for _pk, item in others}
    if len(swept) > SWEEP_LIMIT:
        swept = set(sorted(swept)[:SWEEP_LIMIT])
    covered = [pk for pk, _item in own] + [pk for pk, item in others if item in swept]
    result = index_items(wanted | swept)
    for start in range(0, len(covered), 1000):
        chunk = covered[start : start + 1000]
        IndexChange.objects.filter(pk__in=chunk).update(done_at=timezone.now())
    return result


def changing_items() -> QuerySet:
    """The ids of items whose latest change the index may not show yet: still pending, or
    applied less than SETTLING ago."""
    recent = Q(done_at__isnull=True) | Q(done_at__gte=timezone.now() - SETTLING)
    return IndexChange.objects.filter(recent).order_by().values_list("item_id", flat=True)


def index_settled_before(now):
    """A time before which every recorded change is in what searches read: `now` less SETTLING,
    or when the oldest change not applied (or applied less than SETTLING ago) was recorded."""
    recent = Q(done_at__isnull=True) | Q(done_at__gte=now - SETTLING)
    oldest = IndexChange.objects.filter(recent).aggregate(oldest=Min("created_at"))["oldest"]
    return min(now - SETTLING, oldest) if oldest else now - SETTLING
