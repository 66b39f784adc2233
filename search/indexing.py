"""Keeps the search index in step with the research items in the database (Django glue)."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, QuerySet
from django.utils import translation

from research.models import AccessLevel, ResearchFile, ResearchPage
from search.backends import get_search_backend
from search.documents import build_search_document

logger = logging.getLogger(__name__)

# Items fetched (with their files' text) per database round trip while building documents.
CHUNK_SIZE = 200
# URLs in the index are the French site's; the API and pages switch the prefix when needed.
INDEX_URL_LANGUAGE = "fr"


@dataclass(frozen=True)
class IndexingResult:
    indexed: list[int] = field(default_factory=list)
    removed: list[int] = field(default_factory=list)


def live_items() -> QuerySet[ResearchPage]:
    """Research items the public site serves: live pages, not aliases of another item."""
    # Drafts never reach the index: the page row holds the published version, and a page that
    # was never published is not live. Aliases would show the same study twice.
    return ResearchPage.objects.live().filter(alias_of__isnull=True)


def indexable_items() -> QuerySet[ResearchPage]:
    """Live items with everything their search documents read, in a fixed number of queries."""
    files = ResearchFile.objects.select_related("document").order_by("sort_order", "pk")
    return (
        live_items()
        .select_related("organisation", "research_type", "design", "evidence")
        .prefetch_related(
            "authors",
            "partners",
            "approaches",
            "themes",
            "tags",
            Prefetch("files", queryset=files),
        )
        .order_by("pk")
    )


def search_documents(items: Iterable[ResearchPage]) -> Iterator[dict]:
    for item in items:
        yield build_search_document(item, url=french_path(item))


def french_path(item: ResearchPage) -> str:
    """The item's path on the French site, e.g. /fr/etudes/<slug>/ ('' if not routable)."""
    with translation.override(INDEX_URL_LANGUAGE):
        parts = item.get_url_parts()
    return (parts[2] or "") if parts else ""


def index_items(ids: Iterable[int]) -> IndexingResult:
    """Index the live items among `ids`; remove the others (unpublished, deleted) from the index."""
    wanted = sorted({int(pk) for pk in ids})
    indexed: list[int] = []
    backend = get_search_backend()
    for chunk in _chunks(wanted, CHUNK_SIZE):
        items = list(indexable_items().filter(pk__in=chunk))
        if items:
            backend.index_documents(search_documents(items))
        indexed.extend(item.pk for item in items)
    removed = sorted(set(wanted) - set(indexed))
    if removed:
        backend.delete_documents(removed)
    logger.info("search: indexed items %s, removed items %s", indexed, removed)
    return IndexingResult(indexed=indexed, removed=removed)


def rebuild_index() -> int:
    """Build a fresh index of every live item and switch searches to it; return its size."""
    items = indexable_items().iterator(chunk_size=CHUNK_SIZE)
    return get_search_backend().rebuild(search_documents(items))


def index_status() -> dict:
    """Live items in the database (in all and per access level) against documents in the index."""
    by_access = {level: 0 for level in AccessLevel.values}
    rows = live_items().order_by().values_list("access").annotate(count=Count("pk"))
    by_access.update(dict(rows))
    live = sum(by_access.values())
    indexed = get_search_backend().count()
    return {"live": live, "indexed": indexed, "in_sync": live == indexed, "by_access": by_access}


def _chunks(values: list[int], size: int) -> Iterator[list[int]]:
    iterator = iter(values)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
