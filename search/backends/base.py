"""The interface every search engine offers; nothing else about an engine is public."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from search.documents import SearchDocument
from search.query import SearchRequest, SearchResponse

__all__ = [
    "EngineHealth",
    "IndexOutOfDate",
    "SearchBackend",
    "SearchDocument",
    "SearchUnavailable",
    "VectorMatch",
]


class SearchUnavailable(Exception):
    """The engine cannot answer now (down, unreachable, or its index needs rebuilding)."""


class IndexOutOfDate(SearchUnavailable):
    """The live index was built for an earlier schema: it must be rebuilt before use."""


@dataclass(frozen=True)
class EngineHealth:
    ok: bool  # searches are answered
    detail: str
    writable: bool = True  # changes can be written now (an engine that cannot tell says True)


@dataclass(frozen=True)
class VectorMatch:
    """An item close in meaning to a query: its best passage's number and similarity."""

    id: int
    similarity: float
    passage: int


@runtime_checkable
class SearchBackend(Protocol):
    # Whether `nearest` answers; an engine without vector search says False and the service
    # searches by words only.
    supports_vectors: bool

    def index_documents(self, docs: Iterable[SearchDocument]) -> int:
        """Add or replace documents by id, in batches; return how many were taken.

        A document older than the one stored (a lower version) is skipped: a task that read an
        item before a newer task wrote it cannot bring back stale content. Equal versions replace.
        """
        ...

    def delete_documents(
        self, ids: Iterable[int], versions: Mapping[int, int] | None = None
    ) -> None:
        """Remove documents by id; unknown ids are ignored.

        `versions` gives an id the version of its delete (the item's version once unpublished):
        a document stored with a newer version (published again since) is kept, and a cluster
        engine refuses older writes of that id arriving after the delete.
        """
        ...

    def search(self, request: SearchRequest) -> SearchResponse: ...

    def nearest(self, request: SearchRequest, vector, model: str, limit: int) -> list[VectorMatch]:
        """The `limit` items closest to the vector (by their best passage, of this model) among
        those the request's viewer may see and that it does not withhold: the access filter
        applies before ranking, so a hidden item never takes a place. Text, facets and years
        are not applied here (the service counts the matches through `search`)."""
        ...

    def count(self) -> int:
        """How many documents the index holds, whatever their access level."""
        ...

    def all_ids(self) -> set[int]:
        """The id of every document in the index, whatever its access level."""
        ...

    def all_versions(self) -> dict[int, int]:
        """Each document's id → its stored version, for the reconcile to compare."""
        ...

    def rebuild(self, docs: Iterable[SearchDocument]) -> int:
        """Build a new index from docs, then switch to it at once; searches go on meanwhile."""
        ...

    def health(self) -> EngineHealth: ...

    def index_out_of_date(self) -> bool:
        """True when the live index was built for an earlier schema and must be rebuilt."""
        ...

    def clear(self) -> None:
        """Remove every document."""
        ...
