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


def test_the_deployment_check_finds_nothing_to_report():
    """`manage.py check --deploy` with production settings and what .env.example asks for."""
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="a-long-random-secret-for-this-test-only-0123456789-abcdefghij",
        ALLOWED_HOSTS="passerelle.example.org",
        REDIS_URL="redis://127.0.0.1:6379/14",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_deployment_check_asks_for_a_shared_cache():
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DEBUG"}}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="a-long-random-secret-for-this-test-only-0123456789-abcdefghij",
        ALLOWED_HOSTS="passerelle.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "passerelle.W001" in result.stderr + result.stdout
    assert "Set REDIS_URL" in result.stderr + result.stdout
