"""Real processes: a Celery worker on Redis, a database they share, a worker killed, a broker down.

Each step runs in its own process (tests/worker/pipeline_scenario.py) against a database made
for this module: a SQLite file, or a fresh PostgreSQL database when DATABASE_URL is set.
"""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = str(Path(__file__).with_name("pipeline_scenario.py"))
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
# Each test flushes this database: runs side by side on one Redis pick their own with
# PIPELINE_REDIS_DB, else they would take each other's tasks.
REDIS_DB = int(os.environ.get("PIPELINE_REDIS_DB", "15"))
BROKER_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"
CLOSED_BROKER_URL = f"redis://{REDIS_HOST}:1/{REDIS_DB}"  # nothing listens on port 1

pytestmark = [pytest.mark.slow, pytest.mark.django_db(databases=[])]


def redis_reachable() -> bool:
    with contextlib.suppress(OSError), socket.create_connection((REDIS_HOST, REDIS_PORT), 1):
        return True
    return False


@contextlib.contextmanager
def scenario_database():
    """DATABASE_URL for the processes: a new PostgreSQL database, or None (SQLite under var/)."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        yield None
        return
    import psycopg

    parts = urlsplit(url)
    name = f"passerelle_pipeline_{uuid.uuid4().hex[:8]}"
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def portal_env(tmp_path_factory):
    if not redis_reachable():
        pytest.skip(f"Redis is not reachable at {REDIS_HOST}:{REDIS_PORT}: no broker to test with")
    import redis

    redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB).flushdb()
    var_dir = tmp_path_factory.mktemp("var")
    with scenario_database() as database_url:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "CELERY_", "PASSERELLE_", "DATABASE_URL", "SEARCH_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="portal.settings.dev",
            PASSERELLE_VAR_DIR=str(var_dir),
            CELERY_BROKER_URL=BROKER_URL,
            INDEX_RECONCILE_SECONDS="2",
            INDEX_OUTBOX_GRACE_SECONDS="1",
            EXTRACTION_REQUEUE_SECONDS="2",
            LOG_LEVEL="INFO",
        )
        if database_url:
            env["DATABASE_URL"] = database_url
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=180,
        )
        yield env
    redis.Redis(host=REDIS_HOST, port=REDIS_PORT, db=REDIS_DB).flushdb()


@pytest.fixture
def start_worker(portal_env, tmp_path):
    """Start `celery worker` (one pool process); stopped at the end of the test."""
    workers = []

    def start(*, beat=False, **extra_env) -> subprocess.Popen:
        command = [sys.executable, "-m", "celery", "-A", "worker", "worker", "--pool=prefork"]
        command += ["--concurrency=1", "--without-gossip", "--without-mingle", "-l", "INFO"]
        if beat:
            command += ["--beat", f"--schedule={tmp_path / 'beat-schedule'}"]
        log = (tmp_path / f"worker-{len(workers)}.log").open("w")
        worker = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**portal_env, **extra_env},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        workers.append(worker)
        wait_until_ready(worker, Path(log.name))
        return worker

    yield start
    for worker in workers:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


def wait_until_ready(worker: subprocess.Popen, log: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while "ready." not in log.read_text():
        assert worker.poll() is None, log.read_text()[-3000:]
        assert time.monotonic() < deadline, f"the worker did not start: {log.read_text()[-3000:]}"
        time.sleep(0.1)


def step(portal_env, *args, **extra_env) -> dict:
    done = subprocess.run(
        [sys.executable, SCENARIO, *map(str, args)],
        cwd=ROOT,
        env={**portal_env, **extra_env},
        capture_output=True,
        text=True,
        timeout=240,  # above the longest wait a step is given
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def pool_processes(worker: subprocess.Popen) -> list[int]:
    children = Path(f"/proc/{worker.pid}/task/{worker.pid}/children").read_text().split()
    return [int(pid) for pid in children]


def test_a_worker_on_redis_makes_an_uploaded_pdf_searchable(portal_env, start_worker):
    start_worker()

    published = step(portal_env, "publish", "ornithorynque", 30)
    result = published["waited"]

    assert (result["status"], result["attempts"], result["pages"]) == ("indexed", 1, 2)
    assert result["found"] == [published["page"]]
    seconds = result["found_at"] - published["committed"]
    print(f"\nupload → searchable with a real worker: {seconds:.2f} s")


def test_a_worker_killed_mid_extraction_still_indexes_the_document_once(portal_env, start_worker):
    # A long first attempt, so the kill lands inside it even on a loaded machine.
    worker = start_worker(PASSERELLE_TEST_EXTRACTION_DELAY="30")
    published = step(portal_env, "publish", "tamanoir")
    # Upper bounds, not timings: a worker starting on a loaded 2-core machine can take a minute.
    assert step(portal_env, "wait-status", published["document"], "processing", 120) == {
        "status": "processing"
    }
    [pool] = pool_processes(worker)

    os.kill(pool, signal.SIGKILL)  # the pool process dies with the message unacknowledged

    result = step(portal_env, "wait", published["document"], "tamanoir", 120)
    assert (result["status"], result["found"]) == ("indexed", [published["page"]])
    assert result["attempts"] == 2  # the first start, killed, and the redelivery
    assert worker.poll() is None


def test_a_publish_while_the_broker_is_down_becomes_searchable_once_it_is_back(
    portal_env, start_worker
):
    published = step(portal_env, "publish", "pangolin", CELERY_BROKER_URL=CLOSED_BROKER_URL)
    assert (published["changes_waiting"], published["status"]) == (3, "pending")

    start_worker(beat=True)  # the broker is reachable again: beat runs the reconcile

    result = step(portal_env, "wait", published["document"], "pangolin", 40)
    assert (result["status"], result["found"]) == ("indexed", [published["page"]])
