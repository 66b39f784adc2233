"""Runs one extraction in a fresh child interpreter and turns its death, if any, into a reason.

A subprocess (rather than multiprocessing) because Celery's prefork workers are daemonic
and may not fork multiprocessing children, and because a new process group lets us kill the
child and anything it started (tesseract) at once.
"""

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .limits import Limits

# The child imports `worker.extract` without running `worker/__init__.py`, which would load
# Celery (and Django settings) for nothing: `worker` is registered as a bare namespace first.
_BOOTSTRAP = (
    "import sys, types; package = types.ModuleType('worker'); package.__path__ = [sys.argv[1]]; "
    "sys.modules['worker'] = package; from worker.extract.child import main; main()"
)
_WORKER_DIR = str(Path(__file__).resolve().parent.parent)
_MEMORY_SIGNS = ("MemoryError", "bad_alloc", "Out of memory", "out of memory", "Cannot allocate")
STDERR_TAIL = 4096


def run_in_child(path: Path, declared_name: str, limits: Limits) -> dict:
    """The child's JSON reply, or a reply describing how the child died."""
    request = {"path": str(path), "declared_name": declared_name, "limits": limits.to_dict()}
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [sys.executable, "-I", "-c", _BOOTSTRAP, _WORKER_DIR],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            start_new_session=True,
        )
        try:
            output, _ = process.communicate(json.dumps(request).encode(), timeout=limits.seconds)
        except subprocess.TimeoutExpired:
            _kill(process)
            return {"code": "timeout", "detail": f"killed after {limits.seconds} s"}
        _kill(process)  # reaps anything the child left behind in its group
        if process.returncode == 0 and output:
            return json.loads(output)
        return _diagnose(process.returncode, _tail(errors))


def _kill(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):  # the group is already gone
        os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def _tail(stream) -> str:
    stream.seek(0, 2)
    stream.seek(max(0, stream.tell() - STDERR_TAIL))
    return stream.read().decode("utf-8", errors="replace")


def _diagnose(returncode: int, stderr: str) -> dict:
    """Why the child ended without an answer: the time limit, the memory limit or a crash."""
    detail = f"exit {returncode}: {stderr.strip()[-500:]}"
    if returncode == -signal.SIGXCPU:
        return {"code": "timeout", "detail": detail}
    if returncode == -signal.SIGKILL or any(sign in stderr for sign in _MEMORY_SIGNS):
        return {"code": "memory", "detail": detail}
    return {"code": "crashed", "detail": detail}
