"""`make run` keeps its worker: a paused one shows on /healthz, a killed one is replaced.

One live embedded portal (SQLite, filesystem broker, worker with beat) serves the module.
"""

import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.portal.test_run import embedded_environment, free_port

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = str(ROOT / "tests" / "worker" / "pipeline_scenario.py")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("var")
    env = embedded_environment(var_dir)
    env.update(
        WORKER_HEARTBEAT_SECONDS="1",
        HEALTH_WORKER_SECONDS="4",
        # A long first attempt, so a kill lands inside it even on a loaded machine.
        PASSERELLE_TEST_EXTRACTION_DELAY="30",
        LOG_FORMAT="plain",
    )
    port = free_port()
    log = var_dir / "run.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_portal", "--no-demo", "--port", str(port)],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        wait_for(lambda: "running at" in log.read_text(), 180, lambda: log.read_text()[-3000:])
        yield process, env, f"http://127.0.0.1:{port}/healthz", log
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)


def wait_for(condition, seconds: float, explain=lambda: "") -> None:
    """Poll `condition` until true; an upper bound, not a timing."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, explain()
        time.sleep(0.2)


def healthz(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (local URL)
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def worker_pid(run_portal: subprocess.Popen) -> int:
    children = Path(f"/proc/{run_portal.pid}/task/{run_portal.pid}/children").read_text().split()
    [pid] = [int(pid) for pid in children if b"celery" in Path(f"/proc/{pid}/cmdline").read_bytes()]
    return pid


def process_group(leader: int) -> list[int]:
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[2]) == leader and fields[0] != "Z":
            members.append(int(stat.parent.name))
    return members


def step(env, *args) -> dict:
    done = subprocess.run(
        [sys.executable, SCENARIO, *map(str, args)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_healthz_names_a_paused_worker_and_recovers_when_it_resumes(portal):
    run_portal, _env, url, log = portal
    wait_for(lambda: healthz(url) == (200, {**healthz(url)[1], "worker": "ok"}), 60)
    worker = worker_pid(run_portal)

    os.kill(worker, signal.SIGSTOP)
    try:
        wait_for(lambda: healthz(url)[1].get("worker") == "unavailable", 60, log.read_text)
        status, body = healthz(url)
        assert (status, body["status"], body["database"]) == (503, "unavailable", "ok")
    finally:
        os.kill(worker, signal.SIGCONT)

    wait_for(lambda: healthz(url)[0] == 200, 60, lambda: str(healthz(url)))
    assert worker_pid(run_portal) == worker  # paused is not dead: the same worker goes on


def test_a_worker_killed_mid_extraction_is_replaced_and_the_file_still_becomes_searchable(
    portal,
):
    run_portal, env, url, log = portal
    published = step(env, "publish", "tamanoir")
    assert step(env, "wait-status", published["document"], "processing", 120) == {
        "status": "processing"
    }
    worker = worker_pid(run_portal)
    assert len(process_group(worker)) >= 3  # the worker, its pool, its beat

    os.kill(worker, signal.SIGKILL)

    # The analyst sees the file indexed and found, after one redelivery, without a restart.
    result = step(env, "wait", published["document"], "tamanoir", 120)
    assert (result["status"], result["found"]) == ("indexed", [published["page"]])
    assert result["attempts"] == 2
    assert run_portal.poll() is None
    assert "The worker process stopped (exit status -9); restarting it" in log.read_text()
    # Nothing of the killed worker is left to run the schedule beside the new one.
    assert process_group(worker) == []
    assert worker_pid(run_portal) != worker
    wait_for(lambda: healthz(url)[0] == 200, 60, lambda: str(healthz(url)))
