"""The search service: the engine's answer, checked against the database before it is shown.

With `mode=hybrid` (the default when there are words) it is the keyword and the vector
rankings fused (search.hybrid).

The API, the search page, the exports and the feeds all go through here; none knows which
engine answers.
"""

from __future__ import annotations

import dataclasses

from research.access import Viewer, access_organisations
from research.models import ResearchPage
from search.backends import get_search_backend
from search.hybrid import hybrid_search
from search.index_changes import changing_items
from search.indexing import live_items
from search.query import SearchRequest, SearchResponse


def search(request: SearchRequest) -> SearchResponse:
    """The engine's answer, without the items the index has not caught up with, re-checked.

    An access change reaches the index through the outbox within moments; until it does, the
    engine leaves out the items the viewer may no longer see (`withheld_items`), so no total,
    count or highlight reveals them, and a hit the viewer may no longer see is dropped here.
    """
    withheld = withheld_items(request.viewer)
    if withheld:
        request = dataclasses.replace(request, withheld=request.withheld | withheld)
    response = hybrid_search(request, get_search_backend())
    if request.viewer.unrestricted or not response.hits:
        return response
    current = ResearchPage.objects.current_access([hit.id for hit in response.hits])

    def still_visible(hit) -> bool:
        if hit.id not in current:  # deleted since indexing: its link will 404, it reveals nothing
            return True
        live, access, organisation = current[hit.id]
        return live and request.viewer.may_see(access, access_organisations(organisation))

    visible = [hit for hit in response.hits if still_visible(hit)]
    if len(visible) == len(response.hits):
        return response
    return dataclasses.replace(response, hits=visible)


def withheld_items(viewer: Viewer) -> frozenset[int]:
    """Items changed since the index last read them that this viewer may not see now.

    A narrowing (restricted, unpublished, deleted, moved, given to another organisation) then
    counts nowhere before the save returns, whether or not a worker runs; a widening may lag.
    """
    if viewer.unrestricted:
        return frozenset()
    changing = set(changing_items().distinct())
    if not changing:
        return frozenset()
    visible = live_items().filter(viewer.database_filter(), pk__in=changing_items())
    return frozenset(changing.difference(visible.values_list("pk", flat=True)))
