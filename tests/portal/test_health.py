"""/healthz tells a load balancer and an administrator which part is down."""

import json
import os
import shutil
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from research.models import ResearchDocument
from search.models import IndexChange
from worker.heartbeat import record_heartbeat
from worker.models import WorkerHeartbeat

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_reports_every_part_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "search": "ok", "broker": "ok"}
    assert "no-cache" in response["Cache-Control"]


def run_healthz_in_a_process(**environment) -> tuple[int, dict]:
    """Serve /healthz in a fresh process whose configuration points at something dead."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(json.dumps([r.status_code, r.json()]))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test", **environment}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    status, body = json.loads(result.stdout.strip().splitlines()[-1])
    return status, body


def test_healthz_is_503_naming_the_database_when_it_is_unreachable():
    # Nothing listens on port 9 (discard) here: the connection is refused at once.
    status, body = run_healthz_in_a_process(
        DATABASE_URL="postgres://passerelle@127.0.0.1:9/passerelle"
    )
    assert status == 503
    assert body["status"] == "unavailable"
    assert body["database"] == "unavailable"
    assert body["search"] == "ok"


def test_healthz_is_503_naming_the_broker_when_redis_is_unreachable():
    status, body = run_healthz_in_a_process(CELERY_BROKER_URL="redis://127.0.0.1:9/0")
    assert status == 503
    assert (body["database"], body["broker"]) == ("ok", "unavailable")


def test_healthz_answers_get_only(client):
    assert client.post("/healthz").status_code == 405


# With a worker expected (tasks go through a broker, not run inside the request), /healthz
# also reports the worker's heartbeat and the age of the work waiting for it.
@pytest.fixture
def worker_expected(settings, db):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.HEALTH_WORKER_SECONDS = 60
    settings.HEALTH_BACKLOG_SECONDS = 900


def seconds_ago(seconds: float):
    return timezone.now() - timedelta(seconds=seconds)


def test_healthz_reports_a_worker_seen_lately_and_no_late_work(client, worker_expected):
    record_heartbeat("celery@portal")
    IndexChange.objects.create(item_id=1, change="publish", created_at=seconds_ago(60))

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok", "database": "ok", "search": "ok", "broker": "ok",
        "worker": "ok", "backlog": "ok",
    }  # fmt: skip


def test_healthz_is_503_naming_the_worker_when_its_heartbeat_is_stale(client, worker_expected):
    # A worker paused (SIGSTOP), hung or killed writes no more heartbeats.
    WorkerHeartbeat.objects.create(hostname="celery@portal", seen_at=seconds_ago(61))

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["worker"] == "unavailable"
    assert response.json()["search"] == "ok"


def test_healthz_does_not_fail_before_any_worker_has_ever_started(client, worker_expected):
    # A web container answers before its worker starts (docker-compose waits for web first).
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["worker"] == "unknown"


def test_the_freshest_of_several_workers_counts(client, worker_expected):
    WorkerHeartbeat.objects.create(hostname="celery@replaced", seen_at=seconds_ago(3600))
    record_heartbeat("celery@current")
    assert client.get("/healthz").json()["worker"] == "ok"


def test_healthz_is_503_naming_the_backlog_when_an_index_change_waits_too_long(
    client, worker_expected
):
    record_heartbeat("celery@portal")
    IndexChange.objects.create(item_id=1, change="publish", created_at=seconds_ago(901))

    response = client.get("/healthz")

    assert response.status_code == 503
    assert (response.json()["backlog"], response.json()["worker"]) == ("delayed", "ok")


@pytest.mark.parametrize("status", ["pending", "processing"])
def test_healthz_is_503_naming_the_backlog_when_an_extraction_waits_too_long(
    client, worker_expected, make_document, status
):
    record_heartbeat("celery@portal")
    document = make_document()
    ResearchDocument.objects.filter(pk=document.pk).update(
        status=status, queued_at=seconds_ago(901), processing_started_at=seconds_ago(901)
    )

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["backlog"] == "delayed"


def test_healthz_is_503_read_only_while_another_writer_holds_the_index(client, search_index):
    index = search_index._live_index()
    writer = index.writer(heap_size=15_000_000, num_threads=1)  # a writer that never finishes
    try:
        response = client.get("/healthz")
    finally:
        writer.rollback()
        del writer
    assert response.status_code == 503
    assert (response.json()["status"], response.json()["search"]) == ("unavailable", "read-only")
    assert client.get("/healthz").status_code == 200  # released, the index takes writes again


def without_override(command: list[str]) -> list[str]:
    """`command` unable to write where the file modes forbid it, even run by root."""
    if os.geteuid() != 0:
        return command
    if not shutil.which("setpriv"):
        pytest.skip("root writes anywhere, and setpriv is missing to drop that power")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", *command]


# A serving process that opened the index before its folder stopped taking writes (an
# operator's chmod, a volume remounted read-only) still answers searches from it.
STOP_WRITES_WHILE_SERVING = """
import pathlib, sys
from search.backends.tantivy.engine import TantivyBackend
backend = TantivyBackend(sys.argv[1])
backend.count()
for path in [backend.folders.root, *backend.folders.root.rglob("*")]:
    path.chmod(0o555 if path.is_dir() else 0o444)
health = backend.health()
print(health.ok, health.writable, health.detail)
"""


def test_an_index_folder_the_portal_cannot_write_is_reported_read_only(tmp_path):
    folder = tmp_path / "search-index"
    command = [sys.executable, "-c", STOP_WRITES_WHILE_SERVING, str(folder)]
    try:
        done = subprocess.run(
            without_override(command), cwd=ROOT, capture_output=True, text=True, timeout=60
        )
    finally:
        for path in [folder, *folder.rglob("*")]:
            path.chmod(0o755)
    assert done.returncode == 0, done.stderr
    ok, writable, detail = done.stdout.strip().split(" ", 2)
    assert (ok, writable) == ("True", "False")  # searches still answered; changes are not
    assert "cannot be written" in detail
