"""A search's results as research items from the database, for feeds and exports."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from django.db.models import QuerySet

from research.access import Viewer
from research.models import ResearchPage
from search.query import MAX_PAGE_SIZE, SearchRequest
from search.service import search

# The most items one export or feed holds: enough for a reference manager or a spreadsheet,
# bounded so one request cannot walk the whole index.
EXPORT_LIMIT = 1000
# Items read from the database at once: an export written as it goes holds no more than these.
READ_CHUNK = 100


def matching_items(
    request: SearchRequest, queryset: QuerySet[ResearchPage], limit: int = EXPORT_LIMIT
) -> list[ResearchPage]:
    """The items the search finds, in its order, read from `queryset` (access re-checked)."""
    return list(items_in_order(matching_ids(request, limit), queryset, request.viewer))


def items_in_order(
    ids: list[int], queryset: QuerySet[ResearchPage], viewer: Viewer
) -> Iterator[ResearchPage]:
    """These items in this order, READ_CHUNK at a time, without those the viewer may not see."""
    visible = queryset.live().visible_to(viewer)
    for start in range(0, len(ids), READ_CHUNK):
        chunk = ids[start : start + READ_CHUNK]
        found = visible.in_bulk(chunk)
        yield from (found[item_id] for item_id in chunk if item_id in found)


def matching_ids(request: SearchRequest, limit: int = EXPORT_LIMIT) -> list[int]:
    """The ids of the first `limit` items the search finds, in its order."""
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
