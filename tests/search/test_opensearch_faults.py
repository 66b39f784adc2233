"""Faults, live: an OpenSearch node killed outright while items are published and deleted, and
in the middle of a rebuild, then started again.

These tests start their own node with the suite's launcher (tests/opensearch/run-node.sh, built
by with-node.sh: `make test` runs them whenever Java and Maven are there), on another port and
data folder, so killing it leaves the suite's shared node alone. About twenty seconds in all.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from celery.exceptions import Retry
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from portal.reconcile import reconcile
from research.access import Viewer
from research.models import ResearchPage
from search.backends import SearchUnavailable, get_search_backend, reset_search_backend
from search.backends.elasticsearch.cluster import BATCH_SIZE
from search.backends.opensearch import OpenSearchBackend, make_client
from search.models import IndexChange
from search.query import SearchRequest
from search.tasks import index_items_task
from tests.search.documents import research_documents

ROOT = Path(__file__).resolve().parents[2]
LAUNCHER = ROOT / "tests/opensearch/run-node.sh"
BUILD = ROOT / "var/opensearch-test-node/classpath.txt"
START_TIMEOUT = float(os.environ.get("OPENSEARCH_START_TIMEOUT", "120"))
UNAVAILABLE = "Search is unavailable for the moment. Please try again in a few minutes."

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not os.environ.get("OPENSEARCH_URL") or not BUILD.exists() or not shutil.which("java"),
        reason="no OpenSearch test node built (make test builds and starts one when Java 17 and "
        "Maven are installed): the fault tests start and kill their own",
    ),
]


class KillableNode:
    """An OpenSearch test node of this test's own, on a fixed port, that can be killed (SIGKILL,
    no shutdown) and started again on the same data."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        (self.folder / "http.port").unlink(missing_ok=True)
        log = (self.folder / "node.log").open("ab")
        self.process = subprocess.Popen(
            ["bash", str(LAUNCHER), str(self.folder), str(os.getpid()), str(self.port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + START_TIMEOUT
        while not (self.folder / "http.port").exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.kill()
                tail = (self.folder / "node.log").read_text(errors="replace")[-3000:]
                pytest.fail(f"the fault tests' OpenSearch node did not start:\n{tail}")
            time.sleep(0.2)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)  # the launcher execs java: this is the JVM
            self.process.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def node():
    with tempfile.TemporaryDirectory(prefix="passerelle-opensearch-faults.") as folder:
        killable = KillableNode(Path(folder))
        killable.start()
        yield killable
        killable.kill()


@pytest.fixture
def running(node):
    """The node, up (a test before may have left it killed)."""
    if node.process is None or node.process.poll() is not None:
        node.start()
    return node


@pytest.fixture
def opensearch_index(db, settings, running, django_capture_on_commit_callbacks):
    settings.SEARCH_BACKEND = "opensearch"
    settings.OPENSEARCH_URL = running.url
    settings.OPENSEARCH_INDEX = f"passerelle-faults-{uuid.uuid4().hex[:12]}"
    settings.INDEX_OUTBOX_GRACE_SECONDS = 0
    reset_search_backend()
    yield get_search_backend()
    reset_search_backend()


def committed(capture, action):
    with capture(execute=True):
        return action()


def found(text: str) -> set[int]:
    request = SearchRequest(text=text, viewer=Viewer(unrestricted=True))
    return {hit.id for hit in get_search_backend().search(request).hits}


def pending_items() -> set[int]:
    return set(IndexChange.objects.filter(done_at=None).values_list("item_id", flat=True))


def test_changes_made_while_the_node_is_down_wait_in_the_outbox_then_converge(
    opensearch_index,
    running,
    make_research_page,
    django_capture_on_commit_callbacks,
    client,
    monkeypatch,
):
    capture = django_capture_on_commit_callbacks
    kept = committed(capture, lambda: make_research_page(title="Vols de catalyseurs à Laval"))
    gone = committed(capture, lambda: make_research_page(title="Fraude au télémarketing"))
    assert found("") == {kept.pk, gone.pk}

    running.kill()
    # Eager tasks: each asks to be retried later and stops there; the outbox keeps the change.
    with pytest.raises(Retry):
        committed(capture, lambda: make_research_page(title="Cybercriminalité et rançongiciels"))
    with pytest.raises(Retry):
        committed(capture, lambda: ResearchPage.objects.get(pk=gone.pk).unpublish())
    added = ResearchPage.objects.get(title="Cybercriminalité et rançongiciels")
    assert pending_items() == {added.pk, gone.pk}

    health = client.get("/healthz")
    assert (health.status_code, health.json()["search"]) == (503, "unavailable")
    api = client.get("/api/v1/search", {"q": "catalyseurs", "lang": "en"})
    assert (api.status_code, api.json()) == (503, {"error": UNAVAILABLE})
    with translation.override("en"):
        page = client.get(reverse("search_page"), {"q": "catalyseurs"})
    assert page.status_code == 503
    assert UNAVAILABLE in page.content.decode()
    with monkeypatch.context() as queue:  # a worker would take the tasks later: only queued
        queue.setattr(index_items_task, "apply_async", lambda *args, **options: None)
        report = reconcile()
    assert report.engine_error.startswith(f"OpenSearch at {running.url} is unreachable")
    assert pending_items() == {added.pk, gone.pk}

    running.start()
    committed(capture, reconcile)

    assert pending_items() == set()
    assert found("") == {kept.pk, added.pk}
    assert client.get("/healthz").json()["search"] == "ok"
    status = io.StringIO()
    call_command("search_status", stdout=status)
    assert "Live research items: 2 " in status.getvalue()
    assert "Documents in the index: 2\n" in status.getvalue()
    assert "In sync: the index matches the database." in status.getvalue()


def test_a_node_killed_in_the_middle_of_a_rebuild_leaves_the_old_alias_serving(running):
    alias = f"passerelle-faults-{uuid.uuid4().hex[:12]}"
    backend = OpenSearchBackend.from_url(running.url, index=alias, timeout=5)
    backend.index_documents(research_documents())

    def killed_while_loading():
        # A first batch is sent; the node dies while the loader reads the next.
        for number in range(BATCH_SIZE * 2):
            if number == BATCH_SIZE + 1:
                running.kill()
            yield replace(research_documents()[number % 10], id=1000 + number)

    with pytest.raises(SearchUnavailable, match=f"OpenSearch at {running.url} is unreachable"):
        backend.rebuild(killed_while_loading())

    running.start()
    again = OpenSearchBackend.from_url(running.url, index=alias)
    assert again.all_ids() == {doc.id for doc in research_documents()}
    request = SearchRequest(text="violence conjugale", viewer=Viewer(unrestricted=True))
    assert [hit.id for hit in again.search(request).hits] == [103]

    assert again.rebuild(research_documents()[:4]) == 4
    assert again.all_ids() == {101, 102, 103, 104}
    assert len(again.cluster.aliased(alias)) == 1
    make_client(running.url).indices.delete(index=f"{alias}-v*", ignore=404)
