"""The opensearch-py client as Passerelle configures it, and the engine's layer over it.

OpenSearch forked from Elasticsearch 7.10 and still answers the requests the engine sends, but
spells a few options differently; those are translated here and only here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from opensearchpy import ConnectionError as ConnectionFailed
from opensearchpy import NotFoundError, OpenSearch, TransportError, helpers

from search.backends.base import SearchUnavailable
from search.backends.elasticsearch.cluster import (
    BATCH_SIZE,
    ITEM_RETRIES,
    MAX_RETRIES,
    TRANSIENT_STATUSES,
    missing_index,
    public_url,
    scrubbed,
)

# Elasticsearch's highlight option → OpenSearch's name for it (OpenSearch answers 400 to the other).
HIGHLIGHT_OPTIONS = {"max_analyzed_offset": "max_analyzer_offset"}


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
    if "highlight" not in body:
        return body
    highlight = {
        HIGHLIGHT_OPTIONS.get(name, name): value for name, value in body["highlight"].items()
    }
    return {**body, "highlight": highlight}


class OpenSearchClient:
    """The requests of cluster.py's ClusterClient in opensearch-py's words."""

    product = "OpenSearch"

    def __init__(self, client: OpenSearch, *, url: str = "", secrets: tuple[str, ...] = ()):
        self.client = client
        self.url = url
        self.secrets = secrets

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
        body = {"settings": settings, "mappings": mappings, "aliases": aliases}
        self.client.indices.create(index=name, body=body)

    def put_settings(self, index: str, settings: dict) -> None:
        self.client.indices.put_settings(index=index, body=settings)

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
