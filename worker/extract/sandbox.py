"""Runs extractions in sandboxed child interpreters and turns a child's death into a reason.

A subprocess (rather than multiprocessing) because Celery's prefork workers are daemonic
and may not fork multiprocessing children, and because a new process group lets us kill the
child and anything it started (tesseract) at once.

Starting an interpreter costs about 100 ms of CPU, more than PDFium takes for most files, so
children are kept for several documents: each one answers requests (one JSON line each way)
under the same resource limits until it has served MAX_DOCUMENTS_PER_CHILD, grown past
RETIRE_ABOVE_BYTES, timed out or died. A dead or retired child is replaced by a fresh one.
"""

import atexit
import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from .limits import MIB, Limits

# The child imports `worker.extract` and the reason table it reads (research.extraction_reasons)
# without running `worker/__init__.py`, which would load Celery (and Django settings) for
# nothing: `worker` and `research` are registered as bare namespaces first.
_BOOTSTRAP = (
    "import sys, types\n"
    "for name, path in zip(('worker', 'research'), sys.argv[1:3]):\n"
    "    package = types.ModuleType(name); package.__path__ = [path]; sys.modules[name] = package\n"
    "from worker.extract.child import main; main()"
)
_WORKER_DIR = str(Path(__file__).resolve().parent.parent)
_RESEARCH_DIR = str(Path(__file__).resolve().parent.parent.parent / "research")
_MEMORY_SIGNS = ("MemoryError", "bad_alloc", "Out of memory", "out of memory", "Cannot allocate")
STDERR_TAIL = 4096
# A child serves at most this many documents, so leaks in a parser cannot pile up.
MAX_DOCUMENTS_PER_CHILD = 50
# A child still holding more than this after a document is replaced, so a huge file does not
# leave its worker with the memory it took.
RETIRE_ABOVE_BYTES = 256 * MIB
# Idle children kept per worker process; a Celery prefork process extracts one file at a time.
POOL_SIZE = 1
# Test-only, read by the parent at each request (a kept child would not see a later change).
TEST_DELAY_VARIABLE = "PASSERELLE_TEST_CHILD_DELAY"
_READ_BYTES = 1 << 20
_LATE, _ENDED = object(), object()


class ExtractionChild:
    """One sandboxed interpreter, started under some limits and environment, serving requests."""

    def __init__(self, limits: Limits, environment: dict[str, str]) -> None:
        self.memory_bytes = limits.memory_bytes
        self.environment = environment
        self.served = 0
        self.ended = False  # its output ended without a reply: it died
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed by stop())
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-I",
                "-c",
                _BOOTSTRAP,
                _WORKER_DIR,
                _RESEARCH_DIR,
                str(MAX_DOCUMENTS_PER_CHILD),
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            start_new_session=True,
            env=environment,
        )
        self._pending = b""

    @property
    def pid(self) -> int:
        return self.process.pid

    def fits(self, limits: Limits, environment: dict[str, str]) -> bool:
        """Whether this child can take a request: alive, same memory limit and environment."""
        return (
            self.process.poll() is None
            and self.memory_bytes == limits.memory_bytes
            and self.environment == environment
            and self.served < MAX_DOCUMENTS_PER_CHILD
        )

    def run(self, request: dict, seconds: float) -> tuple[dict, bool]:
        """The reply, and whether the child may serve again."""
        self.served += 1
        self.errors.seek(0, 2)
        errors_from = self.errors.tell()
        try:
            self.process.stdin.write(json.dumps(request).encode() + b"\n")
            self.process.stdin.flush()
        except OSError:
            pass  # it died; reading finds the end of its output and the diagnosis says how
        line = self._read_line(time.monotonic() + seconds)
        if line is _LATE:
            self.stop()
            return {"code": "timeout", "detail": f"killed after {seconds} s"}, False
        if line is _ENDED:
            self.ended = True
            self._reap()  # its output has ended: it is exiting, or stuck and killed here
            stderr = _tail(self.errors, errors_from)
            self.stop()
            return _diagnose(self.process.returncode, stderr), False
        reply = json.loads(line)
        resident = reply.pop("resident_bytes", 0)
        # After a MemoryError the interpreter may be in any state: a fresh one takes the next file.
        reusable = (
            self.served < MAX_DOCUMENTS_PER_CHILD
            and resident <= RETIRE_ABOVE_BYTES
            and reply.get("code") != "memory"
        )
        return reply, reusable

    def _read_line(self, deadline: float):
        """One reply line, _ENDED if the child's output ended first, _LATE past the deadline."""
        stream = self.process.stdout.fileno()
        while b"\n" not in self._pending:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([stream], [], [], remaining)[0]:
                return _LATE
            chunk = os.read(stream, _READ_BYTES)
            if not chunk:
                return _ENDED
            self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        return line

    def stop(self) -> None:
        """Kill the child's process group (it and anything it started), reap it, close files."""
        self._reap()
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        self.process.stdout.close()
        self.errors.close()

    def _reap(self) -> None:
        with contextlib.suppress(ProcessLookupError):  # the group is already gone
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


class ChildPool:
    """Extraction children kept between documents, each used by one caller at a time."""

    def __init__(self, size: int = POOL_SIZE) -> None:
        self.size = size
        self.started = 0  # children started so far, for the tests and the logs
        self._idle: list[ExtractionChild] = []
        self._lock = threading.Lock()
        self._owner = os.getpid()

    def run(self, path: Path, declared_name: str, limits: Limits) -> dict:
        """The child's JSON reply, or a reply describing how the child died."""
        environment = dict(os.environ)
        request = {
            "path": str(path),
            "declared_name": declared_name,
            "limits": limits.to_dict(),
            "test_delay": float(environment.get(TEST_DELAY_VARIABLE) or 0),
        }
        child = self._take(limits, environment)
        reused = child.served > 0
        reply, reusable = self._run(child, request, limits)
        if reused and child.ended:
            # A kept child may have died while idle (the OOM killer, an operator): the file
            # gets one fresh child before its crash is believed.
            child = self._take(limits, environment, fresh=True)
            reply, reusable = self._run(child, request, limits)
        if reusable:
            self._give_back(child)
        return reply

    @staticmethod
    def _run(child: ExtractionChild, request: dict, limits: Limits) -> tuple[dict, bool]:
        try:
            reply, reusable = child.run(request, limits.seconds)
        except BaseException:
            child.stop()
            raise
        if not reusable:
            child.stop()
        return reply, reusable

    def idle_pids(self) -> list[int]:
        with self._lock:
            return [child.pid for child in self._idle]

    def close(self) -> None:
        """Stop every idle child (at exit; busy ones are stopped by their callers)."""
        with self._lock:
            idle, self._idle = self._idle, []
        if os.getpid() != self._owner:
            return  # a forked copy: the children belong to the parent
        for child in idle:
            child.stop()

    def _take(
        self, limits: Limits, environment: dict[str, str], *, fresh: bool = False
    ) -> ExtractionChild:
        self._forget_after_fork()
        unfit = []
        with self._lock:
            while self._idle and not fresh:
                child = self._idle.pop()
                if child.fits(limits, environment):
                    break
                unfit.append(child)
            else:
                child = None
            if child is None:
                self.started += 1
        for old in unfit:
            old.stop()
        return child or ExtractionChild(limits, environment)

    def _give_back(self, child: ExtractionChild) -> None:
        with self._lock:
            if len(self._idle) < self.size and os.getpid() == self._owner:
                self._idle.append(child)
                return
        child.stop()

    def _forget_after_fork(self) -> None:
        # A forked process (Celery's prefork pool) must not share its parent's children's pipes.
        if os.getpid() != self._owner:
            with self._lock:
                self._idle, self._owner = [], os.getpid()


_POOL = ChildPool()
atexit.register(_POOL.close)


def run_in_child(path: Path, declared_name: str, limits: Limits) -> dict:
    """The child's JSON reply, or a reply describing how the child died."""
    return _POOL.run(path, declared_name, limits)


def _tail(stream, start: int) -> str:
    """What the child wrote on stderr since `start`, at most its last STDERR_TAIL bytes."""
    stream.seek(0, 2)
    stream.seek(max(start, stream.tell() - STDERR_TAIL))
    return stream.read().decode("utf-8", errors="replace")


def _diagnose(returncode: int, stderr: str) -> dict:
    """Why the child ended without an answer: the time limit, the memory limit or a crash."""
    detail = f"exit {returncode}: {stderr.strip()[-500:]}"
    if returncode == -signal.SIGXCPU:
        return {"code": "timeout", "detail": detail}
    if returncode == -signal.SIGKILL or any(sign in stderr for sign in _MEMORY_SIGNS):
        return {"code": "memory", "detail": detail}
    return {"code": "crashed", "detail": detail}
