"""`make run`: prepare the embedded portal, then run the web server and a Celery worker + beat."""

import os
import secrets
import signal
import sys
import time
import urllib.request
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from portal.supervisor import Child, ChildStopped
from search.backends import SearchUnavailable, get_search_backend

DEMO_ADMIN = "admin"


class StopRequested(Exception):
    """Ctrl-C or a termination signal: stop both children, then exit."""


def request_stop(signum, frame):
    raise StopRequested(signal.Signals(signum).name)


class Command(BaseCommand):
    help = "Migrate, load the demo content once, then run the web server and a Celery worker."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument(
            "--no-demo",
            action="store_true",
            help="Start without loading the demo content (an empty portal, e.g. for tests).",
        )

    def handle(self, *args, port, host, no_demo, **options):
        var_dir = Path(settings.VAR_DIR)
        var_dir.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        password = ensure_demo_admin(var_dir / "admin-password")
        if not no_demo:
            load_demo_once(var_dir / "demo-loaded", self.stdout)
        rebuild_outdated_index(self.stdout)
        # Explicit handlers: a shell that starts us in the background ignores SIGINT, and
        # SIGTERM (e.g. from a process manager) must stop the children too.
        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)
        children = start_children(host, port)
        try:
            url = f"http://{'localhost' if host in ('127.0.0.1', '0.0.0.0') else host}:{port}/"  # noqa: S104
            wait_until_serving(f"http://127.0.0.1:{port}/healthz", children, self.say)
            self.stdout.write(self.style.SUCCESS(f"\nPasserelle is running at {url}"))
            self.stdout.write(f"Admin: {url}admin/  user: {DEMO_ADMIN}  password: {password}")
            self.stdout.write("Press Ctrl-C to stop the web server and the worker.\n")
            watch(children, self.say)
        except StopRequested:
            self.stdout.write("\nStopping the web server and the worker…")
        finally:
            stop(children, self.say)

    def say(self, message: str) -> None:
        self.stderr.write(message)
        self.stderr.flush()


def ensure_demo_admin(password_file: Path) -> str:
    """The demo administrator, with a generated password kept so every run prints the same."""
    if password_file.exists():
        password = password_file.read_text().strip()
    else:
        password = secrets.token_urlsafe(12)
        password_file.write_text(password + "\n")
        password_file.chmod(0o600)
    user_model = get_user_model()
    user = user_model.objects.filter(username=DEMO_ADMIN).first()
    if user is None:
        user_model.objects.create_superuser(DEMO_ADMIN, "admin@example.org", password)
    elif not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    return password


def load_demo_once(marker: Path, stdout) -> None:
    if marker.exists():
        return
    stdout.write("First run: loading the demo content…")
    call_command("seed_demo")
    marker.write_text("loaded\n")


def rebuild_outdated_index(stdout) -> None:
    """After an update that changed the index's layout, rebuild it before serving: searches
    would otherwise answer that the index is out of date."""
    try:
        outdated = get_search_backend().index_out_of_date()
    except SearchUnavailable as error:
        # /healthz reports it too; the portal serves its pages without search meanwhile.
        stdout.write(f"The search engine does not answer ({error}); not checking its index.")
        return
    if outdated:
        stdout.write("The search index was built by an earlier version: rebuilding it…")
        call_command("search_reindex")


def start_children(host: str, port: int) -> dict[str, Child]:
    # Each child gets its own session so Ctrl-C reaches only this command, which then
    # stops both children in order.
    python = sys.executable
    web = [python, "manage.py", "runserver", f"{host}:{port}", "--noreload"]
    worker = [
        python,
        "-m",
        "celery",
        "-A",
        "worker",
        "worker",
        "--loglevel=INFO",
        "--concurrency=2",
        "--without-gossip",
        "--without-mingle",
        # Beat inside the worker: one machine, one worker, so one scheduler. It runs the
        # reconcile every minute (CELERY_BEAT_SCHEDULE), its state kept under var/.
        "--beat",
        f"--schedule={settings.CELERY_BEAT_SCHEDULE_FILENAME}",
    ]
    # A dead worker is restarted (with its beat): tasks it held come back to the new one. A
    # dead web server ends the run: it is what the command is for, and its cause (a port
    # taken, a broken setting) would only repeat.
    children = {
        "web": Child("web", web, settings.BASE_DIR, restart=False),
        "worker": Child("worker", worker, settings.BASE_DIR, restart=True),
    }
    for child in children.values():
        child.start()
    return children


def wait_until_serving(url: str, children: dict[str, Child], say, limit: float = 60):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        check_children(children, say)
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 (a local http URL)
                return
        except urllib.error.HTTPError:
            return  # the server answers; /healthz says what is down
        except OSError:
            time.sleep(0.3)
    raise CommandError(f"The web server did not answer at {url} within {limit:.0f} seconds.")


def check_children(children: dict[str, Child], say) -> None:
    for child in children.values():
        try:
            child.check(say)
        except ChildStopped as stopped:
            raise CommandError(str(stopped)) from None


def watch(children: dict[str, Child], say) -> None:
    while True:
        check_children(children, say)
        time.sleep(1)


def stop(children: dict[str, Child], say) -> None:
    for child in children.values():
        child.terminate()
    for child in children.values():
        child.wait_or_kill(15, say)
