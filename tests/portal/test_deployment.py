"""The production stack: docker-compose.yml, the Dockerfile, docker/ and .env.example agree.

Nothing here needs a Docker engine. The compose file is read with PyYAML (skipped with a
reason when it is not installed); `docker compose config` runs when the compose CLI exists.
"""

import http.server
import importlib.util
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKER_DIR = ROOT / "docker"

SERVICES = {"web", "worker", "beat", "postgres", "redis", "elasticsearch"}
APP_SERVICES = ("web", "worker", "beat")
BACKING_SERVICES = ("postgres", "redis", "elasticsearch")


def env_example() -> dict[str, str]:
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        match = re.match(r"^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", line)
        if match:
            values[match[1]] = match[2]
    return values


def load_module(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem.replace(".", "_"), path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def compose() -> dict:
    yaml = pytest.importorskip(
        "yaml", reason="PyYAML is not installed, so docker-compose.yml cannot be parsed here"
    )
    return yaml.safe_load(COMPOSE_FILE.read_text())


def test_the_six_services_exist(compose):
    assert set(compose["services"]) == SERVICES


def test_every_variable_compose_fills_in_is_documented_in_env_example():
    # ${NAME}, ${NAME:-default}, ${NAME?error}; $${NAME} is escaped for the container's shell.
    lines = COMPOSE_FILE.read_text().splitlines()
    text = "\n".join(line for line in lines if not line.lstrip().startswith("#"))
    used = set(re.findall(r"(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)", text))
    assert used, "docker-compose.yml fills in no variable from .env"
    missing = used - set(env_example())
    assert not missing, f"used in docker-compose.yml but not in .env.example: {sorted(missing)}"


def test_application_containers_read_env_and_share_one_image(compose):
    services = compose["services"]
    web = services["web"]
    assert web["image"] == "${PASSERELLE_IMAGE}"
    for name in APP_SERVICES:
        service = services[name]
        assert service["env_file"] in (".env", [".env"]), name
        assert service["image"] == web["image"], name
        assert service["build"] == web["build"], name
        assert service["environment"]["SEARCH_BACKEND"] == "elasticsearch", name
    assert "gunicorn" not in str(web.get("command", "")), "web runs the image's default command"
    assert services["worker"]["command"][:4] == ["celery", "-A", "worker", "worker"]
    assert "--loglevel=INFO" in services["worker"]["command"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "worker", "beat"]


def test_env_example_points_the_stack_at_its_services():
    values = env_example()
    assert values["DJANGO_SETTINGS_MODULE"] == "portal.settings.production"
    assert urlsplit(values["DATABASE_URL"]).hostname == "postgres"
    assert urlsplit(values["CELERY_BROKER_URL"]).hostname == "redis"
    assert urlsplit(values["REDIS_URL"]).hostname == "redis"
    assert urlsplit(values["REDIS_URL"]).path != urlsplit(values["CELERY_BROKER_URL"]).path
    assert urlsplit(values["ELASTICSEARCH_URL"]).hostname == "elasticsearch"
    database = urlsplit(values["DATABASE_URL"])
    assert database.username == values["POSTGRES_USER"]
    assert database.password == values["POSTGRES_PASSWORD"]
    assert database.path.lstrip("/") == values["POSTGRES_DB"]
    assert values["SECRET_KEY"] == "", "no secret is shipped in the example"


def test_health_checks(compose):
    services = compose["services"]
    for name in ("web", "worker", *BACKING_SERVICES):
        assert "healthcheck" in services[name], name
    check = {name: " ".join(services[name]["healthcheck"]["test"]) for name in SERVICES - {"beat"}}
    assert "pg_isready" in check["postgres"]
    assert "redis-cli ping" in check["redis"]
    assert "_cluster/health" in check["elasticsearch"]
    assert "/app/docker/healthcheck.py" in check["web"]
    assert load_module(DOCKER_DIR / "healthcheck.py").URL.endswith("/healthz")
    # beat serves nothing: the image's HTTP check would mark it unhealthy forever.
    assert services["beat"]["healthcheck"] == {"disable": True}


def test_services_start_once_what_they_need_is_healthy(compose):
    services = compose["services"]
    for name in APP_SERVICES:
        depends_on = services[name]["depends_on"]
        for backing in BACKING_SERVICES:
            assert depends_on[backing] == {"condition": "service_healthy"}, (name, backing)
    for name in ("worker", "beat"):  # after web has applied the migrations
        assert services[name]["depends_on"]["web"] == {"condition": "service_healthy"}


def named_volumes(service: dict) -> dict[str, str]:
    """{volume name: mount point} for the named volumes (not host paths) a service mounts."""
    mounts = {}
    for entry in service.get("volumes", []):
        source, target = entry.split(":")[:2]
        if not source.startswith((".", "/", "~", "$")):
            mounts[source] = target
    return mounts


def test_named_volumes_hold_media_database_index_and_queues(compose):
    services = compose["services"]
    declared = set(compose["volumes"])
    for name, service in services.items():
        undeclared = set(named_volumes(service)) - declared
        assert not undeclared, f"{name} mounts undeclared volumes {undeclared}"
    for name in APP_SERVICES:
        mounts = named_volumes(services[name])
        assert mounts["media"] == services[name]["environment"]["MEDIA_ROOT"], name
        assert mounts["search-index"] == services[name]["environment"]["SEARCH_INDEX_DIR"], name
    assert named_volumes(services["beat"])["beat"] == "/app/var/beat"
    assert "/app/var/beat/" in " ".join(services["beat"]["command"])
    assert named_volumes(services["postgres"]) == {"postgres-data": "/var/lib/postgresql/data"}
    assert named_volumes(services["redis"]) == {"redis-data": "/data"}
    assert named_volumes(services["elasticsearch"]) == {
        "elasticsearch-data": "/usr/share/elasticsearch/data"
    }


def test_redis_persists_and_never_evicts_a_task(compose):
    command = compose["services"]["redis"]["command"]
    assert compose["services"]["redis"]["image"].startswith("redis:7")
    assert command[0] == "redis-server"
    options = dict(zip(command[1::2], command[2::2], strict=False))
    assert options["--appendonly"] == "yes"
    assert options["--maxmemory-policy"] == "noeviction"


def test_postgres_and_elasticsearch_versions(compose):
    services = compose["services"]
    assert services["postgres"]["image"] in {"postgres:16", "postgres:17"}
    image = services["elasticsearch"]["image"]
    assert image == "docker.elastic.co/elasticsearch/elasticsearch:${ELASTICSEARCH_VERSION}"
    server_major = env_example()["ELASTICSEARCH_VERSION"].split(".")[0]
    elasticsearch = pytest.importorskip("elasticsearch")
    assert server_major == "9"
    assert str(elasticsearch.__versionstr__).split(".")[0] == server_major, (
        "the elasticsearch client's major version must match the server's"
    )


def test_elasticsearch_is_a_single_node_on_the_internal_network(compose):
    service = compose["services"]["elasticsearch"]
    environment = service["environment"]
    assert environment["discovery.type"] == "single-node"
    assert environment["xpack.security.enabled"] == "false"
    assert environment["ES_JAVA_OPTS"] == "${ES_JAVA_OPTS}"
    for name in BACKING_SERVICES:  # reachable by the other containers only
        assert "ports" not in compose["services"][name], name


def compose_command() -> list[str] | None:
    for command in (["docker", "compose"], ["docker-compose"]):
        if shutil.which(command[0]) is None:
            continue
        result = subprocess.run(
            [*command, "version"], capture_output=True, text=True, timeout=30, check=False
        )
        if result.returncode == 0:
            return command
    return None


def test_docker_compose_config_accepts_the_file(tmp_path):
    command = compose_command()
    if command is None:
        pytest.skip("neither `docker compose` nor `docker-compose` is installed here")
    # The file needs a .env beside it, as on a server after `cp .env.example .env`.
    shutil.copy(COMPOSE_FILE, tmp_path / "docker-compose.yml")
    shutil.copy(ENV_EXAMPLE, tmp_path / ".env")
    environment = {k: v for k, v in os.environ.items() if k not in env_example()}
    result = subprocess.run(
        [*command, "config", "-q"],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "not set" not in result.stderr, result.stderr


# --- The image -------------------------------------------------------------------------------


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    instructions = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
    return instructions


def test_the_image_runs_production_settings_as_a_non_root_user():
    instructions = dockerfile_instructions()
    final_stage = instructions[max(i for i, (k, _) in enumerate(instructions) if k == "FROM") :]
    env = " ".join(rest for keyword, rest in final_stage if keyword == "ENV")
    assert "DJANGO_SETTINGS_MODULE=portal.settings.production" in env
    users = [rest for keyword, rest in final_stage if keyword == "USER"]
    assert users, "the image must not run as root"
    assert users[-1].split(":")[0] not in {"root", "0"}
    # The build-time dummy secret is set for one RUN only, never in the image's environment.
    assert "SECRET_KEY" not in env
    assert all("SECRET_KEY" not in rest for keyword, rest in instructions if keyword == "ARG")


def test_the_image_is_built_from_the_production_lock_with_catalogues_and_static_files():
    instructions = dockerfile_instructions()
    assert instructions[0][0] in {"ARG", "FROM"}
    assert any(
        k == "FROM" and re.match(r"python:\$\{PYTHON_VERSION\}-slim|python:3\.1[12]-slim", r)
        for k, r in instructions
    )
    runs = " ".join(rest for keyword, rest in instructions if keyword == "RUN")
    assert "pip install --require-hashes -r requirements-production.lock" in runs
    assert ".[dev]" not in runs and "requirements.lock" not in runs
    assert "pybabel compile --domain django --directory locale" in runs
    assert "manage.py collectstatic --noinput" in runs
    commands = dict(instructions)
    assert "gunicorn" in commands["CMD"] and "portal.wsgi:application" in commands["CMD"]
    assert "docker/healthcheck.py" in commands["HEALTHCHECK"]
    assert "/app/var/media" in commands["VOLUME"] and "/app/var/search-index" in commands["VOLUME"]
    assert "docker/entrypoint.sh" in commands["ENTRYPOINT"]


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_image():
    ignored = set((ROOT / ".dockerignore").read_text().split())
    assert {".env", ".git", ".venv", "var"} <= ignored


# --- docker/: entrypoint, gunicorn configuration, health check --------------------------------


@pytest.fixture
def fake_bin(tmp_path):
    """`python` and `gunicorn` stand-ins that record how they were called."""
    log = tmp_path / "calls.log"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name in ("python", "gunicorn", "celery"):
        script = bin_dir / name
        script.write_text(f'#!/bin/sh\necho "{name} $*" >> "{log}"\n')
        script.chmod(0o755)
    return bin_dir, log


def run_entrypoint(fake_bin, *command, **environment) -> list[str]:
    bin_dir, log = fake_bin
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", **environment}
    result = subprocess.run(
        ["/bin/sh", str(DOCKER_DIR / "entrypoint.sh"), *command],
        cwd=bin_dir.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return log.read_text().splitlines() if log.exists() else []


def test_entrypoint_migrates_before_the_web_server(fake_bin):
    calls = run_entrypoint(fake_bin, "gunicorn", "portal.wsgi:application")
    assert calls == ["python manage.py migrate --noinput", "gunicorn portal.wsgi:application"]


@pytest.mark.parametrize("flag", ["1", "true", "YES"])
def test_entrypoint_loads_the_demo_and_reindexes_when_asked(fake_bin, flag):
    calls = run_entrypoint(fake_bin, "gunicorn", "portal.wsgi:application", LOAD_DEMO_DATA=flag)
    assert calls == [
        "python manage.py migrate --noinput",
        "python manage.py seed_demo",
        "python manage.py search_reindex",
        "gunicorn portal.wsgi:application",
    ]


def test_entrypoint_runs_other_commands_as_given(fake_bin):
    calls = run_entrypoint(fake_bin, "celery", "-A", "worker", "worker", LOAD_DEMO_DATA="1")
    assert calls == ["celery -A worker worker"]


def test_gunicorn_takes_its_sizes_from_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "5")
    monkeypatch.setenv("GUNICORN_THREADS", "3")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "45")
    config = load_module(DOCKER_DIR / "gunicorn.conf.py")
    assert (config.workers, config.threads, config.timeout) == (5, 3, 45)
    assert config.worker_class == "gthread"
    assert config.accesslog is None  # requests are logged by the application, as JSON
    assert config.errorlog == "-"
    assert config.bind == "0.0.0.0:8000"
    healthcheck = load_module(DOCKER_DIR / "healthcheck.py")
    assert healthcheck.URL.startswith(f"http://127.0.0.1:{config.bind.rsplit(':', 1)[1]}/")


def test_gunicorn_gives_each_worker_one_blas_thread_unless_told(monkeypatch):
    # monkeypatch restores these variables after the test, whatever the configuration sets.
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.delenv("MKL_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "2")
    load_module(DOCKER_DIR / "gunicorn.conf.py")
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    assert os.environ["MKL_NUM_THREADS"] == "1"
    assert os.environ["OMP_NUM_THREADS"] == "2"


def test_health_check_names_an_allowed_host():
    healthcheck = load_module(DOCKER_DIR / "healthcheck.py")
    assert healthcheck.host_header("passerelle.example.org,www.example.org") == (
        "passerelle.example.org"
    )
    assert healthcheck.host_header(" .example.org") == "example.org"
    assert healthcheck.host_header("*,portal.example.org") == "portal.example.org"
    assert healthcheck.host_header("") == "localhost"


@pytest.mark.parametrize(("status", "healthy"), [(200, True), (503, False)])
def test_health_check_asks_healthz_as_if_through_the_tls_proxy(status, healthy):
    seen = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen.update(
                path=self.path, host=self.headers["Host"], proto=self.headers["X-Forwarded-Proto"]
            )
            self.send_response(status)
            self.end_headers()
            self.wfile.write(b'{"status": "ok"}')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        healthcheck = load_module(DOCKER_DIR / "healthcheck.py")
        url = f"http://127.0.0.1:{server.server_port}/healthz"
        ok, _detail = healthcheck.check(url, "passerelle.example.org", timeout=5)
    finally:
        server.shutdown()
        server.server_close()
    assert ok is healthy
    assert seen == {"path": "/healthz", "host": "passerelle.example.org", "proto": "https"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_health_check_fails_when_nothing_answers():
    healthcheck = load_module(DOCKER_DIR / "healthcheck.py")
    ok, _detail = healthcheck.check(f"http://127.0.0.1:{free_port()}/healthz", "", timeout=2)
    assert ok is False


@pytest.mark.slow
def test_collectstatic_as_in_the_image_build(tmp_path):
    """The Dockerfile's collectstatic step: production settings with a build-only secret."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="collectstatic-only-not-a-secret",
        ALLOWED_HOSTS="localhost",
        STATIC_ROOT=str(tmp_path / "static"),
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "static" / "staticfiles.json").exists()
