"""Measure 4a: PDF text extraction speed, PDFium (pypdfium2, the worker's) against pdfminer.six.

Both read the same PDFs in this process, warm, several rounds. The worker's full path (type
detection, the sandboxed child process, language detection) is timed per format beside them.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from pdfminer.high_level import extract_text as pdfminer_text

from bench.stats import ratio, summary
from worker.extract import DEFAULT_LIMITS, extract_text
from worker.extract.pdf import extract_pdf


def pdfium_text(path: Path) -> str:
    return extract_pdf(path, DEFAULT_LIMITS).text


def measure_extraction(files: dict, rounds: int) -> dict:
    pdfs = files["pdf"]
    pages = sum(entry["pages"] for entry in pdfs)
    pdfium = _library_rounds(pdfs, pdfium_text, rounds)
    pdfminer = _library_rounds(pdfs, pdfminer_text, rounds)
    return {
        "pdfs": len(pdfs),
        "pages": pages,
        "pypdfium2": pdfium,
        "pdfminer": pdfminer,
        "speed_ratio": ratio(pdfium["pages_per_second"], pdfminer["pages_per_second"]),
        "worker_path": {
            kind: _worker_path(files[kind], rounds) for kind in ("pdf", "docx", "pptx")
        },
    }


def _library_rounds(entries: list[dict], extract, rounds: int) -> dict:
    """Median over rounds of the seconds to read every file; the first pass only warms up."""
    pages = sum(entry["pages"] for entry in entries)
    characters = sum(len(extract(Path(entry["path"]))) for entry in entries)  # warm-up
    seconds, per_file = [], []
    for _ in range(rounds):
        round_seconds = 0.0
        for entry in entries:
            started = time.perf_counter()
            extract(Path(entry["path"]))
            elapsed = time.perf_counter() - started
            round_seconds += elapsed
            per_file.append(elapsed * 1000)
        seconds.append(round_seconds)
    median = statistics.median(seconds)
    return {
        "seconds": round(median, 3),
        "pages_per_second": round(pages / median, 1),
        "characters": characters,
        "file_ms": summary(per_file),
    }


def _worker_path(entries: list[dict], rounds: int) -> dict:
    """The worker's `extract_text` (sandboxed child per file): documents and pages per second."""
    for entry in entries[:1]:  # warm-up: the language model, the interpreter's file cache
        extract_text(Path(entry["path"]), Path(entry["path"]).name)
    seconds, statuses, pages = [], {}, 0
    for _ in range(rounds):
        started, pages = time.perf_counter(), 0
        for entry in entries:
            outcome = extract_text(Path(entry["path"]), Path(entry["path"]).name)
            statuses[outcome.status] = statuses.get(outcome.status, 0) + 1
            pages += outcome.pages or 0
        seconds.append(time.perf_counter() - started)
    median = statistics.median(seconds)
    return {
        "files": len(entries),
        "pages": pages,
        "seconds": round(median, 3),
        "documents_per_second": round(len(entries) / median, 2),
        "pages_per_second": round(pages / median, 1) if pages else None,
        "statuses": statuses,
    }
