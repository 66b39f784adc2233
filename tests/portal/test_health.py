"""/healthz tells a load balancer and an administrator which part is down."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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
