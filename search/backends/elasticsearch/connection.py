"""The elasticsearch-py client as Passerelle configures it, and the engine's layer over it."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from elasticsearch import (
    ApiError,
    BadRequestError,
    Elasticsearch,
    NotFoundError,
    TransportError,
    UnsupportedProductError,
    helpers,
)

from search.backends.base import SearchUnavailable
from search.backends.elasticsearch.cluster import (
    BATCH_SIZE,
    ITEM_RETRIES,
    MAX_RETRIES,
    RETRY_BACKOFF_BASE,
    RETRY_BACKOFF_CAP,
    TRANSIENT_STATUSES,
    IndexingFailed,
    MappingConflict,
    mapped_dimensions,
    missing_index,
    public_url,
    scrubbed,
)

__all__ = ["ElasticsearchClient", "IndexingFailed", "make_client", "reported_as_unavailable"]


def make_client(
    url: str,
    *,
    api_key: str | None = None,
    username: str | None = None,
    password: str | None = None,
    verify_certs: bool = True,
    ca_certs: str | None = None,
    timeout: float = 10.0,
    **transport: Any,
) -> Elasticsearch:
    """A client retrying transient failures with backoff; `transport` overrides (tests)."""
    options: dict[str, Any] = {
        "request_timeout": timeout,
        "max_retries": MAX_RETRIES,
        "retry_on_status": TRANSIENT_STATUSES,
        "retry_on_timeout": True,
        "retry_backoff_base": RETRY_BACKOFF_BASE,
        "retry_backoff_cap": RETRY_BACKOFF_CAP,
    }
    if api_key:
        options["api_key"] = api_key
    elif username:
        options["basic_auth"] = (username, password or "")
    if urlsplit(url).scheme == "https":
        options["verify_certs"] = verify_certs
        if ca_certs:
            options["ca_certs"] = ca_certs
    options.update(transport)
    return Elasticsearch(url, **options)


@contextlib.contextmanager
def reported_as_unavailable(url: str, secrets: tuple[str, ...] = ()) -> Iterator[None]:
    """Connection failures and exhausted retries become SearchUnavailable naming `url`."""
    try:
        yield
    except UnsupportedProductError as error:
        raise SearchUnavailable(f"{public_url(url)} does not answer as Elasticsearch.") from error
    except TransportError as error:  # connection refused, timeout, TLS
        reason = scrubbed(str(error.message), secrets)
        raise SearchUnavailable(
            f"Elasticsearch at {public_url(url)} is unreachable: {reason}"
        ) from error
    except ApiError as error:
        if error.status_code not in TRANSIENT_STATUSES:
            raise
        raise SearchUnavailable(
            f"Elasticsearch at {public_url(url)} keeps answering {error.status_code}; "
            "try again later."
        ) from error


class ElasticsearchClient:
    """The requests of cluster.py's ClusterClient in elasticsearch-py's words."""

    product = "Elasticsearch"

    def __init__(self, client: Elasticsearch, *, url: str = "", secrets: tuple[str, ...] = ()):
        self.client = client
        self.url = url
        self.secrets = secrets

    def reported(self):
        return reported_as_unavailable(self.url, self.secrets)

    def create_index(
        self, name: str, *, settings: dict, mappings: dict, aliases: dict[str, dict]
    ) -> None:
        self.client.indices.create(
            index=name, settings=settings, mappings=mappings, aliases=aliases
        )

    def put_settings(self, index: str, settings: dict) -> None:
        self.client.indices.put_settings(index=index, settings=settings)

    def refresh(self, index: str) -> None:
        self.client.indices.refresh(index=index)

    def supports_vectors(self) -> bool:
        return True  # dense_vector and kNN search are part of Elasticsearch itself

    def add_fields(self, index: str, properties: dict) -> None:
        try:
            self.client.indices.put_mapping(index=index, properties=properties)
        except BadRequestError as error:
            raise MappingConflict(str(error.message)) from error

    def vector_dimensions(self, index: str, field: str) -> dict[str, int]:
        try:
            found = self.client.indices.get_field_mapping(index=index, fields=field).body
        except NotFoundError:
            return {}
        return mapped_dimensions(found, field, "dims")

    def update_aliases(self, actions: list[dict]) -> None:
        try:
            self.client.indices.update_aliases(actions=actions)
        except NotFoundError as error:
            raise missing_index(error.body) from error

    def aliased(self, alias: str) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=alias).body)
        except NotFoundError:
            return []

    def delete_indexes(self, names: list[str]) -> None:
        self.client.options(ignore_status=404).indices.delete(index=",".join(names))

    def delete_by_query(self, index: str, query: dict) -> None:
        self.client.delete_by_query(index=index, query=query, conflicts="proceed", refresh=True)

    def search(self, index: str, body: dict) -> Mapping[str, Any] | None:
        try:
            return self.client.search(index=index, body=body).body
        except NotFoundError:
            return None

    def count(self, index: str) -> int:
        return int(self.client.count(index=index)["count"])

    def health_status(self) -> str:
        return str(self.client.cluster.health()["status"])

    def bulk(
        self, actions: Iterable[dict], *, refresh: bool, backoff: float
    ) -> Iterator[tuple[bool, dict]]:
        return helpers.streaming_bulk(
            self.client,
            actions,
            chunk_size=BATCH_SIZE,
            raise_on_error=False,
            max_retries=ITEM_RETRIES,
            initial_backoff=backoff,
            retry_on_status=TRANSIENT_STATUSES,
            refresh=refresh,
        )

    def scan(self, index: str, query: dict, source: list[str]) -> Iterator[dict]:
        return helpers.scan(self.client, index=index, query=query, source=source)
