"""Measure 5: a full rebuild (`manage.py search_reindex`) timed, its peak memory, the index size.

Runs the product's command in a child process, so its peak resident memory is the command's
own (os.wait4 reports the child's ru_maxrss) and not the benchmark's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.stats import peak_rss_mib

ROOT = Path(__file__).resolve().parents[2]


def measure_rebuild(env: dict[str, str], index_root: Path | None, items: int) -> dict:
    """Time `search_reindex` with `env`'s engine; the embedded index's folder sizes when
    `index_root` names it (a cluster's index is measured on its node: measures/cluster.py)."""
    command = [sys.executable, "manage.py", "search_reindex"]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"search_reindex failed with status {process.returncode}")
    sizes = index_sizes(index_root) if index_root else {}
    return {
        "items": items,
        "seconds": round(seconds, 2),
        "items_per_second": round(items / seconds, 1),
        # CPU seconds of the command: steadier than wall time on a machine shared with others.
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 2),
        "peak_rss_mib": peak_rss_mib(usage),
        **sizes,
    }


def index_sizes(index_root: Path) -> dict:
    """Bytes of the live index folder against bytes of the segments its meta.json names."""
    folder = index_root / (index_root / "CURRENT").read_text().strip()
    meta = json.loads((folder / "meta.json").read_text())
    live = {segment["segment_id"].replace("-", "") for segment in meta["segments"]}
    files = [path for path in folder.iterdir() if path.is_file()]
    total = sum(path.stat().st_size for path in files)
    in_segments = sum(path.stat().st_size for path in files if path.name.split(".")[0] in live)
    return {
        "index_bytes": total,
        "live_segment_bytes": in_segments,
        "size_ratio": round(total / in_segments, 3) if in_segments else None,
        "segments": len(live),
    }
