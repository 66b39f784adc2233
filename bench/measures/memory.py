"""Measure 6: the worker's peak memory while it extracts a 3,000-page PDF.

This process plays the worker: it loads what a Celery worker process loads (Django, the Celery
app, the tasks), then runs the extraction task's function on a stored document. The worker
process's peak comes from getrusage; the sandboxed child's from its VmHWM, read every few
milliseconds while it runs (getrusage's figure for children counts the parent's memory at
the fork). Their sum bounds what the two hold at once (the child runs while the worker waits).
"""

from __future__ import annotations

import os
import resource
import threading
import time
from pathlib import Path

from django.core.files import File
from django.core.management import call_command

import worker.tasks  # noqa: F401  (what a worker process imports)
from bench.stats import peak_rss_mib
from research.models import ResearchDocument
from worker.extract.language import detect_language
from worker.ingest import process_document


def measure_memory(files: dict, rounds: int) -> dict:
    big = files["big_pdf"]
    call_command("migrate", verbosity=0)
    detect_language("Un texte français assez long pour charger le modèle de langue une fois.")
    path = Path(big["path"])
    with path.open("rb") as stream:
        document = ResearchDocument(title="Rapport très long", file=File(stream, name=path.name))
        document.save()
    before = peak_rss_mib(resource.getrusage(resource.RUSAGE_SELF))
    watcher = ChildPeakWatcher()
    watcher.start()
    started = time.perf_counter()
    processed = process_document(document.pk, document.version)
    seconds = time.perf_counter() - started
    watcher.stop()
    document.refresh_from_db()
    worker_peak = peak_rss_mib(resource.getrusage(resource.RUSAGE_SELF))
    child_peak = round(watcher.peak_kib / 1024, 1)
    return {
        "pdf_pages": big["pages"],
        "pdf_bytes": big["bytes"],
        "status": processed.status,
        "reason_code": document.reason_code,
        "pages_read": document.pages,
        "characters_kept": document.characters,
        "seconds": round(seconds, 2),
        "worker_before_mib": before,
        "worker_peak_mib": worker_peak,
        "child_peak_mib": child_peak,
        "combined_peak_mib": round(worker_peak + child_peak, 1),
    }


class ChildPeakWatcher(threading.Thread):
    """Reads the high-water mark of this process's children until stopped."""

    INTERVAL_SECONDS = 0.005

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_kib = 0
        self._stopping = threading.Event()

    def run(self) -> None:
        parent = str(os.getpid())
        while not self._stopping.is_set():
            for pid in _children(parent):
                self.peak_kib = max(self.peak_kib, _high_water_kib(pid))
            time.sleep(self.INTERVAL_SECONDS)

    def stop(self) -> None:
        self._stopping.set()
        self.join()


def _children(parent: str) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
            if fields[1] == parent:
                found.append(entry.name)
    return found


def _high_water_kib(pid: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0
