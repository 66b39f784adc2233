"""What is new to a member in a saved search since a time, judged by their access now.

An item is new when the member may see it now and could not at `since`: it was published,
its access widened to include them, or they joined the organisation that grants it. What an
item was at `since` comes from its first `AccessChange` after it (the row as it stood before
that save), or from the item itself when nothing changed; what the member was, from the
memberships they already held. The saved search then runs as the member's viewer, restricted
to those items, so the search's own access filter and re-check have the last word.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Q

from alerts.models import AccessChange, SavedSearch
from alerts.queries import search_request
from exchange.results import matching_ids
from research.access import EVERYONE, Viewer, access_organisations, member_viewer, viewer_for
from research.models import ResearchPage
from search.service import search

# Changes are kept this long (each digest run deletes older ones): "new since" reaches back at
# most this far.
KEEP_CHANGES = datetime.timedelta(days=90)
# The most recently changed items considered at once: an import of thousands is news in bulk.
CANDIDATE_LIMIT = 2000

State = tuple[bool, str, str]  # live, access level, organisation slug


def viewer_at(user, when: datetime.datetime) -> Viewer:
    """The member's viewer with only the memberships they held at `when`."""
    if user.is_superuser:
        return EVERYONE
    held = user.memberships.filter(created_at__lte=when)
    return member_viewer(held.values_list("organisation__slug", flat=True))


def new_items(user, since: datetime.datetime, until: datetime.datetime | None = None) -> set[int]:
    """Items `user` may see now and could not see at `since`, made so before `until`."""
    now_viewer, then_viewer = viewer_for(user), viewer_at(user, since)
    before = _states_at(since, until)
    if then_viewer != now_viewer:
        gained = ResearchPage.objects.live().filter(now_viewer.database_filter())
        gained = gained.exclude(then_viewer.database_filter())
        for pk in gained.order_by("-pk").values_list("pk", flat=True)[:CANDIDATE_LIMIT]:
            before.setdefault(pk, None)
    current = ResearchPage.objects.current_access(list(before))
    found = set()
    for pk, state in before.items():
        visible_now = pk in current and _sees(now_viewer, current[pk])
        if visible_now and not _sees(then_viewer, state or current[pk]):
            found.add(pk)
    return found


def matching(saved: SavedSearch, candidates: Iterable[int], limit: int) -> list[int]:
    """Of these items, those the saved search finds for its owner, newest first."""
    within = frozenset(candidates)
    if not within:
        return []
    request = search_request(saved.query, viewer_for(saved.owner), sort="newest", within=within)
    return matching_ids(request, limit)


def count_new(saved: SavedSearch, since: datetime.datetime) -> int:
    """How many items the saved search finds that are new to its owner since `since`."""
    within = frozenset(new_items(saved.owner, since))
    if not within:
        return 0
    request = search_request(
        saved.query, viewer_for(saved.owner), within=within, size=1, facets=(), histogram=False
    )
    return search(request).total


def forget_old_changes(now: datetime.datetime) -> int:
    """Delete the access changes older than KEEP_CHANGES; how many."""
    deleted, _ = AccessChange.objects.filter(changed_at__lt=now - KEEP_CHANGES).delete()
    return deleted


def _states_at(since, until) -> dict[int, State | None]:
    changes = AccessChange.objects.filter(changed_at__gt=since)
    if until is not None:
        changes = changes.filter(Q(changed_at__lte=until))
    rows = changes.order_by("-changed_at", "-pk").values_list(
        "item_id", "live_before", "access_before", "organisation_before"
    )[: CANDIDATE_LIMIT * 4]
    states: dict[int, State | None] = {}
    for pk, live, access, organisation in reversed(rows):
        states.setdefault(pk, (live, access, organisation))
    if len(states) > CANDIDATE_LIMIT:
        newest = sorted(states)[-CANDIDATE_LIMIT:]
        states = {pk: states[pk] for pk in newest}
    return states


def _sees(viewer: Viewer, state: State) -> bool:
    live, access, organisation = state
    return live and viewer.may_see(access, access_organisations(organisation))
