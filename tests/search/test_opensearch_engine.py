"""The engine contract on OpenSearch; needs a live node named by OPENSEARCH_URL (make test
starts one: tests/opensearch/with-node.sh)."""

import os
import uuid

import pytest

from search.backends.opensearch import OpenSearchBackend, make_client
from tests.search.contract_cluster import ClusterEngineContract

URL = os.environ.get("OPENSEARCH_URL", "")

pytestmark = pytest.mark.skipif(
    not URL, reason="OPENSEARCH_URL is not set: the engine contract needs a live OpenSearch node"
)


class TestOpenSearchEngine(ClusterEngineContract):
    @pytest.fixture
    def make_backend(self):
        # Each test gets its own alias, so tests never see each other's documents.
        alias = f"passerelle-test-{uuid.uuid4().hex[:12]}"
        yield lambda: OpenSearchBackend.from_url(URL, index=alias)
        make_client(URL).indices.delete(index=f"{alias}-v*", ignore=404)
