"""Keeps the search index in step with the research items in the database (Django glue)."""

from __future__ import annotations

import dataclasses
import itertools
import logging
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils import timezone, translation

from research.models import (
    AccessLevel,
    ExtractionStatus,
    ResearchDocument,
    ResearchFile,
    ResearchFinding,
    ResearchObjective,
    ResearchPage,
)
from search.backends import get_search_backend
from search.documents import PassageVectors, SearchDocument, build_search_document
from search.embedding import current_embedder, item_passages, passages_hash
from search.models import IndexChange, ItemEmbedding

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
    """Research items the public site serves: live pages, not aliases of another item.

    Presentations are research items too; one promoted to a live research item leaves the
    index, since that item (with the same files) now stands for it.
    """
    # Drafts never reach the index: the page row holds the published version, and a page that
    # was never published is not live. Aliases would show the same study twice.
    return (
        ResearchPage.objects.live()
        .filter(alias_of__isnull=True)
        .exclude(presentationpage__promoted_item__live=True)
    )


def items_linking_document(document_id: int) -> list[int]:
    """Research items whose saved version links the document (live or not)."""
    links = ResearchFile.objects.filter(document_id=document_id)
    return sorted(set(links.values_list("page_id", flat=True)))


def indexable_items() -> QuerySet[ResearchPage]:
    """Live items with everything their search documents read, in a fixed number of queries."""
    files = ResearchFile.objects.select_related("document").order_by("sort_order", "pk")
    objectives = ResearchObjective.objects.select_related("objective")
    return (
        live_items()
        .select_related(
            "organisation", "research_type", "design", "evidence", "edition", "embedding"
        )
        .prefetch_related(
            "authors",
            "partners",
            "approaches",
            "themes",
            "tags",
            "practices",
            Prefetch("findings", queryset=ResearchFinding.in_item_order()),
            Prefetch("files", queryset=files),
            Prefetch("objective_links", queryset=objectives),
        )
        .order_by("pk")
    )


def search_documents(
    items: Iterable[ResearchPage], versions: Mapping[int, int]
) -> Iterator[SearchDocument]:
    """Each item's search document, carrying its version as read before its content."""
    embedder = current_embedder()
    for item in items:
        doc = build_search_document(item, url=french_path(item), version=versions.get(item.pk, 0))
        yield with_vectors(doc, _stored_embedding(item), embedder)


def with_vectors(doc: SearchDocument, stored, embedder) -> SearchDocument:
    """The document with its passages' vectors, when those stored match its current passages
    and the configured model; otherwise as it is (the worker embeds it, then indexes it again)."""
    if stored is None or embedder is None or stored.model != embedder.name:
        return doc
    if stored.content_hash != passages_hash(item_passages(doc), embedder.name):
        return doc
    return dataclasses.replace(doc, vectors=PassageVectors(stored.model, stored.matrix()))


def _stored_embedding(item: ResearchPage):
    try:
        return item.embedding
    except ItemEmbedding.DoesNotExist:
        return None


def french_path(item: ResearchPage) -> str:
    """The item's path on the French site, e.g. /fr/etudes/<slug>/ ('' if not routable)."""
    with translation.override(INDEX_URL_LANGUAGE):
        parts = item.get_url_parts()
    return (parts[2] or "") if parts else ""


def item_versions(ids: Iterable[int] | None = None) -> dict[int, int]:
    """Each item's version: the id of its newest IndexChange (items without one are at 0).

    Every change that reaches the index records an IndexChange in its own transaction, and row
    ids only grow, so a newer read of an item never carries a lower version; purge_done keeps
    each item's newest row so that versions never go back. Read versions before content: the
    content stored is then at least as new as the version stored with it.
    """
    rows = IndexChange.objects.order_by()
    if ids is not None:
        rows = rows.filter(item_id__in=list(ids))
    newest = rows.values("item_id").annotate(newest=Max("pk")).values_list("item_id", "newest")
    return dict(newest)


def index_items(ids: Iterable[int]) -> IndexingResult:
    """Index the live items among `ids`; remove the others (unpublished, deleted) from the index.

    A delete carries the item's version: a task that read the item while it was live and lands
    after it is refused by a cluster engine while the delete's tombstone lasts (its gc_deletes);
    after that, the entry comes back until the reconcile removes it (not live).
    """
    wanted = sorted({int(pk) for pk in ids})
    indexed: list[int] = []
    backend = get_search_backend()
    for chunk in _chunks(wanted, CHUNK_SIZE):
        versions = item_versions(chunk)
        items = list(indexable_items().filter(pk__in=chunk))
        if items:
            backend.index_documents(search_documents(items, versions))
        indexed.extend(item.pk for item in items)
    removed = sorted(set(wanted) - set(indexed))
    if removed:
        # With its version, the delete outranks a copy read before it (a rebuild loading).
        backend.delete_documents(removed, item_versions(removed))
    logger.info("search: indexed items %s, removed items %s", indexed, removed)
    return IndexingResult(indexed=indexed, removed=removed)


def repair_index_drift() -> IndexingResult:
    """Remove entries whose item is gone or no longer live, index live items missing, and index
    again those whose stored version is behind the database's.

    Reads the engine first, then the database: an item published or changed in between is
    simply indexed once more, and one unpublished in between is removed, as it should be.
    """
    stored = get_search_backend().all_versions()
    live = set(live_items().values_list("pk", flat=True))
    versions = item_versions()
    behind = {pk for pk in live & stored.keys() if stored[pk] < versions.get(pk, 0)}
    drift = (stored.keys() - live) | (live - stored.keys()) | behind
    return index_items(drift) if drift else IndexingResult()


def rebuild_index() -> int:
    """Build a fresh index of every live item and switch searches to it; return its size."""
    # Changes already committed are covered by the rebuild, which reads the database after.
    covered = list(IndexChange.objects.filter(done_at__isnull=True).values_list("pk", flat=True))
    versions = item_versions()
    items = indexable_items().iterator(chunk_size=CHUNK_SIZE)
    written = get_search_backend().rebuild(search_documents(items, versions))
    for chunk in _chunks(covered, 1000):
        IndexChange.objects.filter(pk__in=chunk).update(done_at=timezone.now())
    return written


def index_status() -> dict:
    """Live items in the database (in all and per access level) against documents in the index."""
    by_access = {level: 0 for level in AccessLevel.values}
    rows = live_items().order_by().values_list("access").annotate(count=Count("pk"))
    by_access.update(dict(rows))
    live = sum(by_access.values())
    indexed = get_search_backend().count()
    return {"live": live, "indexed": indexed, "in_sync": live == indexed, "by_access": by_access}


def pipeline_status() -> dict:
    """Documents per extraction status, and index changes recorded but not applied yet."""
    documents = {status: 0 for status in ExtractionStatus.values}
    rows = ResearchDocument.objects.order_by().values_list("status").annotate(count=Count("pk"))
    documents.update(dict(rows))
    waiting = IndexChange.objects.filter(done_at__isnull=True)
    oldest = waiting.order_by("created_at").values_list("created_at", flat=True).first()
    return {
        "documents": documents,
        "changes_waiting": waiting.count(),
        "oldest_change_seconds": (timezone.now() - oldest).total_seconds() if oldest else None,
    }


def _chunks(values: list[int], size: int) -> Iterator[list[int]]:
    iterator = iter(values)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk
