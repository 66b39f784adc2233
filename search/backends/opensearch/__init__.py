"""The OpenSearch engine (opensearch-py, OpenSearch 2.x): the Elasticsearch engine's compiler,
index definition and lifecycle, through opensearch-py's client."""

from __future__ import annotations

from search.backends.elasticsearch.engine import LibraryBackend
from search.backends.opensearch.connection import OpenSearchClient, make_client

__all__ = ["OpenSearchBackend", "make_client"]


class OpenSearchBackend(LibraryBackend):
    """The engine on OpenSearch, through opensearch-py."""

    adapter = OpenSearchClient
    connect = staticmethod(make_client)
