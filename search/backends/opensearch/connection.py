"""The opensearch-py client as Passerelle configures it, and the engine's layer over it.

OpenSearch forked from Elasticsearch 7.10 and still answers the requests the engine sends, but
spells a few options differently; those are translated here and only here. Vectors differ most:
OpenSearch keeps them only with its k-NN plugin (found in the nodes' plugins), as `knn_vector`
fields of an index created with `index.knn`, searched by a `knn` query (Lucene's HNSW engine,
pure Java) inside a `nested` query where Elasticsearch takes a top-level `knn` section.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from opensearchpy import ConnectionError as ConnectionFailed
from opensearchpy import NotFoundError, OpenSearch, RequestError, TransportError, helpers

from search.backends.base import SearchUnavailable
from search.backends.elasticsearch.cluster import (
    BATCH_SIZE,
    ITEM_RETRIES,
    MAX_RETRIES,
    TRANSIENT_STATUSES,
    MappingConflict,
    mapped_dimensions,
    missing_index,
    public_url,
    scrubbed,
)

# Elasticsearch's highlight option → OpenSearch's name for it (OpenSearch answers 400 to the other).
HIGHLIGHT_OPTIONS = {"max_analyzed_offset": "max_analyzer_offset"}
# The k-NN plugin's class, as every node lists it (installed or loaded from the class path).
KNN_PLUGIN = "org.opensearch.knn.plugin.KNNPlugin"
# Elasticsearch's vector similarity → the k-NN plugin's space type.
SPACE_TYPES = {"cosine": "cosinesimil", "dot_product": "innerproduct", "l2_norm": "l2"}


def make_client(
    url: str,
    *,
    username: str | None = None,
    password: str | None = None,
    verify_certs: bool = True,
    ca_certs: str | None = None,
    timeout: float = 10.0,
    **transport: Any,
) -> OpenSearch:
    """A client retrying transient failures; `transport` overrides (tests)."""
    options: dict[str, Any] = {
        "timeout": timeout,
        "max_retries": MAX_RETRIES,
        "retry_on_status": TRANSIENT_STATUSES,
        "retry_on_timeout": True,
    }
    if username:
        options["http_auth"] = (username, password or "")
    if urlsplit(url).scheme == "https":
        options["use_ssl"] = True
        options["verify_certs"] = verify_certs
        if ca_certs:
            options["ca_certs"] = ca_certs
    options.update(transport)
    return OpenSearch([url], **options)


def translated_search(body: dict) -> dict:
    """The search body with Elasticsearch's option names replaced by OpenSearch's."""
    if "knn" in body:
        if "query" in body:
            raise ValueError("a search with a kNN section and a query is not translated")
        rest = {name: value for name, value in body.items() if name != "knn"}
        body = {**rest, "query": knn_query(body["knn"])}
    if "highlight" not in body:
        return body
    highlight = {
        HIGHLIGHT_OPTIONS.get(name, name): value for name, value in body["highlight"].items()
    }
    return {**body, "highlight": highlight}


def knn_query(knn: dict) -> dict:
    """Elasticsearch's top-level kNN section → the k-NN plugin's `knn` query inside a `nested`
    one (every vector field of the index is nested: mapping.py), with the same filter over the
    item's fields and each item scored by its best passage. `num_candidates` has no
    counterpart: Lucene's engine searches with `k` as its beam."""
    field = knn["field"]
    options: dict[str, Any] = {"vector": knn["query_vector"], "k": knn["k"]}
    if knn.get("filter"):
        options["filter"] = {"bool": {"filter": knn["filter"]}}
    nested: dict[str, Any] = {
        "path": field.rpartition(".")[0],
        "score_mode": "max",
        "query": {"knn": {field: options}},
    }
    if "inner_hits" in knn:
        nested["inner_hits"] = knn["inner_hits"]
    return {"nested": nested}


def translated_fields(properties: dict) -> dict:
    """Mapping properties with Elasticsearch's `dense_vector` fields as the k-NN plugin's
    `knn_vector` fields (HNSW in Lucene's engine, the same similarity)."""
    translated = {}
    for name, definition in properties.items():
        if definition.get("type") == "dense_vector":
            definition = {
                "type": "knn_vector",
                "dimension": definition["dims"],
                "method": {
                    "name": "hnsw",
                    "engine": "lucene",
                    "space_type": SPACE_TYPES[definition["similarity"]],
                },
            }
        elif "properties" in definition:
            definition = {**definition, "properties": translated_fields(definition["properties"])}
        translated[name] = definition
    return translated


class OpenSearchClient:
    """The requests of cluster.py's ClusterClient in opensearch-py's words."""

    product = "OpenSearch"

    def __init__(self, client: OpenSearch, *, url: str = "", secrets: tuple[str, ...] = ()):
        self.client = client
        self.url = url
        self.secrets = secrets
        self._vectors: bool | None = None  # whether every node has the k-NN plugin, once known

    @contextlib.contextmanager
    def reported(self) -> Iterator[None]:
        where = f"OpenSearch at {public_url(self.url)}"
        try:
            yield
        except ConnectionFailed as error:  # refused, timeout, TLS: no HTTP status
            reason = scrubbed(str(error.info or error.error), self.secrets)
            raise SearchUnavailable(f"{where} is unreachable: {reason}") from error
        except TransportError as error:
            if error.status_code not in TRANSIENT_STATUSES:
                raise
            raise SearchUnavailable(
                f"{where} keeps answering {error.status_code}; try again later."
            ) from error

    def create_index(
        self, name: str, *, settings: dict, mappings: dict, aliases: dict[str, dict]
    ) -> None:
        if self.supports_vectors():
            settings = {**settings, "knn": True}  # the plugin's vector fields need index.knn
        body = {"settings": settings, "mappings": mappings, "aliases": aliases}
        self.client.indices.create(index=name, body=body)

    def put_settings(self, index: str, settings: dict) -> None:
        self.client.indices.put_settings(index=index, body=settings)

    def supports_vectors(self) -> bool:
        """True when every node lists the k-NN plugin (asked once, at first need)."""
        if self._vectors is None:
            with self.reported():
                nodes = self.client.nodes.info(metric="plugins")["nodes"]
            self._vectors = bool(nodes) and all(
                any(plugin.get("classname") == KNN_PLUGIN for plugin in node.get("plugins", []))
                for node in nodes.values()
            )
        return self._vectors

    def add_fields(self, index: str, properties: dict) -> None:
        try:
            self.client.indices.put_mapping(
                index=index, body={"properties": translated_fields(properties)}
            )
        except RequestError as error:
            cause = error.info.get("error") if isinstance(error.info, dict) else None
            reason = cause.get("reason") if isinstance(cause, dict) else None
            raise MappingConflict(str(reason or error.error)) from error

    def vector_dimensions(self, index: str, field: str) -> dict[str, int]:
        try:
            found = self.client.indices.get_field_mapping(index=index, fields=field)
        except NotFoundError:
            return {}
        return mapped_dimensions(found, field, "dimension")

    def refresh(self, index: str) -> None:
        self.client.indices.refresh(index=index)

    def update_aliases(self, actions: list[dict]) -> None:
        try:
            self.client.indices.update_aliases(body={"actions": actions})
        except NotFoundError as error:
            raise missing_index(error.info) from error

    def aliased(self, alias: str) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=alias))
        except NotFoundError:
            return []

    def delete_indexes(self, names: list[str]) -> None:
        self.client.indices.delete(index=",".join(names), ignore=404)

    def delete_by_query(self, index: str, query: dict) -> None:
        self.client.delete_by_query(
            index=index, body={"query": query}, conflicts="proceed", refresh=True
        )

    def search(self, index: str, body: dict) -> Mapping[str, Any] | None:
        try:
            return self.client.search(index=index, body=translated_search(body))
        except NotFoundError:
            return None

    def count(self, index: str) -> int:
        return int(self.client.count(index=index)["count"])

    def health_status(self) -> str:
        return str(self.client.cluster.health()["status"])

    def bulk(
        self, actions: Iterable[dict], *, refresh: bool, backoff: float
    ) -> Iterator[tuple[bool, dict]]:
        # opensearch-py's helper retries the items refused with 429 (busy) only.
        return helpers.streaming_bulk(
            self.client,
            actions,
            chunk_size=BATCH_SIZE,
            raise_on_error=False,
            max_retries=ITEM_RETRIES,
            initial_backoff=backoff,
            refresh=refresh,
        )

    def scan(self, index: str, query: dict, source: list[str]) -> Iterator[dict]:
        return helpers.scan(self.client, index=index, query=query, _source=source)
