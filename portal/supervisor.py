"""The embedded run's child processes (web server, worker), watched and restarted when they die.

Each child leads its own process group, so stopping it or cleaning up after it reaches the
processes it started too: the worker's pool and its embedded beat outlive a worker killed
with SIGKILL, and would hold tasks and run the schedule a second time beside a new worker.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

# Pauses before restarts: doubling from the first, up to the last; reset after a calm run.
FIRST_PAUSE_SECONDS = 1.0
LONGEST_PAUSE_SECONDS = 30.0
CALM_RUN_SECONDS = 60.0


class ChildStopped(Exception):
    """A child that is not restarted has stopped."""


class Child:
    """One command run in its own process group; restarted after a death if `restart`."""

    def __init__(self, name: str, command: list[str], cwd: Path, *, restart: bool) -> None:
        self.name, self.command, self.cwd, self.restart = name, command, cwd, restart
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0
        self.pause = FIRST_PAUSE_SECONDS
        self.restart_at: float | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, cwd=self.cwd, start_new_session=True)
        self.started_at = time.monotonic()

    def check(self, say: Callable[[str], None]) -> None:
        """Restart the child when its pause is over; raise ChildStopped if it may not be."""
        if self.restart_at is not None:
            if time.monotonic() >= self.restart_at:
                self.restart_at = None
                self.start()
                say(f"The {self.name} process started again (pid {self.process.pid}).")
            return
        status = self.process.poll()
        if status is None:
            return
        self.kill_leftovers()
        if not self.restart:
            raise ChildStopped(f"The {self.name} process stopped (exit status {status}).")
        if time.monotonic() - self.started_at > CALM_RUN_SECONDS:
            self.pause = FIRST_PAUSE_SECONDS
        say(
            f"The {self.name} process stopped (exit status {status}); "
            f"restarting it in {self.pause:.0f} s."
        )
        self.restart_at = time.monotonic() + self.pause
        self.pause = min(self.pause * 2, LONGEST_PAUSE_SECONDS)

    def kill_leftovers(self) -> None:
        """Kill what the dead child left in its group (pool processes, embedded beat)."""
        with contextlib.suppress(ProcessLookupError):  # nothing left: the group is gone
            os.killpg(self.process.pid, signal.SIGKILL)

    def terminate(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)

    def wait_or_kill(self, seconds: float, say: Callable[[str], None]) -> None:
        if self.process is None:
            return
        try:
            self.process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            say(f"The {self.name} process did not stop in time; killing it.")
        self.kill_leftovers()
        self.process.wait()
