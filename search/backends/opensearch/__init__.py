"""The OpenSearch engine (opensearch-py, OpenSearch 2.x): the Elasticsearch engine's compiler,
index definition and lifecycle, through opensearch-py's client."""

from __future__ import annotations

from typing import Any

from opensearchpy import OpenSearch

from search.backends.elasticsearch.engine import ClusterBackend, secrets_of
from search.backends.opensearch.connection import OpenSearchClient, make_client

__all__ = ["OpenSearchBackend", "make_client"]


class OpenSearchBackend(ClusterBackend):
    """The engine on OpenSearch, through opensearch-py."""

    def __init__(
        self,
        client: OpenSearch,
        *,
        url: str = "",
        secrets: tuple[str, ...] = (),
        **options: Any,
    ) -> None:
        super().__init__(OpenSearchClient(client, url=url, secrets=secrets), **options)

    @classmethod
    def from_url(cls, url: str, *, index: str = "passerelle", **connection: Any):
        """Connect with make_client's options (username, password, TLS, timeout)."""
        return cls(
            make_client(url, **connection),
            alias=index,
            url=url,
            secrets=secrets_of(url, connection),
        )
