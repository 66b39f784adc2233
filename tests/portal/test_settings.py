"""Production settings refuse to start with a missing secret."""

from tests.portal.production import on_production_settings


def import_production_settings(**environment):
    return on_production_settings(
        ["-c", "import django; django.setup()"],
        without={"SECRET_KEY", "ALLOWED_HOSTS"},
        timeout=60,
        **environment,
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
    result = on_production_settings(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        without={"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG"},
        SECRET_KEY="a-long-random-secret-for-this-test-only-0123456789-abcdefghij",
        ALLOWED_HOSTS="passerelle.example.org",
        REDIS_URL="redis://127.0.0.1:6379/14",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_deployment_check_asks_for_a_shared_cache():
    result = on_production_settings(
        ["manage.py", "check", "--deploy"],
        without={"REDIS_URL", "DEBUG"},
        SECRET_KEY="a-long-random-secret-for-this-test-only-0123456789-abcdefghij",
        ALLOWED_HOSTS="passerelle.example.org",
    )
    assert "passerelle.W001" in result.stderr + result.stdout
    assert "Set REDIS_URL" in result.stderr + result.stdout
