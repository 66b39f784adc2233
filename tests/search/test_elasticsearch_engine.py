"""The engine contract on Elasticsearch; needs a live cluster named by ELASTICSEARCH_URL."""

import os
import uuid

import pytest

from search.backends.elasticsearch import ElasticsearchBackend, make_client
from tests.search.contract_cluster import ClusterEngineContract

URL = os.environ.get("ELASTICSEARCH_URL", "")
CONNECTION = {
    "api_key": os.environ.get("ELASTICSEARCH_API_KEY") or None,
    "username": os.environ.get("ELASTICSEARCH_USERNAME") or None,
    "password": os.environ.get("ELASTICSEARCH_PASSWORD") or None,
    "ca_certs": os.environ.get("ELASTICSEARCH_CA_CERTS") or None,
}

pytestmark = pytest.mark.skipif(
    not URL,
    reason="ELASTICSEARCH_URL is not set: the engine contract needs a live Elasticsearch 9 cluster",
)


class TestElasticsearchEngine(ClusterEngineContract):
    @pytest.fixture
    def make_backend(self):
        # Each test gets its own alias, so tests never see each other's documents.
        alias = f"passerelle-test-{uuid.uuid4().hex[:12]}"
        yield lambda: ElasticsearchBackend.from_url(URL, index=alias, **CONNECTION)
        # Indexes are deleted by name: clusters refuse wildcard deletes by default.
        client = make_client(URL, **CONNECTION)
        names = list(client.options(ignore_status=404).indices.get(index=f"{alias}-v*").body)
        if names:
            client.indices.delete(index=",".join(names))
