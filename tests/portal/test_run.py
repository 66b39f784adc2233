"""`make run`'s command: the embedded portal starts, serves, and stops cleanly on Ctrl-C."""

import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from portal.management.commands.run_portal import rebuild_outdated_index
from search.backends import get_search_backend, reset_search_backend
from search.backends.tantivy.engine import SCHEMA_VERSION_FILE

ROOT = Path(__file__).resolve().parents[2]


def embedded_environment(var_dir: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(PASSERELLE_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="portal.settings.dev")
    return env


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_sqlite_default_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    script = (
        "import django; django.setup();"
        "from django.db import connection;"
        "cursor = connection.cursor();"
        "cursor.execute('PRAGMA journal_mode'); print(cursor.fetchone()[0]);"
        "cursor.execute('PRAGMA busy_timeout'); print(cursor.fetchone()[0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=embedded_environment(tmp_path),
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    assert result.stdout.split() == ["wal", "20000"]


def read_until(stream, pattern: str, limit: float) -> re.Match:
    deadline = time.monotonic() + limit
    seen = []
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            break
        seen.append(line)
        match = re.search(pattern, line)
        if match:
            return match
    raise AssertionError(f"{pattern!r} never printed; output was:\n{''.join(seen)}")


@pytest.mark.slow
def test_run_portal_serves_pages_with_a_worker_and_stops_on_ctrl_c(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "run_portal", "--port", str(port)],
        cwd=ROOT, env=embedded_environment(tmp_path), stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        read_until(process.stdout, rf"running at http://localhost:{port}/", limit=180)
        login = read_until(process.stdout, r"user: admin\s+password: (\S+)", limit=5)
        assert login.group(1) == (tmp_path / "admin-password").read_text().strip()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:
            assert json.load(response)["status"] == "ok"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/fr/etudes/", timeout=10) as page:
            html = page.read().decode()
        assert "Dernières recherches" not in html and "études" in html
        assert (tmp_path / "demo-loaded").exists()
    finally:
        process.send_signal(signal.SIGINT)
        output = process.communicate(timeout=60)[0]
    assert process.returncode == 0, output
    # Neither the web server nor the worker outlives the command.
    with pytest.raises(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)


def test_an_index_left_by_an_earlier_version_is_rebuilt_before_serving(
    search_index, make_research_page
):
    make_research_page(title="Vols de catalyseurs à Laval")
    call_command("search_reindex", stdout=io.StringIO())
    folder = search_index.folders.path(search_index.folders.current())
    (folder / SCHEMA_VERSION_FILE).write_text("0\n")
    reset_search_backend()  # as a new `make run` process would open it
    assert not get_search_backend().health().ok

    out = io.StringIO()
    rebuild_outdated_index(out)

    assert "rebuilding it" in out.getvalue()
    assert get_search_backend().health().ok
    assert get_search_backend().count() == 1
    out = io.StringIO()
    rebuild_outdated_index(out)
    assert out.getvalue() == ""  # an index of this version is left alone
