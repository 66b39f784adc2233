"""The engine on an Elasticsearch or OpenSearch cluster: every read and write goes through an
alias (default `passerelle`). The two servers share all of it; only the client layer differs
(cluster.py: ElasticsearchClient in connection.py, OpenSearchClient in search/backends/opensearch).

A rebuild loads a new index `passerelle-v3-<timestamp>` and then moves the alias to it in one
atomic `_aliases` call. While it loads, the new index also carries the marker alias
`passerelle-building`; every write (index, delete, clear) from any process looks that marker up
and applies itself to the serving alias AND to each index being built, so nothing written during
a rebuild is lost. The rebuild loads with `create` (write only if absent), so an item it read
from the database before an editor changed it cannot overwrite the newer dual-written version.

Live writes carry the item's version as an external version (`external_gte`), so an older write
landing late is refused. A document the rebuild created has internal version 1 until its next
write; what slips through then is repaired by the reconcile, which compares stored versions.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from typing import Any, ClassVar
from urllib.parse import urlsplit

from search.backends.base import EngineHealth, IndexOutOfDate, SearchDocument, SearchUnavailable
from search.backends.elasticsearch.cluster import ClusterClient, IndexingFailed, public_url
from search.backends.elasticsearch.compiler import compile_search
from search.backends.elasticsearch.connection import ElasticsearchClient, make_client
from search.backends.elasticsearch.mapping import (
    SCHEMA_VERSION,
    building_settings,
    index_mappings,
    index_name,
    index_settings,
    schema_version_of,
    serving_settings,
    to_es_document,
)
from search.backends.elasticsearch.results import empty_response, search_response
from search.query import SearchRequest, SearchResponse

# A status that is no failure for that operation.
EXPECTED_STATUSES = {
    "delete": {404},  # already gone
    "create": {409},  # a write made during the rebuild got there first, and is newer
    "index": {409},  # the index holds a newer version of the item
}


class ClusterBackend:
    # Vector search (a dense_vector field and filtered kNN) is not built for this engine family
    # yet: the service searches by words only on it (README, Search by meaning).
    supports_vectors = False

    def __init__(
        self,
        cluster: ClusterClient,
        *,
        alias: str = "passerelle",
        refresh_writes: bool = True,
        item_backoff: float = 1.0,
    ) -> None:
        self.cluster = cluster
        self.alias = alias
        self.building_alias = f"{alias}-building"
        # Editors expect a published item to be searchable at once; writes are rare.
        self.refresh_writes = refresh_writes
        self.item_backoff = item_backoff
        self._ready = False

    # -- writing ------------------------------------------------------------------------------

    def index_documents(self, docs: Iterable[SearchDocument]) -> int:
        with self._reported():
            self._ensure_index()
            targets = [self.alias, *self._aliased(self.building_alias)]
            counter = _Counter()
            # External versions: Elasticsearch itself refuses an older one, atomically (409).
            actions = (
                {
                    "_op_type": "index",
                    "_index": target,
                    "_id": str(source["id"]),
                    "_source": source,
                    "version": source["version"],
                    "version_type": "external_gte",
                }
                for source in counter.count(map(to_es_document, docs))
                for target in targets
            )
            self._write(actions, refresh=self.refresh_writes)
        return counter.seen

    def delete_documents(self, ids: Iterable[int]) -> None:
        with self._reported():
            self._ensure_index()
            targets = [self.alias, *self._aliased(self.building_alias)]
            actions = (
                {"_op_type": "delete", "_index": target, "_id": str(int(doc_id))}
                for doc_id in ids
                for target in targets
            )
            self._write(actions, refresh=self.refresh_writes)

    def clear(self) -> None:
        with self._reported():
            self._ensure_index()
            for target in [self.alias, *self._aliased(self.building_alias)]:
                # A delete by query sees only refreshed documents, and an index being built is
                # never refreshed until it is loaded: without this, what it holds survives.
                self.cluster.refresh(target)
                self.cluster.delete_by_query(target, {"match_all": {}})

    def rebuild(self, docs: Iterable[SearchDocument]) -> int:
        with self._reported():
            self._ensure_index()
            name = self._new_index_name()
            self.cluster.create_index(
                name,
                settings=building_settings(),
                mappings=index_mappings(),
                aliases={self.building_alias: {}},
            )
            try:
                written = self._load(name, docs)
                old = self._switch_to(name)
            except BaseException:
                self._abandon(name)
                raise
            self._delete_indexes(old)
        return written

    def _abandon(self, name: str) -> None:
        """Delete a half-built index, unless the alias switch went through after all."""
        if name not in self._aliased(self.alias):
            self._delete_indexes([name])

    def _load(self, name: str, docs: Iterable[SearchDocument]) -> int:
        counter = _Counter()
        actions = (
            {"_op_type": "create", "_index": name, "_id": str(source["id"]), "_source": source}
            for source in counter.count(map(to_es_document, docs))
        )
        self._write(actions, refresh=False)
        self.cluster.put_settings(name, serving_settings())
        self.cluster.refresh(name)
        return counter.seen

    def _switch_to(self, name: str) -> list[str]:
        """Point the alias at `name` only, and drop its marker, in one atomic call."""
        old = self._aliased(self.alias)
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
        actions += [
            {"add": {"index": name, "alias": self.alias}},
            {"remove": {"index": name, "alias": self.building_alias}},
        ]
        self.cluster.update_aliases(actions)
        return [index for index in old if index != name]

    def _write(self, actions: Iterable[dict], *, refresh: bool) -> None:
        """Send actions in batches; raise IndexingFailed naming every item that failed."""
        failures: dict[int | str, str] = {}
        for ok, result in self.cluster.bulk(actions, refresh=refresh, backoff=self.item_backoff):
            if ok:
                continue
            operation, item = next(iter(result.items()))
            if item.get("status") in EXPECTED_STATUSES.get(operation, ()):
                continue
            failures[_failed_id(item)] = _reason(item)
        if failures:
            raise IndexingFailed(failures)

    # -- reading ------------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResponse:
        with self._reported():
            self._ensure_index()
            body = self.cluster.search(self.alias, compile_search(request))
            if body is None:  # the alias vanished (a test tearing down, an operator)
                self._ready = False
                return empty_response(request)
        return search_response(request, body)

    def nearest(self, request: SearchRequest, vector, model: str, limit: int) -> list:
        return []

    def count(self) -> int:
        with self._reported():
            self._ensure_index()
            return self.cluster.count(self.alias)

    def all_ids(self) -> set[int]:
        return set(self.all_versions())

    def all_versions(self) -> dict[int, int]:
        with self._reported():
            self._ensure_index()
            hits = self.cluster.scan(self.alias, {"query": {"match_all": {}}}, ["version"])
            return {int(hit["_id"]): int(hit["_source"].get("version") or 0) for hit in hits}

    def index_out_of_date(self) -> bool:
        with self._reported():
            try:
                self._ensure_index()
            except IndexOutOfDate:
                return True
        return False

    def health(self) -> EngineHealth:
        try:
            with self._reported():
                status = self.cluster.health_status()
                indexes = self._aliased(self.alias)
                documents = self.count()
        except SearchUnavailable as error:
            return EngineHealth(False, str(error))
        except Exception as error:  # the health check reports every failure, whatever it is
            where = f"{self.cluster.product} at {public_url(self.cluster.url)}"
            return EngineHealth(False, f"{where}: {error}")
        detail = f"{documents} documents in {', '.join(indexes) or self.alias} (cluster {status})"
        return EngineHealth(status in ("green", "yellow"), detail)

    # -- the alias ----------------------------------------------------------------------------

    def _ensure_index(self) -> None:
        """Create the first index behind the alias if there is none; check the schema version."""
        if self._ready:
            return
        indexes = self._aliased(self.alias)
        if not indexes:
            indexes = self._create_first_index()
        outdated = [i for i in indexes if schema_version_of(self.alias, i) != SCHEMA_VERSION]
        if outdated:
            raise IndexOutOfDate(
                f"The search index {outdated[0]} was not built with index-v{SCHEMA_VERSION}.json: "
                "rebuild it (python manage.py search_reindex)."
            )
        self._ready = True

    def _create_first_index(self) -> list[str]:
        name = self._new_index_name()
        self.cluster.create_index(
            name,
            settings=index_settings(),
            mappings=index_mappings(),
            aliases={self.alias: {}},
        )
        indexes = self._aliased(self.alias)
        # Two processes starting at once each created one; the oldest name stays.
        if len(indexes) > 1 and name != min(indexes):
            self._delete_indexes([name])
            indexes.remove(name)
        return indexes

    def _aliased(self, alias: str) -> list[str]:
        return self.cluster.aliased(alias)

    def _delete_indexes(self, names: list[str]) -> None:
        if names:
            self.cluster.delete_indexes(names)

    def _new_index_name(self) -> str:
        return index_name(self.alias, datetime.datetime.now(datetime.UTC))

    def _reported(self):
        return self.cluster.reported()


class LibraryBackend(ClusterBackend):
    """A cluster engine on one client library: `adapter` wraps its client, `connect` makes one."""

    adapter: ClassVar[Callable[..., ClusterClient]]
    connect: ClassVar[Callable[..., Any]]

    def __init__(
        self, client: Any, *, url: str = "", secrets: tuple[str, ...] = (), **options: Any
    ) -> None:
        super().__init__(self.adapter(client, url=url, secrets=secrets), **options)

    @classmethod
    def from_url(cls, url: str, *, index: str = "passerelle", **connection: Any):
        """Connect with the library's options (credentials, TLS, timeout; see `connect`)."""
        client = cls.connect(url, **connection)
        return cls(client, alias=index, url=url, secrets=secrets_of(url, connection))


class ElasticsearchBackend(LibraryBackend):
    """The engine on Elasticsearch, through elasticsearch-py."""

    adapter = ElasticsearchClient
    connect = staticmethod(make_client)


class _Counter:
    """Counts the documents of a stream as bulk consumes it."""

    def __init__(self) -> None:
        self.seen = 0

    def count(self, items: Iterable[Any]) -> Iterator[Any]:
        for item in items:
            self.seen += 1
            yield item


def secrets_of(url: str, connection: dict[str, Any]) -> tuple[str, ...]:
    """The API key and passwords among the connection options, kept out of messages."""
    candidates = (connection.get("api_key"), connection.get("password"), urlsplit(url).password)
    return tuple(str(secret) for secret in candidates if secret)


def _failed_id(item: dict) -> int | str:
    doc_id = item.get("_id", "?")
    return int(doc_id) if str(doc_id).isdigit() else doc_id


def _reason(item: dict) -> str:
    error = item.get("error")
    if isinstance(error, dict):
        return f"{item.get('status')} {error.get('type', 'error')}: {error.get('reason', '')}"
    return f"{item.get('status')} {error or 'failed'}"
