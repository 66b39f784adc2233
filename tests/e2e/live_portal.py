"""A real portal for the browser: `run_portal` (web server, Celery worker and beat) in a
scratch folder, with accounts and content made by the portal's own commands.

The test process never touches the portal's database: everything goes through HTTP or
`manage.py`, as it would for an administrator on the machine.
"""

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parents[2]

# Settings the tests' own environment may carry that must not reach the embedded portal.
FOREIGN_SETTINGS = {
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "DJANGO_SETTINGS_MODULE",
    "SEARCH_BACKEND",
    "SEARCH_INDEX_DIR",
    "ELASTICSEARCH_URL",
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
}


@dataclass(frozen=True)
class Command:
    """A management command: its arguments, what it reads and extra environment."""

    args: tuple[str, ...]
    stdin: str | None = None
    env: dict[str, str] = field(default_factory=dict)


class PortalError(RuntimeError):
    """The portal did not start, or one of its commands failed; the message holds its output."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LivePortal:
    """`manage.py run_portal --no-demo` on a free port, with its output kept in `log_path`."""

    def __init__(self, var_dir: Path, log_path: Path):
        self.var_dir = var_dir
        self.log_path = log_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self.env = {key: value for key, value in os.environ.items() if key not in FOREIGN_SETTINGS}
        self.env.update(
            PASSERELLE_VAR_DIR=str(var_dir),
            DJANGO_SETTINGS_MODULE="portal.settings.dev",
            PYTHONUNBUFFERED="1",
            # The journeys count what words find (filters, access, facets); search by meaning is
            # judged by the relevance benchmark and tests/search/test_hybrid.py.
            SEARCH_EMBEDDER="none",
        )

    def start(self, limit: float = 300) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [sys.executable, "manage.py", "run_portal", "--no-demo", "--port", str(self.port)],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        self._wait_for_log(rf"running at http://localhost:{self.port}/", limit)

    def _wait_for_log(self, pattern: str, limit: float) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if re.search(pattern, self.log_path.read_text(errors="replace")):
                return
            if self.process.poll() is not None:
                raise PortalError(f"run_portal stopped ({self.process.returncode}):\n{self.tail()}")
            time.sleep(0.3)
        raise PortalError(f"run_portal did not serve within {limit:.0f} s:\n{self.tail()}")

    def tail(self, lines: int = 60) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    @property
    def admin_password(self) -> str:
        """The demo administrator's password, which `run_portal` keeps under its folder."""
        return (self.var_dir / "admin-password").read_text().strip()

    def manage(self, *args: str, stdin: str | None = None, env: dict | None = None) -> str:
        """Run a management command against this portal; its output, or PortalError."""
        return self.manage_all([Command(args, stdin, env or {})])[0]

    def manage_all(self, commands: list["Command"]) -> list[str]:
        """Run independent commands side by side (each is mostly Django starting up)."""
        with contextlib.ExitStack() as files:
            running = [
                (command, *self._spawn(command, files.enter_context(tempfile.TemporaryFile())))
                for command in commands
            ]
            outputs, failures = [], []
            for command, process, output in running:
                process.wait(timeout=300)
                output.seek(0)
                text = output.read().decode(errors="replace")
                outputs.append(text)
                if process.returncode != 0:
                    arguments = " ".join(command.args)
                    failures.append(f"manage.py {arguments} failed ({process.returncode}):\n{text}")
        if failures:
            raise PortalError("\n".join(failures))
        return outputs

    def _spawn(self, command: "Command", output: IO[bytes]) -> tuple[subprocess.Popen, IO[bytes]]:
        # The input is given at once and the output goes to a file, so no command waits on
        # a pipe (one waiting for its input may hold the database's write lock).
        process = subprocess.Popen(
            [sys.executable, "manage.py", *command.args], cwd=ROOT,
            env={**self.env, **command.env}, stdin=subprocess.PIPE, stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        process.stdin.write((command.stdin or "").encode())
        process.stdin.close()
        return process, output

    def stop(self) -> None:
        """Ctrl-C, as a person would: run_portal then stops the web server and the worker."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
