"""E-mail digests: each due saved search's new items, claimed once per period, then sent.

`send_due_digests` is what beat runs (alerts.tasks). For each member and language it gathers
the saved searches due in the current period, finds what is new to the member in each
(alerts.novelty: visible to them now, not before, matching the search run as them), claims a
`Digest` row per saved search and period — the unique constraint makes a second beat or a
restarted worker find it taken — records the items, then sends one e-mail grouped per saved
search. A claimed digest is never sent again: at most once, even when the sending fails.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from itertools import groupby

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from alerts.mail import DigestSection, send_digest
from alerts.models import Digest, Frequency, SavedSearch, SentItem
from alerts.novelty import forget_old_changes, matching, new_items
from alerts.periods import Period, current_period
from search.index_changes import index_settled_before

logger = logging.getLogger(__name__)


@dataclass
class DigestRun:
    """What one run did: e-mails sent or failed, saved searches with nothing new."""

    sent: int = 0
    failed: int = 0
    empty: int = 0
    items: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


def send_due_digests(now=None) -> DigestRun:
    """Send every digest due at `now` (daily, then weekly); safe to run as often as wanted."""
    now = now or timezone.now()
    run = DigestRun()
    until = index_settled_before(now)
    for frequency in (Frequency.DAILY, Frequency.WEEKLY):
        period = current_period(frequency, now)
        due = due_saved_searches(period).order_by("owner_id", "language", "pk")
        for _key, group in groupby(due, key=lambda saved: (saved.owner_id, saved.language)):
            _send_group(list(group), period, until, run)
    forget_old_changes(now)
    return run


def due_saved_searches(period: Period):
    """Saved searches of this frequency, older than the period, without a digest for it."""
    claimed = Digest.objects.filter(period=period.key).values("saved_search")
    return (
        SavedSearch.objects.filter(frequency=period.frequency, created_at__lt=period.start)
        .filter(owner__is_active=True)
        .exclude(owner__email="")
        .exclude(pk__in=claimed)
        .select_related("owner")
    )


def _send_group(group: list[SavedSearch], period: Period, until, run: DigestRun) -> None:
    found = {saved.pk: _new_for(saved, until) for saved in group}
    claimed = _claim(group, found, period, until)
    if not claimed:
        return
    sections = [
        DigestSection(saved, items, more)
        for saved, items, more in claimed
        if items or more  # a section lists what is new; searches with nothing stay quiet
    ]
    digests = Digest.objects.filter(saved_search__in=[saved for saved, *_ in claimed])
    digests = digests.filter(period=period.key)
    if not sections:
        digests.update(status=Digest.Status.EMPTY)
        run.empty += len(claimed)
        return
    try:
        sent = send_digest(group[0].owner, group[0].language, sections)
    except Exception as error:  # any backend's failure; recorded, never retried (at most once)
        logger.exception("alerts: the digest for user %s could not be sent", group[0].owner_id)
        digests.update(status=Digest.Status.FAILED, error=repr(error)[:2000])
        run.failed += 1
        return
    if not sent:  # what was found is no longer visible to them: nothing goes out
        digests.update(status=Digest.Status.EMPTY)
        run.empty += len(claimed)
        return
    digests.update(status=Digest.Status.SENT, sent_at=timezone.now())
    run.sent += 1
    run.items += sum(len(section.items) for section in sections)


def _new_for(saved: SavedSearch, until) -> list[int]:
    if until <= saved.last_digest_at:
        return []
    sent = SentItem.objects.filter(saved_search=saved).values_list("item_id", flat=True)
    candidates = new_items(saved.owner, saved.last_digest_at, until) - set(sent)
    return matching(saved, candidates, limit=settings.DIGEST_ITEMS_PER_SEARCH + 1)


def _claim(group, found, period: Period, until) -> list[tuple[SavedSearch, list[int], bool]]:
    """Insert each saved search's Digest row and its items; those another run holds are left."""
    claimed = []
    for saved in group:
        ids = found[saved.pk]
        shown = ids[: settings.DIGEST_ITEMS_PER_SEARCH]
        more = len(ids) > len(shown)
        try:
            with transaction.atomic():
                digest = Digest.objects.create(
                    saved_search=saved,
                    period=period.key,
                    window_start=saved.last_digest_at,
                    window_end=until,
                    status=Digest.Status.SENDING,
                )
                SentItem.objects.bulk_create(
                    SentItem(saved_search=saved, digest=digest, item_id=pk) for pk in shown
                )
                SavedSearch.objects.filter(pk=saved.pk).update(last_digest_at=until)
        except IntegrityError:
            continue  # another beat or an earlier run of this one took it
        claimed.append((saved, shown, more))
    return claimed
