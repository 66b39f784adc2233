"""`python -m bench.vectors`: the embedded engine's vector store alone, at 10k and 100k items.

Random unit vectors (384 dimensions, like multilingual-e5-small) around a shared direction and
topic centres, as a real model's similarities sit between 0.7 and 0.95; passages per item as
the bench corpus gives them (2 for three items in four, 8 for those with files); access levels
in the corpus's mix (bench.corpus.items.ACCESS). Reports, per size: nearest() p50/p95 per query
on one core for each viewer and the share of the exact 50 it finds (the int8 first pass may
miss some: brute force over the items in memory gives the exact answer), the write of one item,
a merge, the files' size and the RSS.
No database; run it on a quiet machine:

    DJANGO_SETTINGS_MODULE=portal.settings.test .venv/bin/python -m bench.vectors
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from bench.corpus.items import ACCESS, ORGANISATIONS
from research.access import LEVEL_FIELD, ORGANISATIONS_FIELD
from search.backends.tantivy.vectors import StoredItem, VectorStore, kind_allowed

DIMENSION = 384
MODEL = "bench-model"
QUERIES = 60
LIMIT = 50  # search.hybrid.VECTOR_CANDIDATES
VIEWERS = {
    "anonymous": [{LEVEL_FIELD: {"public"}}],
    "community": [{LEVEL_FIELD: {"public", "community"}}],
    "organisation member": [
        {LEVEL_FIELD: {"public", "community"}},
        {ORGANISATIONS_FIELD: {"spvm"}},
    ],
    "unrestricted": None,
}


def synthetic_items(count: int, seed: int = 0) -> list[StoredItem]:
    rng = np.random.default_rng(seed)
    common = _unit(rng.standard_normal(DIMENSION))
    centres = _unit(rng.standard_normal((2000, DIMENSION)))
    levels, weights = list(ACCESS), np.array(list(ACCESS.values()), float)
    organisations = list(ORGANISATIONS)
    items = []
    for number in range(count):
        rows = 2 if rng.random() < 0.75 else 8
        noise = _unit(rng.standard_normal((rows, DIMENSION)))
        matrix = _unit(2.0 * common + 0.8 * centres[rng.integers(0, 2000)] + 0.6 * noise)
        level = levels[rng.choice(len(levels), p=weights / weights.sum())]
        owners = (organisations[rng.integers(0, len(organisations))],)
        items.append(
            StoredItem(
                number + 1,
                level,
                owners if level == "organisation" else (),
                MODEL,
                matrix.astype(np.float32),
            )
        )
    return items


def _unit(matrix: np.ndarray) -> np.ndarray:
    return matrix / np.linalg.norm(matrix, axis=-1, keepdims=True)


def measure(size: int, folder: Path) -> dict:
    items = synthetic_items(size)
    store = VectorStore(folder)
    started = time.perf_counter()
    store.write_all(items)
    written = time.perf_counter() - started
    rng = np.random.default_rng(1)
    queries = _unit(
        np.stack([items[i].matrix[0] for i in rng.integers(0, size, QUERIES)])
        + 0.3 * rng.standard_normal((QUERIES, DIMENSION))
    ).astype(np.float32)
    reader = VectorStore(folder, answers=0)  # every query scans: no answer kept
    viewers = {
        name: {
            "scan": _timed(reader, queries, allowed),
            "found_of_exact": _found_of_exact(reader, items, queries, allowed),
        }
        for name, allowed in VIEWERS.items()
    }
    one_item = []
    for number in range(20):
        item = synthetic_items(1, seed=1000 + number)[0]
        begun = time.perf_counter()
        store.replace([_Doc(item, number + 1)])
        one_item.append((time.perf_counter() - begun) * 1000)
    begun = time.perf_counter()
    merged = store.merge_segments(contextlib.nullcontext)
    merge_seconds = time.perf_counter() - begun
    files = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
    return {
        "items": size,
        "rows": sum(len(item.matrix) for item in items),
        "rebuild_write_s": round(written, 2),
        "nearest": viewers,
        "one_item_write_ms": {
            "p50": round(float(np.percentile(one_item, 50)), 2),
            "p95": round(float(np.percentile(one_item, 95)), 2),
        },
        "merge": {"segments": len(merged), "seconds": round(merge_seconds, 2)},
        "files_mb": round(files / 1e6, 1),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _timed(store: VectorStore, queries: np.ndarray, allowed) -> dict:
    store.nearest(queries[0], MODEL, LIMIT, allowed, frozenset())  # maps the files
    timings = []
    for vector in queries:
        begun = time.perf_counter()
        store.nearest(vector, MODEL, LIMIT, allowed, frozenset())
        timings.append((time.perf_counter() - begun) * 1000)
    return {
        "p50_ms": round(float(np.percentile(timings, 50)), 2),
        "p95_ms": round(float(np.percentile(timings, 95)), 2),
    }


def _found_of_exact(
    store: VectorStore, items: list[StoredItem], queries: np.ndarray, allowed
) -> float:
    """The share of the exact LIMIT nearest items (brute force over every row the viewer may
    see, each item by its best passage) that nearest() returns."""
    shown = [item for item in items if kind_allowed(item.access, item.organisations, allowed)]
    matrix = np.concatenate([item.matrix for item in shown])
    starts = np.cumsum([0] + [len(item.matrix) for item in shown[:-1]])
    ids = np.array([item.id for item in shown])
    found = 0
    for vector in queries:
        per_item = np.maximum.reduceat(matrix @ vector, starts)
        exact = set(ids[np.argpartition(-per_item, LIMIT - 1)[:LIMIT]].tolist())
        got = {match.id for match in store.nearest(vector, MODEL, LIMIT, allowed, frozenset())}
        found += len(exact & got)
    return round(found / (LIMIT * len(queries)), 4)


class _Doc:
    """The little of a SearchDocument the store reads."""

    def __init__(self, item: StoredItem, doc_id: int) -> None:
        from search.documents import PassageVectors

        self.id = doc_id
        self.access = item.access
        self.access_organisations = item.organisations
        self.vectors = PassageVectors(item.model, item.matrix)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.vectors", description=__doc__)
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
    for size in (int(part) for part in args.sizes.replace("_", "").split(",") if part):
        folder = Path(tempfile.mkdtemp(prefix="bench-vectors-"))
        try:
            print(json.dumps(measure(size, folder), indent=1), flush=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
