"""A search's results as research items from the database, for feeds and exports."""

from __future__ import annotations

import dataclasses

from django.db.models import QuerySet

from research.models import ResearchPage
from search.query import MAX_PAGE_SIZE, SearchRequest
from search.service import search

# The most items one export or feed holds: enough for a reference manager or a spreadsheet,
# bounded so one request cannot walk the whole index.
EXPORT_LIMIT = 1000


def matching_items(
    request: SearchRequest, queryset: QuerySet[ResearchPage], limit: int = EXPORT_LIMIT
) -> list[ResearchPage]:
    """The items the search finds, in its order, read from `queryset` (access re-checked)."""
    ids = _matching_ids(request, limit)
    viewer = request.viewer
    found = queryset.live().visible_to(viewer).in_bulk(ids)
    return [found[item_id] for item_id in ids if item_id in found]


def _matching_ids(request: SearchRequest, limit: int) -> list[int]:
    size = min(MAX_PAGE_SIZE, limit)
    ids: list[int] = []
    page = 1
    while len(ids) < limit:
        batch = dataclasses.replace(request, page=page, size=size, facets=(), histogram=False)
        response = search(batch)
        ids += [hit.id for hit in response.hits]
        if page * size >= response.total:
            break
        page += 1
    return ids[:limit]
