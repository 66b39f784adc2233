"""The interface every search engine offers; nothing else about an engine is public."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from search.documents import SearchDocument
from search.query import SearchRequest, SearchResponse

__all__ = ["EngineHealth", "IndexOutOfDate", "SearchBackend", "SearchDocument", "SearchUnavailable"]


class SearchUnavailable(Exception):
    """The engine cannot answer now (down, unreachable, or its index needs rebuilding)."""


class IndexOutOfDate(SearchUnavailable):
    """The live index was built for an earlier schema: it must be rebuilt before use."""


@dataclass(frozen=True)
class EngineHealth:
    ok: bool  # searches are answered
    detail: str
    writable: bool = True  # changes can be written now (an engine that cannot tell says True)


@runtime_checkable
class SearchBackend(Protocol):
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
