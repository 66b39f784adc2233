"""What the engine asks of a cluster: the thin layer over one client library.

Elasticsearch (elasticsearch-py) and OpenSearch (opensearch-py) share the engine, the compiler,
the index definition and its lifecycle; each library gets one class implementing this protocol,
which spells that library's calls, translates the option names the two servers spell
differently, and turns the library's errors into the engine's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager
from typing import Any, Protocol
from urllib.parse import urlsplit, urlunsplit

# Statuses worth another try: the cluster is busy (429) or a node/proxy is briefly away.
TRANSIENT_STATUSES = (429, 502, 503, 504)
MAX_RETRIES = 3
# Exponential backoff with jitter between the client's retries, in seconds.
RETRY_BACKOFF_BASE = 0.5
RETRY_BACKOFF_CAP = 8.0
BATCH_SIZE = 500
# Bulk items refused with a transient status are sent again this many times, with backoff.
ITEM_RETRIES = 3


class IndexingFailed(RuntimeError):
    """Some documents were not written; `failures` maps each id to the reason."""

    MAX_NAMED = 10

    def __init__(self, failures: Mapping[int | str, str]) -> None:
        self.failures = dict(failures)
        named = ", ".join(
            f"{doc_id} ({reason})"
            for doc_id, reason in list(self.failures.items())[: self.MAX_NAMED]
        )
        more = len(self.failures) - self.MAX_NAMED
        suffix = f" and {more} more" if more > 0 else ""
        super().__init__(
            f"{len(self.failures)} search document(s) could not be written: {named}{suffix}"
        )


class IndexMissing(Exception):
    """An alias update named an index that does not exist (any more); nothing was changed."""

    def __init__(self, index: str) -> None:
        self.index = index
        super().__init__(f"no such index: {index}")


def missing_index(body: object) -> IndexMissing:
    """The IndexMissing of a 404 answer's body (both servers name the index the same way)."""
    error = body.get("error") if isinstance(body, Mapping) else None
    index = error.get("index") if isinstance(error, Mapping) else None
    return IndexMissing(str(index or "?"))


class MappingConflict(Exception):
    """The index refused fields added to its mapping (another definition holds the name)."""


def mapped_dimensions(found: Mapping[str, Any], field: str, option: str) -> dict[str, int]:
    """The dimension (`option`: each server's name for it) of a vector field in each index of
    a field-mapping answer (GET <index>/_mapping/field/<field>)."""
    leaf = field.rpartition(".")[2]
    dimensions = {}
    for index, answer in found.items():
        definition = answer.get("mappings", {}).get(field, {}).get("mapping", {}).get(leaf, {})
        if option in definition:
            dimensions[index] = int(definition[option])
    return dimensions


class RebuildFailed(RuntimeError):
    """A rebuild could not switch the alias to its index; what served before still serves."""


def public_url(url: str) -> str:
    """The URL without user name or password, fit for messages and logs."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def scrubbed(text: str, secrets: tuple[str, ...]) -> str:
    """`text` with each secret (password, API key) replaced by ***."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


class ClusterClient(Protocol):
    product: str  # the server's name, for messages: "Elasticsearch", "OpenSearch"
    url: str

    def reported(self) -> AbstractContextManager[None]:
        """Connection failures and exhausted retries become SearchUnavailable naming the URL."""
        ...

    def create_index(
        self, name: str, *, settings: dict, mappings: dict, aliases: dict[str, dict]
    ) -> None: ...

    def put_settings(self, index: str, settings: dict) -> None: ...

    def supports_vectors(self) -> bool:
        """Whether the cluster stores passage vectors and answers kNN searches over them."""
        ...

    def add_fields(self, index: str, properties: dict) -> None:
        """Add these fields (Elasticsearch's definitions) to the index's mapping; the same
        definition again changes nothing. MappingConflict when the index holds another."""
        ...

    def vector_dimensions(self, index: str, field: str) -> dict[str, int]:
        """Each index behind `index` (a name or alias) that maps the vector field → its
        dimension."""
        ...

    def refresh(self, index: str) -> None: ...

    def update_aliases(self, actions: list[dict]) -> None:
        """Apply the actions in one atomic step; IndexMissing (nothing applied) when one of them
        names an index that does not exist."""
        ...

    def aliased(self, alias: str) -> list[str]:
        """The indexes behind `alias`, sorted; none when the alias does not exist."""
        ...

    def delete_indexes(self, names: list[str]) -> None:
        """Delete indexes by name; one already gone is no error."""
        ...

    def delete_by_query(self, index: str, query: dict) -> None:
        """Delete the matching documents, then refresh."""
        ...

    def search(self, index: str, body: dict) -> Mapping[str, Any] | None:
        """The response body; None when the index or alias does not exist."""
        ...

    def count(self, index: str) -> int: ...

    def health_status(self) -> str:
        """The cluster's colour: green, yellow or red."""
        ...

    def bulk(
        self, actions: Iterable[dict], *, refresh: bool, backoff: float
    ) -> Iterator[tuple[bool, dict]]:
        """Each action's (ok, {operation: item}), sent in batches, transient refusals retried."""
        ...

    def scan(self, index: str, query: dict, source: list[str]) -> Iterator[dict]:
        """Every hit of the query, by scrolling."""
        ...
