"""Production settings refuse to start with a missing secret."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def import_production_settings(**environment):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS"}}
    env.update(environment, DJANGO_SETTINGS_MODULE="portal.settings.production")
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = import_production_settings(ALLOWED_HOSTS="passerelle.example.org")
    assert result.returncode != 0
    assert "The environment variable SECRET_KEY must be set." in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = import_production_settings(SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "The environment variable ALLOWED_HOSTS must be set." in result.stderr


def test_production_starts_when_its_secrets_are_given():
    result = import_production_settings(
        SECRET_KEY="a-long-random-secret-for-this-test-only-0123456789",
        ALLOWED_HOSTS="passerelle.example.org",
    )
    assert result.returncode == 0, result.stderr
