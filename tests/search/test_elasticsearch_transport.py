"""Alias swap, bulk errors and connection failures, through elasticsearch-py's own transport.

A node class stands in for the HTTP connection: it records each request and answers with a
recorded Elasticsearch response, so the client's serialising, retries and error types all run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

import elastic_transport
import elasticsearch
import numpy as np
import pytest
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse

from research.access import Viewer
from search.backends.elasticsearch import (
    ElasticsearchBackend,
    IndexingFailed,
    SearchUnavailable,
    make_client,
)
from search.backends.elasticsearch.cluster import RebuildFailed
from search.backends.elasticsearch.mapping import SCHEMA_VERSION
from search.documents import PassageVectors
from search.query import SearchRequest
from tests.search.documents import research_documents

URL = "http://elastic:s3cret@es.test:9200"
LIVE = f"passerelle-v{SCHEMA_VERSION}-20240101t000000000000"
NEW = f"passerelle-v{SCHEMA_VERSION}-20250301t101500000000"
ACK = {"acknowledged": True}
REJECTED = "es_rejected_execution_exception"
MISSING_ALIAS = (404, {"error": "alias [passerelle-building] missing", "status": 404})


@dataclass
class Request:
    method: str
    path: str
    body: Any

    @property
    def line(self) -> str:
        return f"{self.method} {self.path}"


class Cluster:
    """Answers each request with the first matching recorded response; records every request."""

    def __init__(self, routes: dict[str, list], default=None) -> None:
        # "METHOD /path" → responses given in turn (the last one repeats).
        self.routes = routes
        self.default = default
        self.requests: list[Request] = []

    def answer(self, request: Request):
        self.requests.append(request)
        path = request.path.split("?")[0]
        responses = self.routes.get(f"{request.method} {path}")
        if responses is None:
            if self.default is not None:
                return self.default
            return 404, {"error": f"no recorded response for {request.method} {path}"}
        return responses.pop(0) if len(responses) > 1 else responses[0]

    def sent(self, line: str) -> list[Request]:
        return [request for request in self.requests if request.line.split("?")[0] == line]

    def node_class(self) -> type[BaseNode]:
        cluster = self

        class RecordedNode(BaseNode):
            _CLIENT_META_HTTP_CLIENT = ("rn", "1.0")

            def perform_request(self, method, target, body=None, headers=None, **options):
                answer = cluster.answer(Request(method, target, _decoded(target, body)))
                if isinstance(answer, Exception):
                    raise answer
                status, payload = answer
                meta = ApiResponseMeta(
                    status=status,
                    http_version="1.1",
                    headers=HttpHeaders(
                        {"content-type": "application/json", "x-elastic-product": "Elasticsearch"}
                    ),
                    duration=0.0,
                    node=self.config,
                )
                return NodeApiResponse(meta, json.dumps(payload).encode())

        return RecordedNode


def _decoded(target: str, body: bytes | None):
    if not body:
        return None
    if "_bulk" in target:  # NDJSON: one action or document per line
        return [json.loads(line) for line in body.decode().splitlines()]
    return json.loads(body)


def backend_on(cluster: Cluster) -> ElasticsearchBackend:
    client = make_client(URL, node_class=cluster.node_class(), retry_backoff_base=0)
    backend = ElasticsearchBackend(client, url=URL, secrets=("s3cret",), item_backoff=0)
    backend._new_index_name = lambda: NEW
    return backend


def aliased(*names):
    return 200, {name: {"aliases": {}} for name in names}


def bulk_answer(*items):
    return 200, {"took": 1, "errors": any(i[2] >= 300 for i in items), "items": [
        {op: {"_index": LIVE, "_id": str(doc_id), "status": status}
         | ({"error": {"type": error, "reason": f"{error} on {doc_id}"}} if error else {})}
        for op, doc_id, status, error in items
    ]}  # fmt: skip


def bulk_actions(request: Request) -> list[tuple[str, dict]]:
    """(operation, metadata) of each action in a bulk request body."""
    actions = [line for line in request.body if set(line) <= {"index", "create", "delete"}]
    return [(op, meta) for action in actions for op, meta in action.items()]


def bulk_docs(request: Request) -> list[tuple[str, str, str]]:
    """(operation, index, id) of each action in a bulk request body."""
    return [(op, meta["_index"], meta["_id"]) for op, meta in bulk_actions(request)]


# -- rebuild and the alias -----------------------------------------------------------------------


def rebuild_routes(bulk_answers):
    return {
        "GET /_alias/passerelle": [aliased(LIVE)],
        f"PUT /{NEW}": [(200, ACK | {"index": NEW})],
        "PUT /_bulk": bulk_answers,
        f"PUT /{NEW}/_settings": [(200, ACK)],
        f"POST /{NEW}/_refresh": [(200, {"_shards": {"total": 1, "successful": 1, "failed": 0}})],
        "POST /_aliases": [(200, ACK)],
        f"DELETE /{NEW}": [(200, ACK)],
    }


def test_rebuild_loads_a_new_index_then_swaps_the_alias_in_one_call():
    created = [("index", doc.id, 201, None) for doc in research_documents()[:3]]
    cluster = Cluster(rebuild_routes([bulk_answer(*created)]))
    versioned = [replace(doc, version=40 + n) for n, doc in enumerate(research_documents()[:3])]
    assert backend_on(cluster).rebuild(versioned) == 3
    assert [request.line.split("?")[0] for request in cluster.requests] == [
        "GET /_alias/passerelle",
        "GET /_alias/passerelle-building",  # half-built indexes of dead rebuilds: none
        f"PUT /{NEW}",
        "PUT /_bulk",
        f"PUT /{NEW}/_settings",
        f"POST /{NEW}/_refresh",
        "GET /_alias/passerelle",
        "POST /_aliases",
    ]
    (create,) = cluster.sent(f"PUT /{NEW}")
    assert create.body["aliases"] == {"passerelle-building": {}}
    assert create.body["settings"]["refresh_interval"] == "-1"
    assert create.body["settings"]["number_of_replicas"] == 0
    assert create.body["settings"]["gc_deletes"] == "24h"
    assert create.body["mappings"]["_meta"] == {"schema_version": 4}
    (bulk,) = cluster.sent("PUT /_bulk")
    # Versioned like live writes: a newer write or delete made meanwhile refuses these (409).
    assert bulk_actions(bulk) == [
        ("index", {"_index": NEW, "_id": "101", "version": 40, "version_type": "external_gte"}),
        ("index", {"_index": NEW, "_id": "102", "version": 41, "version_type": "external_gte"}),
        ("index", {"_index": NEW, "_id": "103", "version": 42, "version_type": "external_gte"}),
    ]
    (restore,) = cluster.sent(f"PUT /{NEW}/_settings")
    assert restore.body == {
        "refresh_interval": "1s",
        "auto_expand_replicas": "0-1",
        "gc_deletes": None,
    }
    (swap,) = cluster.sent("POST /_aliases")
    # The replaced index is deleted in the same atomic call.
    assert swap.body == {
        "actions": [
            {"remove_index": {"index": LIVE}},
            {"add": {"index": NEW, "alias": "passerelle", "is_write_index": True}},
            {"remove": {"index": NEW, "alias": "passerelle-building"}},
        ]
    }


def test_a_swap_that_finds_another_rebuild_switched_first_replaces_that_one():
    other = "passerelle-v2-20250301t101400000000"
    gone = (404, {"error": {"type": "index_not_found_exception", "index": LIVE}, "status": 404})
    routes = rebuild_routes([bulk_answer(("index", 101, 201, None))])
    routes["GET /_alias/passerelle"] = [aliased(LIVE), aliased(LIVE), aliased(other)]
    routes["POST /_aliases"] = [gone, (200, ACK)]
    cluster = Cluster(routes)
    assert backend_on(cluster).rebuild(research_documents()[:1]) == 1
    first, second = cluster.sent("POST /_aliases")
    assert first.body["actions"][0] == {"remove_index": {"index": LIVE}}
    assert second.body["actions"][0] == {"remove_index": {"index": other}}
    assert cluster.sent(f"DELETE /{NEW}") == []


def test_a_swap_whose_own_index_was_deleted_fails_saying_so():
    gone = (404, {"error": {"type": "index_not_found_exception", "index": NEW}, "status": 404})
    routes = rebuild_routes([bulk_answer(("index", 101, 201, None))])
    routes["POST /_aliases"] = [gone]
    cluster = Cluster(routes)
    with pytest.raises(RebuildFailed, match=f"{NEW}, was deleted before the switch; passerelle"):
        backend_on(cluster).rebuild(research_documents()[:1])
    assert len(cluster.sent("POST /_aliases")) == 1


def test_a_failed_rebuild_deletes_its_index_and_leaves_the_alias_alone():
    failed = bulk_answer(("index", 101, 201, None), ("index", 102, 400, "mapper_parsing_exception"))
    cluster = Cluster(rebuild_routes([failed]))
    with pytest.raises(IndexingFailed, match=r"102 \(400 mapper_parsing_exception"):
        backend_on(cluster).rebuild(research_documents()[:2])
    assert cluster.sent("POST /_aliases") == []
    assert len(cluster.sent(f"DELETE /{NEW}")) == 1
    assert cluster.sent(f"DELETE /{LIVE}") == []


def test_items_a_live_write_already_wrote_during_the_rebuild_are_not_failures():
    answer = bulk_answer(
        ("index", 101, 201, None), ("index", 102, 409, "version_conflict_engine_exception")
    )
    cluster = Cluster(rebuild_routes([answer]))
    assert backend_on(cluster).rebuild(research_documents()[:2]) == 2
    assert len(cluster.sent("POST /_aliases")) == 1


def test_writes_during_a_rebuild_go_to_the_alias_and_to_the_index_being_built():
    cluster = Cluster({
        "GET /_alias/passerelle": [aliased(LIVE)],
        "GET /_alias/passerelle-building": [aliased(NEW)],
        "PUT /_bulk": [bulk_answer(("index", 104, 200, None), ("index", 104, 201, None))],
    })  # fmt: skip
    assert backend_on(cluster).index_documents(research_documents()[3:4]) == 1
    (bulk,) = cluster.sent("PUT /_bulk")
    assert bulk_docs(bulk) == [("index", "passerelle", "104"), ("index", NEW, "104")]
    assert "refresh=true" in bulk.path


# -- bulk item errors ----------------------------------------------------------------------------


def write_routes(*bulk_answers):
    return {
        "GET /_alias/passerelle": [aliased(LIVE)],
        "GET /_alias/passerelle-building": [MISSING_ALIAS],
        "PUT /_bulk": list(bulk_answers),
    }


def test_a_failed_item_is_raised_naming_its_id():
    cluster = Cluster(write_routes(bulk_answer(
        ("index", 101, 201, None), ("index", 102, 400, "mapper_parsing_exception"),
    )))  # fmt: skip
    with pytest.raises(IndexingFailed) as failed:
        backend_on(cluster).index_documents(research_documents()[:2])
    assert failed.value.failures == {
        102: "400 mapper_parsing_exception: mapper_parsing_exception on 102"
    }
    assert str(failed.value).startswith("1 search document(s) could not be written: 102 (")


def test_an_item_refused_with_429_is_sent_again():
    refused = bulk_answer(("index", 101, 201, None), ("index", 102, 429, REJECTED))
    cluster = Cluster(write_routes(refused, bulk_answer(("index", 102, 201, None))))
    assert backend_on(cluster).index_documents(research_documents()[:2]) == 2
    first, second = cluster.sent("PUT /_bulk")
    assert [doc for _op, _index, doc in bulk_docs(first)] == ["101", "102"]
    assert bulk_docs(second) == [("index", "passerelle", "102")]


def test_an_item_refused_with_429_every_time_is_recorded_not_dropped():
    refused = bulk_answer(("index", 101, 429, REJECTED))
    cluster = Cluster(write_routes(refused))
    with pytest.raises(IndexingFailed, match=r"101 \(429 es_rejected_execution_exception"):
        backend_on(cluster).index_documents(research_documents()[:1])
    assert len(cluster.sent("PUT /_bulk")) == 4  # the first try and three more


def test_deleting_an_unknown_id_is_no_failure():
    cluster = Cluster(write_routes(bulk_answer(("delete", 999, 404, None))))
    backend_on(cluster).delete_documents([999])
    (bulk,) = cluster.sent("PUT /_bulk")
    assert bulk_docs(bulk) == [("delete", "passerelle", "999")]


def test_a_delete_during_a_rebuild_leaves_its_version_in_both_indexes():
    stored_newer = ("delete", 102, 409, "version_conflict_engine_exception")
    cluster = Cluster({
        "GET /_alias/passerelle": [aliased(LIVE)],
        "GET /_alias/passerelle-building": [aliased(NEW)],
        "PUT /_bulk": [bulk_answer(("delete", 101, 200, None), ("delete", 101, 404, None),
                                   stored_newer, ("delete", 102, 404, None))],
    })  # fmt: skip
    backend_on(cluster).delete_documents([101, 102], versions={101: 7, 102: 3})
    (bulk,) = cluster.sent("PUT /_bulk")
    assert bulk_actions(bulk) == [
        ("delete", {"_index": target, "_id": doc_id, "version": version,
                    "version_type": "external_gte"})
        for doc_id, version in (("101", 7), ("102", 3))
        for target in ("passerelle", NEW)
    ]  # fmt: skip


# -- the first index -----------------------------------------------------------------------------


def test_the_first_index_is_created_as_the_aliases_write_index():
    cluster = Cluster({
        "GET /_alias/passerelle": [MISSING_ALIAS, aliased(NEW)],
        f"PUT /{NEW}": [(200, ACK | {"index": NEW})],
        "POST /passerelle/_count": [(200, {"count": 0})],
    })  # fmt: skip
    assert backend_on(cluster).count() == 0
    (create,) = cluster.sent(f"PUT /{NEW}")
    assert create.body["aliases"] == {"passerelle": {"is_write_index": True}}
    assert create.body["settings"]["refresh_interval"] == "1s"


def test_a_first_index_refused_because_another_process_made_one_uses_that_one():
    reason = f"alias [passerelle] has more than one write index [{LIVE},{NEW}]"
    two_writers = (500, {"error": {"type": "illegal_state_exception", "reason": reason},
                         "status": 500})  # fmt: skip
    cluster = Cluster({
        "GET /_alias/passerelle": [MISSING_ALIAS, aliased(LIVE)],
        f"PUT /{NEW}": [two_writers],
        "POST /passerelle/_count": [(200, {"count": 4})],
    })  # fmt: skip
    assert backend_on(cluster).count() == 4
    assert cluster.sent(f"DELETE /{NEW}") == []


def test_a_first_index_refused_for_another_reason_is_raised():
    bad = (400, {"error": {"type": "illegal_argument_exception", "reason": "bad setting"},
                 "status": 400})  # fmt: skip
    cluster = Cluster({"GET /_alias/passerelle": [MISSING_ALIAS], f"PUT /{NEW}": [bad]})
    with pytest.raises(elasticsearch.BadRequestError, match="illegal_argument_exception"):
        backend_on(cluster).count()


# -- transient errors and an unreachable server --------------------------------------------------


def search_answer():
    return 200, {
        "took": 1,
        "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []},
        "aggregations": {"type": {"doc_count": 0, "values": {"buckets": []}}},
    }


def test_a_busy_cluster_is_asked_again():
    busy = (503, {"error": "unavailable", "status": 503})
    cluster = Cluster({
        "GET /_alias/passerelle": [aliased(LIVE)],
        "POST /passerelle/_search": [busy, busy, search_answer()],
    })  # fmt: skip
    response = backend_on(cluster).search(SearchRequest(facets=("type",), viewer=Viewer()))
    assert response.total == 0
    assert len(cluster.sent("POST /passerelle/_search")) == 3


def test_a_cluster_that_stays_busy_is_reported_unavailable():
    cluster = Cluster({
        "GET /_alias/passerelle": [aliased(LIVE)],
        "POST /passerelle/_search": [(503, {"error": "unavailable", "status": 503})],
    })  # fmt: skip
    with pytest.raises(SearchUnavailable, match="keeps answering 503"):
        backend_on(cluster).search(SearchRequest())


def test_an_unreachable_server_is_named_without_its_credentials():
    refused = elastic_transport.ConnectionError("Connection refused by es.test, password s3cret")
    cluster = Cluster({}, default=refused)
    backend = backend_on(cluster)
    with pytest.raises(SearchUnavailable) as unavailable:
        backend.count()
    message = str(unavailable.value)
    assert message.startswith("Elasticsearch at http://es.test:9200 is unreachable")
    assert "s3cret" not in message
    assert "elastic:" not in message
    health = backend.health()
    assert not health.ok
    assert "http://es.test:9200" in health.detail
    assert "s3cret" not in health.detail


# -- passage vectors -----------------------------------------------------------------------------


def embedded(doc, dimension=4, model="test-model"):
    rows = np.eye(2, dimension, dtype=np.float32)
    return replace(doc, vectors=PassageVectors(model, rows))


def test_vectors_of_a_new_dimension_are_mapped_on_every_target_before_they_are_written():
    cluster = Cluster({
        "GET /_alias/passerelle": [aliased(LIVE)],
        "GET /_alias/passerelle-building": [aliased(NEW)],
        "PUT /passerelle/_mapping": [(200, ACK)],
        f"PUT /{NEW}/_mapping": [(200, ACK)],
        "PUT /_bulk": [bulk_answer(*[("index", i, 201, None) for i in (101, 101, 102, 102)])],
    })  # fmt: skip
    docs = [embedded(doc) for doc in research_documents()[:2]]
    assert backend_on(cluster).index_documents(docs) == 2
    mapped = [request.line for request in cluster.requests if request.path.endswith("_mapping")]
    assert mapped == ["PUT /passerelle/_mapping", f"PUT /{NEW}/_mapping"]  # once per dimension
    vector = cluster.sent("PUT /passerelle/_mapping")[0].body["properties"]["passages"]
    assert vector["properties"]["vector"]["dims"] == 4
    (bulk,) = cluster.sent("PUT /_bulk")
    sources = [line for line in bulk.body if "id" in line]
    assert sources[0]["vector_model"] == "test-model"
    assert sources[0]["passages"] == [
        {"number": 0, "vector": [1.0, 0.0, 0.0, 0.0]},
        {"number": 1, "vector": [0.0, 1.0, 0.0, 0.0]},
    ]


def test_vectors_an_index_cannot_map_are_left_out_and_the_item_is_written():
    conflict = (400, {"error": {"type": "illegal_argument_exception",
                                "reason": "Cannot update parameter [dims] from [384] to [4]"},
                      "status": 400})  # fmt: skip
    cluster = Cluster({
        "GET /_alias/passerelle": [aliased(LIVE)],
        "GET /_alias/passerelle-building": [MISSING_ALIAS],
        "PUT /passerelle/_mapping": [conflict],
        "PUT /_bulk": [bulk_answer(("index", 101, 201, None))],
    })  # fmt: skip
    assert backend_on(cluster).index_documents([embedded(research_documents()[0])]) == 1
    (bulk,) = cluster.sent("PUT /_bulk")
    (source,) = [line for line in bulk.body if "id" in line]
    assert (source["vector_model"], source["passages"]) == (None, [])


def test_nearest_sends_one_knn_search_and_reads_each_items_best_passage():
    knn_answer = {"took": 1, "hits": {"hits": [
        {"_id": "103", "_score": 1.0,
         "inner_hits": {"passages": {"hits": {"hits": [{"_source": {"number": 0}}]}}}},
        {"_id": "101", "_score": 0.75,
         "inner_hits": {"passages": {"hits": {"hits": [{"_source": {"number": 1}}]}}}},
    ]}}  # fmt: skip
    field = {LIVE: {"mappings": {"passages.vector": {
        "full_name": "passages.vector", "mapping": {"vector": {"type": "dense_vector", "dims": 4}}
    }}}}  # fmt: skip
    cluster = Cluster({
        "GET /_alias/passerelle": [aliased(LIVE)],
        "GET /passerelle/_mapping/field/passages.vector": [(200, field)],
        "POST /passerelle/_search": [(200, knn_answer)],
    })  # fmt: skip
    request = SearchRequest(viewer=Viewer(), withheld=frozenset({105}))
    backend = backend_on(cluster)
    matches = backend.nearest(request, np.eye(4, dtype=np.float32)[0], "test-model", 5)
    assert [(m.id, m.passage) for m in matches] == [(103, 0), (101, 1)]
    assert [m.similarity for m in matches] == [1.0, 0.5]  # the cosine, not (1 + cosine) / 2
    (search,) = cluster.sent("POST /passerelle/_search")
    assert search.body["knn"]["k"] == 5
    assert {"term": {"vector_model": "test-model"}} in search.body["knn"]["filter"]
    # A query vector of another dimension compares with nothing and sends no search.
    assert backend.nearest(request, np.ones(3, dtype=np.float32), "test-model", 5) == []
    assert len(cluster.sent("POST /passerelle/_search")) == 1
