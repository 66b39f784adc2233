"""The OpenSearch client layer through opensearch-py's own transport: the options it renames,
the requests it sends for the shared lifecycle, and how failures are reported.

A connection class stands in for HTTP: it records each request and answers with a recorded
OpenSearch response, so the client's serialising, retries and error types all run.
"""

from __future__ import annotations

import json

import pytest
from opensearchpy import Connection
from opensearchpy.exceptions import ConnectionError as ConnectionFailed

from research.access import Viewer
from search.backends.base import SearchUnavailable
from search.backends.elasticsearch.mapping import SCHEMA_VERSION
from search.backends.opensearch import OpenSearchBackend, make_client
from search.query import SearchRequest

URL = "http://admin:s3cret@os.test:9200"
LIVE = f"passerelle-v{SCHEMA_VERSION}-20240101t000000000000"
NEW = f"passerelle-v{SCHEMA_VERSION}-20250301t101500000000"
EMPTY_SEARCH = {"took": 1, "hits": {"total": {"value": 0}, "hits": []}, "aggregations": {}}


def backend_on(answers: dict[str, object], requests: list) -> OpenSearchBackend:
    """An engine whose every request is recorded and answered from `answers` ("METHOD /path")."""

    class RecordedConnection(Connection):
        def perform_request(self, method, url, params=None, body=None, **options):
            path = url.split("?")[0]
            requests.append((f"{method} {path}", json.loads(body) if body else None))
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
