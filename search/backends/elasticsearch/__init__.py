"""The Elasticsearch engine, for production and scale-out (elasticsearch-py 9, Elasticsearch 9)."""

from search.backends.base import IndexOutOfDate, SearchUnavailable
from search.backends.elasticsearch.connection import IndexingFailed, make_client
from search.backends.elasticsearch.engine import ElasticsearchBackend

__all__ = [
    "ElasticsearchBackend",
    "IndexOutOfDate",
    "IndexingFailed",
    "SearchUnavailable",
    "make_client",
]
