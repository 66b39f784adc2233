"""The search service: the engine's answer, checked against the database before it is shown.

The API, the search page, the exports and the feeds all go through here; none knows which
engine answers.
"""

from __future__ import annotations

import dataclasses

from research.access import access_organisations
from research.models import ResearchPage
from search.backends import get_search_backend
from search.query import SearchRequest, SearchResponse


def search(request: SearchRequest) -> SearchResponse:
    """The engine's answer, with hits re-checked against the database.

    An access change reaches the index through the outbox within moments; until it does,
    a hit the viewer may no longer see is dropped here rather than shown.
    """
    response = get_search_backend().search(request)
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
