"""The Elasticsearch engine, for production and scale-out (elasticsearch-py 9, Elasticsearch 9).

Its engine, compiler and index definition serve OpenSearch too (search/backends/opensearch).
"""

from search.backends.base import IndexOutOfDate, SearchUnavailable
from search.backends.elasticsearch.cluster import IndexingFailed
from search.backends.elasticsearch.connection import make_client
from search.backends.elasticsearch.engine import ClusterBackend, ElasticsearchBackend

__all__ = [
    "ClusterBackend",
    "ElasticsearchBackend",
    "IndexOutOfDate",
    "IndexingFailed",
    "SearchUnavailable",
    "make_client",
]
