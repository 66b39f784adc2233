"""Latency summaries (p50, p95, max) and the memory and disk figures the measures report."""

from __future__ import annotations

import math
import os
import statistics
from collections.abc import Sequence
from pathlib import Path


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile: the smallest value with at least `share` of values at or below."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def summary(values: Sequence[float]) -> dict:
    """n, p50, p95, max and mean of latencies in milliseconds, rounded for the report."""
    if not values:
        return {"n": 0, "p50": None, "p95": None, "max": None, "mean": None}
    return {
        "n": len(values),
        "p50": round(percentile(values, 0.50), 2),
        "p95": round(percentile(values, 0.95), 2),
        "max": round(max(values), 2),
        "mean": round(statistics.fmean(values), 2),
    }


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    if not numerator or not denominator:
        return None
    return round(numerator / denominator, 3)


def folder_bytes(path: Path) -> int:
    return sum(entry.stat().st_size for entry in path.rglob("*") if entry.is_file())


def peak_rss_mib(rusage) -> float:
    """ru_maxrss (kibibytes on Linux) in mebibytes."""
    return round(rusage.ru_maxrss / 1024, 1)


def process_tree_rss_mib(pid: int) -> float:
    """Resident memory of a process and its descendants now, from /proc."""
    total = 0
    for pid_dir in _tree(pid):
        try:
            for line in (pid_dir / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError):
            continue
    return round(total / 1024, 1)


def _tree(pid: int) -> list[Path]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, waiting = [], [pid]
    while waiting:
        current = waiting.pop()
        found.append(Path("/proc") / str(current))
        waiting.extend(children.get(current, ()))
    return [path for path in found if path.exists()]


def cpu_count() -> int:
    return len(os.sched_getaffinity(0))
