"""The engine on an Elasticsearch or OpenSearch cluster: every read and write goes through an
alias (default `passerelle`). The two servers share all of it; only the client layer differs
(cluster.py: ElasticsearchClient in connection.py, OpenSearchClient in search/backends/opensearch).

A rebuild loads a new index `passerelle-v<schema>-<timestamp>` and then moves the alias to it in one
atomic `_aliases` call. While it loads, the new index also carries the marker alias
`passerelle-building`; every write (index, delete, clear) from any process looks that marker up
and applies itself to the serving alias AND to each index being built, so nothing written during
a rebuild is lost.

Every write carries the item's version as an external version (`external_gte`), so the cluster
itself refuses, atomically, an older write landing after a newer one: a document the rebuild read
before an editor changed it does not overwrite the newer dual-written one, and a delete made while
the rebuild loads leaves a tombstone with its version in the index being built (kept for as long
as it builds: mapping.building_settings), which refuses the loader's older copy of that item.

Races between processes are settled by the cluster, never by reading then writing:
- the alias has one write index (`is_write_index`), so of two processes creating the first index
  at once the cluster takes one and refuses the other, which then uses the one taken;
- a swap deletes the indexes it replaces in the same atomic call (`remove_index`): if another
  rebuild switched the alias in between, one of them is gone, the call changes nothing, and the
  swap reads the alias again and replaces what now serves. Concurrent rebuilds therefore end with
  the alias on the last one switched, and never on two indexes.

Passage vectors (search by meaning) are nested documents of their item. Their field's dimension
is the model's: a write carrying vectors of a dimension first adds the field to the indexes it
writes to (the same definition again changes nothing); an index already holding another
dimension keeps it, and the item is written without its vectors, logged, until a rebuild.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, ClassVar
from urllib.parse import urlsplit

from search.backends.base import (
    EngineHealth,
    IndexOutOfDate,
    SearchDocument,
    SearchUnavailable,
    VectorMatch,
)
from search.backends.elasticsearch.cluster import (
    ClusterClient,
    IndexingFailed,
    IndexMissing,
    MappingConflict,
    RebuildFailed,
    public_url,
)
from search.backends.elasticsearch.compiler import compile_nearest, compile_search
from search.backends.elasticsearch.connection import ElasticsearchClient, make_client
from search.backends.elasticsearch.mapping import (
    SCHEMA_VERSION,
    VECTOR_FIELD,
    building_settings,
    index_created,
    index_mappings,
    index_name,
    index_settings,
    schema_version_of,
    serving_settings,
    to_es_document,
    vector_dimension,
    vector_fields,
)
from search.backends.elasticsearch.results import (
    empty_response,
    nearest_matches,
    search_response,
)
from search.query import SearchRequest, SearchResponse

# A status that is no failure for that operation.
EXPECTED_STATUSES = {
    "delete": {404, 409},  # already gone; the index holds a newer version (published again)
    "index": {409},  # the index holds a newer version of the item, or its newer delete
}
# Times a swap reads the alias again when another rebuild switched it first.
SWAP_ATTEMPTS = 5
# An index still marked as being built this long after its creation was left by a rebuild that
# died (killed, or the cluster went away): the next rebuild deletes it. A rebuild of 100,000
# items takes about 25 minutes on one small node (README, Performance).
STALE_BUILD = datetime.timedelta(hours=6)

logger = logging.getLogger(__name__)


class ClusterBackend:
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

    @property
    def supports_vectors(self) -> bool:
        """Elasticsearch: always; OpenSearch: when its nodes have the k-NN plugin."""
        with self._reported():
            return self.cluster.supports_vectors()

    # -- writing ------------------------------------------------------------------------------

    def index_documents(self, docs: Iterable[SearchDocument]) -> int:
        with self._reported():
            self._ensure_index()
            targets = [self.alias, *self._aliased(self.building_alias)]
            counter = _Counter()
            actions = (
                _indexed(target, source)
                for source in counter.count(self._sources(docs, targets))
                for target in targets
            )
            self._write(actions, refresh=self.refresh_writes)
        return counter.seen

    def delete_documents(
        self, ids: Iterable[int], versions: Mapping[int, int] | None = None
    ) -> None:
        """Delete by id; an id with a version in `versions` is deleted only where the stored
        version is not newer, and leaves that version behind (a tombstone) for later writes."""
        versions = versions or {}
        with self._reported():
            self._ensure_index()
            targets = [self.alias, *self._aliased(self.building_alias)]
            actions = (
                _deleted(target, int(doc_id), versions.get(int(doc_id)))
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
            self._delete_stale_builds()
            name = self._new_index_name()
            self.cluster.create_index(
                name,
                settings=building_settings(),
                mappings=index_mappings(),
                aliases={self.building_alias: {}},
            )
            try:
                written = self._load(name, docs)
                self._switch_to(name)
            except BaseException:
                self._abandon(name)
                raise
        return written

    def _delete_stale_builds(self) -> None:
        """Delete the half-built indexes of rebuilds that died more than STALE_BUILD ago; one
        still building within that time is another rebuild at work, left alone."""
        now = datetime.datetime.now(datetime.UTC)
        stale = [
            index
            for index in self._aliased(self.building_alias)
            if (created := index_created(self.alias, index)) is not None
            and now - created > STALE_BUILD
        ]
        if stale:  # never one that serves (a switch that went through, its marker left)
            stale = [index for index in stale if index not in self._aliased(self.alias)]
        if stale:
            logger.warning("search: deleting indexes left half-built by a rebuild: %s", stale)
            self._delete_indexes(stale)

    def _abandon(self, name: str) -> None:
        """Delete a half-built index, unless the alias switch went through after all. Done on
        the way out of a failure, so it never hides that failure: a cluster gone meanwhile
        leaves the index behind, logged (it serves nothing; delete it once the cluster is back)."""
        try:
            with self._reported():
                if name not in self._aliased(self.alias):
                    self._delete_indexes([name])
        except Exception as error:  # the rebuild's own failure is the one to report
            logger.warning("search: the abandoned index %s was not deleted: %s", name, error)

    def _load(self, name: str, docs: Iterable[SearchDocument]) -> int:
        counter = _Counter()
        # Versioned like live writes: an item written or deleted meanwhile with a newer version
        # (dual-written into this index) keeps that version; the loader's copy is refused (409).
        sources = self._sources(docs, [name])
        actions = (_indexed(name, source) for source in counter.count(sources))
        self._write(actions, refresh=False)
        self.cluster.put_settings(name, serving_settings())
        self.cluster.refresh(name)
        return counter.seen

    def _switch_to(self, name: str) -> None:
        """Point the alias at `name` only, drop its marker and delete the indexes it replaces,
        in one atomic call. An index read here and gone by the call (another rebuild switched
        first) makes the call change nothing: read the alias again and replace what serves."""
        for _attempt in range(SWAP_ATTEMPTS):
            replaced = [index for index in self._aliased(self.alias) if index != name]
            actions = [{"remove_index": {"index": index}} for index in replaced]
            actions += [
                {"add": {"index": name, "alias": self.alias, "is_write_index": True}},
                {"remove": {"index": name, "alias": self.building_alias}},
            ]
            try:
                self.cluster.update_aliases(actions)
            except IndexMissing as missing:
                if missing.index == name:
                    raise RebuildFailed(
                        f"The index being built, {name}, was deleted before the switch; "
                        f"{self.alias} still serves {', '.join(replaced) or 'nothing'}."
                    ) from None
                continue  # another rebuild switched first: replace what serves now
            return
        raise RebuildFailed(
            f"The alias {self.alias} kept moving to other rebuilds' indexes; {name} was "
            "dropped and the last of them serves."
        )

    def _sources(self, docs: Iterable[SearchDocument], targets: list[str]) -> Iterator[dict]:
        """The documents as the index stores them; the vectors of a dimension go along once
        each target maps it (added at its first sight), else the item goes without them."""
        mapped: dict[int, bool] = {}
        for doc in docs:
            dimension = vector_dimension(doc)
            if dimension is not None and dimension not in mapped:
                mapped[dimension] = self._map_vectors(targets, dimension)
            yield to_es_document(doc, with_vectors=bool(dimension and mapped[dimension]))

    def _map_vectors(self, targets: list[str], dimension: int) -> bool:
        if not self.supports_vectors:
            return False
        for target in targets:
            try:
                self.cluster.add_fields(target, vector_fields(dimension))
            except MappingConflict as conflict:
                logger.warning(
                    "search: %s keeps its passage vectors' mapping; items with vectors of "
                    "dimension %d are indexed without them until a rebuild "
                    "(python manage.py search_reindex): %s",
                    target,
                    dimension,
                    conflict,
                )
                return False
        return True

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

    def nearest(self, request: SearchRequest, vector, model: str, limit: int) -> list[VectorMatch]:
        if limit < 1 or not self.supports_vectors:
            return []
        with self._reported():
            self._ensure_index()
            # Before any vectors the field is not mapped, and a query vector of another
            # dimension compares with nothing: both answer nothing, as in the embedded engine.
            dimensions = set(self.cluster.vector_dimensions(self.alias, VECTOR_FIELD).values())
            if dimensions != {len(vector)}:
                return []
            body = self.cluster.search(self.alias, compile_nearest(request, vector, model, limit))
            if body is None:
                self._ready = False
                return []
        return nearest_matches(body)

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
        """Create the alias's first index, as its write index. Of processes doing so at once,
        the cluster takes the first and refuses the others (an alias has one write index), so
        no write ever meets an alias on two indexes, or an index deleted after the race."""
        try:
            self.cluster.create_index(
                self._new_index_name(),
                settings=index_settings(),
                mappings=index_mappings(),
                aliases={self.alias: {"is_write_index": True}},
            )
        except SearchUnavailable:
            raise
        except Exception:
            indexes = self._aliased(self.alias)
            if not indexes:  # refused for another reason than a first index made meanwhile
                raise
            return indexes
        return self._aliased(self.alias)

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


def _indexed(index: str, source: dict) -> dict:
    """Write `source` unless `index` holds a newer version of it (or of its delete)."""
    return {
        "_op_type": "index",
        "_index": index,
        "_id": str(source["id"]),
        "_source": source,
        "version": source["version"],
        "version_type": "external_gte",
    }


def _deleted(index: str, doc_id: int, version: int | None) -> dict:
    """Delete a document; with a version, only if the stored one is not newer."""
    action = {"_op_type": "delete", "_index": index, "_id": str(doc_id)}
    if version is not None:
        action.update(version=version, version_type="external_gte")
    return action


def _failed_id(item: dict) -> int | str:
    doc_id = item.get("_id", "?")
    return int(doc_id) if str(doc_id).isdigit() else doc_id


def _reason(item: dict) -> str:
    error = item.get("error")
    if isinstance(error, dict):
        return f"{item.get('status')} {error.get('type', 'error')}: {error.get('reason', '')}"
    return f"{item.get('status')} {error or 'failed'}"
