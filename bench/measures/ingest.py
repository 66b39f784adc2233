"""Measure 4b: end-to-end ingest against raw PDFium extraction, with two processes each.

End to end is what an analyst waits for: `import_research` publishes one item per PDF, a
Celery worker with two processes extracts each file (sandboxed child, language, database) and
reindexes its item; the clock stops when every document is extracted and every index change
is applied, i.e. the text is searchable. Raw is two processes reading the same PDFs with
pypdfium2 and nothing else. Each round imports fresh copies (a distinct trailer after %%EOF
changes their SHA-256, so nothing is skipped as already extracted).
"""

from __future__ import annotations

import csv
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import redis
from django.conf import settings
from django.core.management import call_command

from bench.measures.extraction import pdfium_text
from bench.stats import ratio
from research.models import ExtractionStatus, ResearchDocument
from search.backends import get_search_backend
from search.models import IndexChange

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 2
POLL_SECONDS = 0.02
ROUND_TIMEOUT_SECONDS = 900


def measure_ingest(files: dict, rounds: int) -> dict:
    pdfs = [Path(entry["path"]) for entry in files["pdf"]]
    raw = [_raw_round(pdfs) for _ in range(rounds + 1)][1:]  # the first round warms up
    call_command("migrate", verbosity=0)
    if settings.CELERY_BROKER_URL.startswith("redis"):
        # Tasks left by an interrupted run would be applied to this run's database.
        redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
    worker = _start_worker()
    try:
        _pipeline_round(pdfs[:2], "warm-up")
        pipeline = [_pipeline_round(pdfs, f"round-{number}") for number in range(rounds)]
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    raw_rate = statistics.median(len(pdfs) / seconds for seconds in raw)
    pipeline_rate = statistics.median(entry["documents_per_second"] for entry in pipeline)
    return {
        "documents": len(pdfs),
        "pages": sum(entry["pages"] for entry in files["pdf"]),
        "processes": PROCESSES,
        "raw_seconds": [round(seconds, 3) for seconds in raw],
        "raw_documents_per_second": round(raw_rate, 2),
        "pipeline": pipeline,
        "pipeline_documents_per_second": round(pipeline_rate, 2),
        "throughput_ratio": ratio(pipeline_rate, raw_rate),
    }


def _raw_round(pdfs: list[Path]) -> float:
    with multiprocessing.get_context("fork").Pool(PROCESSES) as pool:
        started = time.perf_counter()
        pool.map(_characters, pdfs, chunksize=1)
        return time.perf_counter() - started


def _characters(path: Path) -> int:
    return len(pdfium_text(path))


def _start_worker() -> subprocess.Popen:
    command = [
        sys.executable, "-m", "celery", "-A", "worker", "worker", f"--concurrency={PROCESSES}",
        "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env=dict(os.environ))


def _pipeline_round(pdfs: list[Path], name: str) -> dict:
    folder = Path(settings.MEDIA_ROOT).parent / "imports" / name
    manifest = _manifest(folder, pdfs, name)
    before = set(ResearchDocument.objects.values_list("pk", flat=True))
    items_before = get_search_backend().count()
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "import_research", str(manifest), "-v0"],
        cwd=ROOT, env=dict(os.environ), check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    imported = time.perf_counter() - started
    documents = ResearchDocument.objects.exclude(pk__in=before)
    deadline = started + ROUND_TIMEOUT_SECONDS
    _wait_until_searchable(documents, deadline)
    # Searchable means the engine answers with the new items, not only that the work is done.
    while get_search_backend().count() < items_before + len(pdfs):
        if time.perf_counter() > deadline:
            raise RuntimeError("ingest: the imported items never all reached the index")
        time.sleep(POLL_SECONDS)
    seconds = time.perf_counter() - started
    statuses: dict[str, int] = {}
    for status in documents.values_list("status", flat=True):
        statuses[status] = statuses.get(status, 0) + 1
    return {
        "documents": len(pdfs),
        "seconds": round(seconds, 3),
        "import_seconds": round(imported, 3),
        "documents_per_second": round(len(pdfs) / seconds, 2),
        "statuses": statuses,
        "indexed_items": get_search_backend().count(),
    }


def _wait_until_searchable(documents, deadline: float) -> None:
    unfinished = (ExtractionStatus.PENDING, ExtractionStatus.PROCESSING)
    while time.perf_counter() < deadline:
        waiting = documents.filter(status__in=unfinished).exists()
        if not waiting and not IndexChange.objects.filter(done_at__isnull=True).exists():
            return
        time.sleep(POLL_SECONDS)
    raise RuntimeError("ingest: the worker did not finish within the time limit")


def _manifest(folder: Path, pdfs: list[Path], name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for number, source in enumerate(pdfs):
        copy = folder / f"{number:03d}-{source.name}"
        shutil.copyfile(source, copy)
        with copy.open("ab") as stream:
            stream.write(f"\n% {name}\n".encode())
        rows.append(
            {
                "id": f"ingest-{name}-{number}",
                "title": f"Rapport {number + 1} ({name})",
                "organisation": "spvm",
                "published": "2024-05-01",
                "language": "fr",
                "type": "research-report",
                "summary": "Rapport importé pour mesurer l'ingestion de bout en bout.",
                "files": copy.name,
            }
        )
    manifest = folder / "manifest.csv"
    with manifest.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return manifest
