"""The OpenSearch client layer through opensearch-py's own transport: the options it renames,
the requests it sends for the shared lifecycle, and how failures are reported.

A connection class stands in for HTTP: it records each request and answers with a recorded
OpenSearch response, so the client's serialising, retries and error types all run.
"""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest
from opensearchpy import Connection
from opensearchpy.exceptions import ConnectionError as ConnectionFailed

from research.access import Viewer
from search.backends.base import SearchUnavailable
from search.backends.elasticsearch.mapping import SCHEMA_VERSION
from search.backends.opensearch import OpenSearchBackend, make_client
from search.documents import PassageVectors
from search.query import SearchRequest
from tests.search.documents import research_documents

URL = "http://admin:s3cret@os.test:9200"
LIVE = f"passerelle-v{SCHEMA_VERSION}-20240101t000000000000"
NEW = f"passerelle-v{SCHEMA_VERSION}-20250301t101500000000"
EMPTY_SEARCH = {"took": 1, "hits": {"total": {"value": 0}, "hits": []}, "aggregations": {}}
KNN = "org.opensearch.knn.plugin.KNNPlugin"


def nodes_with(*plugin_sets: tuple[str, ...]) -> tuple[int, dict]:
    """GET /_nodes/plugins: one node per set of plugin classes."""
    nodes = {
        f"node-{number}": {"plugins": [{"name": name, "classname": name} for name in plugins]}
        for number, plugins in enumerate(plugin_sets)
    }
    return 200, {"nodes": nodes}


def _decoded(path: str, body) -> object:
    if not body:
        return None
    if path.endswith("_bulk"):  # NDJSON: one action or document per line
        text = body.decode() if isinstance(body, bytes) else body
        return [json.loads(line) for line in text.splitlines()]
    return json.loads(body)


def backend_on(answers: dict[str, object], requests: list) -> OpenSearchBackend:
    """An engine whose every request is recorded and answered from `answers` ("METHOD /path")."""

    class RecordedConnection(Connection):
        def perform_request(self, method, url, params=None, body=None, **options):
            path = url.split("?")[0]
            requests.append((f"{method} {path}", _decoded(path, body)))
            answer = answers.get(f"{method} {path}", (404, {"error": "no recorded response"}))
            if isinstance(answer, Exception):
                raise answer
            status, payload = answer
            raw = json.dumps(payload)
            if not 200 <= status < 300 and status not in options.get("ignore", ()):
                self._raise_error(status, raw, "application/json")
            return status, {"content-type": "application/json"}, raw

    client = make_client(URL, connection_class=RecordedConnection)
    backend = OpenSearchBackend(client, url=URL, secrets=("s3cret",))
    backend._new_index_name = lambda: NEW
    return backend


def test_the_highlight_offset_option_is_sent_under_opensearchs_name():
    requests = []
    backend = backend_on(
        {"GET /_alias/passerelle": (200, {LIVE: {"aliases": {"passerelle": {}}}}),
         "POST /passerelle/_search": (200, EMPTY_SEARCH)},
        requests,
    )  # fmt: skip
    backend.search(SearchRequest(text="violence", viewer=Viewer(unrestricted=True), facets=()))
    (body,) = [body for line, body in requests if line == "POST /passerelle/_search"]
    assert "max_analyzer_offset" in body["highlight"]
    assert "max_analyzed_offset" not in body["highlight"]


def test_a_rebuild_swaps_the_alias_in_one_call():
    requests = []
    backend = backend_on(
        {"GET /_alias/passerelle": (200, {LIVE: {"aliases": {"passerelle": {}}}}),
         "GET /_nodes/plugins": nodes_with(()),
         f"PUT /{NEW}": (200, {"acknowledged": True}),
         f"PUT /{NEW}/_settings": (200, {"acknowledged": True}),
         f"POST /{NEW}/_refresh": (200, {}),
         "POST /_aliases": (200, {"acknowledged": True})},
        requests,
    )  # fmt: skip
    assert backend.rebuild([]) == 0
    (swap,) = [body for line, body in requests if line == "POST /_aliases"]
    # The old index is deleted in the same call: a swap racing another one changes nothing.
    assert swap["actions"] == [
        {"remove_index": {"index": LIVE}},
        {"add": {"index": NEW, "alias": "passerelle", "is_write_index": True}},
        {"remove": {"index": NEW, "alias": "passerelle-building"}},
    ]
    assert not [line for line, _body in requests if line.startswith("DELETE")]


def test_an_unreachable_server_is_named_without_its_credentials():
    refused = ConnectionFailed("N/A", "refused by http://admin:s3cret@os.test:9200", None)
    backend = backend_on({"GET /_alias/passerelle": refused}, [])
    with pytest.raises(SearchUnavailable, match=r"OpenSearch at http://os\.test:9200") as error:
        backend.count()
    assert "s3cret" not in str(error.value)
    assert not backend.health().ok


def test_a_cluster_that_stays_busy_is_reported_unavailable():
    requests = []
    backend = backend_on({"GET /_alias/passerelle": (503, {"error": "busy"})}, requests)
    with pytest.raises(SearchUnavailable, match="keeps answering 503"):
        backend.count()
    assert len(requests) == 4  # the first try and three retries


# -- vectors: only with the k-NN plugin ----------------------------------------------------------


def first_index_routes(nodes):
    return {
        "GET /_alias/passerelle": (404, {"error": "alias [passerelle] missing", "status": 404}),
        "GET /_nodes/plugins": nodes,
        f"PUT /{NEW}": (200, {"acknowledged": True}),
        "POST /passerelle/_count": (200, {"count": 0}),
    }


def test_with_the_knn_plugin_on_every_node_indexes_take_vectors():
    requests = []
    backend = backend_on(first_index_routes(nodes_with(("a", KNN), (KNN,))), requests)
    assert backend.supports_vectors is True
    backend.count()
    (create,) = [body for line, body in requests if line == f"PUT /{NEW}"]
    assert create["settings"]["knn"] is True
    # Asked once per connection.
    assert len([line for line, _body in requests if line == "GET /_nodes/plugins"]) == 1


def test_a_node_without_the_knn_plugin_means_words_only():
    requests = []
    backend = backend_on(first_index_routes(nodes_with((KNN,), ("a",))), requests)
    assert backend.supports_vectors is False
    backend.count()
    (create,) = [body for line, body in requests if line == f"PUT /{NEW}"]
    assert "knn" not in create["settings"]
    viewer = SearchRequest(viewer=Viewer())
    assert backend.nearest(viewer, [1.0, 0.0], "e5", 5) == []
    assert not [line for line, _body in requests if line.endswith("_search")]


def test_a_knn_search_is_sent_as_a_nested_knn_query_with_its_filter():
    requests = []
    field = {LIVE: {"mappings": {"passages.vector": {
        "full_name": "passages.vector",
        "mapping": {"vector": {"type": "knn_vector", "dimension": 2}},
    }}}}  # fmt: skip
    answer = {"took": 1, "hits": {"total": {"value": 1}, "hits": [
        {"_id": "103", "_score": 0.9,
         "inner_hits": {"passages": {"hits": {"hits": [{"_source": {"number": 1}}]}}}},
    ]}}  # fmt: skip
    backend = backend_on(
        {"GET /_alias/passerelle": (200, {LIVE: {"aliases": {"passerelle": {}}}}),
         "GET /_nodes/plugins": nodes_with((KNN,)),
         "GET /passerelle/_mapping/field/passages.vector": (200, field),
         "POST /passerelle/_search": (200, answer)},
        requests,
    )  # fmt: skip
    request = SearchRequest(viewer=Viewer(), withheld=frozenset({102}))
    (match,) = backend.nearest(request, [0.6, 0.8], "e5", 7)
    assert (match.id, match.passage, round(match.similarity, 6)) == (103, 1, 0.8)
    (body,) = [body for line, body in requests if line == "POST /passerelle/_search"]
    assert "knn" not in body
    nested = body["query"]["nested"]
    assert (nested["path"], nested["score_mode"]) == ("passages", "max")
    assert nested["inner_hits"] == {"size": 1, "_source": ["passages.number"]}
    knn = nested["query"]["knn"]["passages.vector"]
    assert (knn["vector"], knn["k"]) == ([0.6, 0.8], 7)
    filters = knn["filter"]["bool"]["filter"]
    assert {"term": {"vector_model": "e5"}} in filters
    assert {"bool": {"must_not": [{"terms": {"id": [102]}}]}} in filters
    assert len(filters) == 3  # and the viewer's access filter


def test_vector_fields_are_mapped_as_knn_vectors_in_lucenes_engine():
    requests = []
    backend = backend_on(
        {"GET /_alias/passerelle": (200, {LIVE: {"aliases": {"passerelle": {}}}}),
         "GET /_alias/passerelle-building": (404, {"error": "missing", "status": 404}),
         "GET /_nodes/plugins": nodes_with((KNN,)),
         "PUT /passerelle/_mapping": (200, {"acknowledged": True}),
         "POST /_bulk": (200, {"took": 1, "errors": False, "items": [
             {"index": {"_index": LIVE, "_id": "101", "status": 201}}]})},
        requests,
    )  # fmt: skip
    rows = np.array([[1.0, 0.0, 0.0]], dtype=np.float32)
    doc = replace(research_documents()[0], vectors=PassageVectors("e5", rows))
    assert backend.index_documents([doc]) == 1
    (mapping,) = [body for line, body in requests if line == "PUT /passerelle/_mapping"]
    assert mapping["properties"]["passages"]["properties"]["vector"] == {
        "type": "knn_vector",
        "dimension": 3,
        "method": {"name": "hnsw", "engine": "lucene", "space_type": "cosinesimil"},
    }
