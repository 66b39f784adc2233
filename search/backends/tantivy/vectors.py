"""Passage vectors beside a tantivy index folder: immutable segments, searched exactly.

Layout (folder `vectors/` of an index folder):
  MANIFEST.json       the live segments, oldest first, each with the ids it no longer answers
                      for (tombstones: the item was written again in a newer segment, or removed)
  seg-<generation>/   one segment, never changed once written: `matrix.npy` (float32, a row per
                      passage, an item's rows contiguous), `ids.npy`, `kinds.npy` and
                      `starts.npy` (per item: its id, its kind, its first row), `kinds.json`
                      (each kind: access level, organisations, model)

A write (callers hold the index's writer lock) writes its items as a new segment, marks their
older copies dead, and replaces the manifest (written beside, fsynced, then os.replace): it
costs about the items written plus the manifest, never the store. Readers map each segment's
files (np.load(mmap_mode="r")), so every process of a machine shares one copy in the page
cache; a reader follows the manifest when it changed and sees the old or the new state whole.
Segments are merged once they pile up or fill with dead items (merge_segments: the merged one
is built outside the lock, then swapped in under it, keeping the tombstones written meanwhile),
so a write never pays for the whole store.

Within a segment, items are ordered by kind (access level, organisations, model): the rows a
viewer may see are whole slices of the matrix, judged once per kind, so the access filter
applies before any ranking: a hidden item never takes a place. nearest() reads those rows in
two passes: their int8 codes (`codes.npy`, each dimension scaled by `scales.npy` to the
segment's largest value) rank the items roughly with SIMD dot products (simsimd), a quarter of
the bytes of the float32 rows; then the best RESCORED_PER_WANTED times as many items as wanted
are scored exactly on their float32 rows, which give the order, the similarity and the passage.
On the 100,000-item bench corpus and on 20,000 real e5 passages the exact 50 are all found
with twice as many rescored (README, Performance, "Search by meaning at 100,000 items"). A
slice of no more items than would be rescored, and a segment written before codes existed,
are scored exactly in one pass (such a segment is rewritten, with codes, by the next merge).
A graph (HNSW) was measured and rejected (same section); bench/vectors.py measures the scan
and what the first pass finds of the exact answer.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import simsimd

from research.access import LEVEL_FIELD, ORGANISATIONS_FIELD, AccessFilter
from search.backends.base import SearchDocument, VectorMatch
from search.shared import shared_key

VECTORS_DIR = "vectors"
MANIFEST = "MANIFEST.json"
# The single file of the first layout; read (and converted on the next write) if found alone.
LEGACY_FILE = "vectors.npz"
FORMAT = 1
# Merge once there are more segments than this, or a segment holds this share of dead items.
MAX_SEGMENTS = 8
DEAD_SHARE = 0.25
# A merge being built, by another process perhaps; left over by a crash after this long.
STALE_BUILD_SECONDS = 3600
# Answers of nearest() kept per store and process, for one state of the store (any write
# changes the state): another page, a facet or another sort of the same words by the same kind
# of viewer reads no row again. SEARCH_NEAREST_CACHE in the settings; 0 keeps none. Given a
# shared cache (search.shared, any object with get and set), the answers are kept there too,
# for the other processes reading the same store.
NEAREST_ANSWERS = 256
# Items scored exactly after the rough pass over the int8 codes, per item wanted.
RESCORED_PER_WANTED = 4
# The largest int8 code: rows and queries are scaled into [-CODE_RANGE, CODE_RANGE].
CODE_RANGE = 127
_FLOAT_BYTES = np.dtype(np.float32).itemsize
# Separates an item's organisations in the old single file.
_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class StoredItem:
    """What the store keeps of one document."""

    id: int
    access: str
    organisations: tuple[str, ...]
    model: str
    matrix: np.ndarray  # one float32 row per passage


def vector_item(doc: SearchDocument) -> StoredItem | None:
    """What the store keeps of a document (its vectors and access), or None without vectors."""
    if doc.vectors is None or not len(doc.vectors.matrix):
        return None
    return StoredItem(
        doc.id,
        doc.access,
        tuple(doc.access_organisations),
        doc.vectors.model,
        np.asarray(doc.vectors.matrix, dtype=np.float32),
    )


class Segment:
    """One immutable segment, mapped from its files (or built in memory)."""

    def __init__(self, name: str, arrays: dict[str, np.ndarray], kinds: list) -> None:
        self.name = name
        self.matrix: np.ndarray = arrays["matrix"]
        self.ids: np.ndarray = arrays["ids"]
        self.kinds: np.ndarray = arrays["kinds"]
        self.starts: np.ndarray = arrays["starts"]
        # The rows as int8 codes and each dimension's scale; None in a segment written before.
        self.codes: np.ndarray | None = arrays.get("codes")
        self.scales: np.ndarray | None = arrays.get("scales")
        self.kind_table = [(str(a), tuple(o), str(m)) for a, o, m in kinds]
        self.sizes = np.diff(self.starts)
        self.order = np.argsort(self.ids, kind="stable")
        # Each kind's items are [kind_starts[k], kind_starts[k + 1]).
        self.kind_starts = np.searchsorted(self.kinds, np.arange(len(self.kind_table) + 1))

    @property
    def dimension(self) -> int:
        return int(self.matrix.shape[1])

    @property
    def rows(self) -> int:
        return int(self.matrix.shape[0])

    @classmethod
    def build(cls, name: str, items: list[StoredItem]) -> Segment:
        """A segment in memory (the first layout's file, read as it is)."""
        table, order = _layout([_kind(item) for item in items])
        code = {kind: number for number, kind in enumerate(table)}
        items = [items[position] for position in order]
        dimension = items[0].matrix.shape[1] if items else 0
        counts = np.array([len(item.matrix) for item in items], dtype=np.int64)
        matrix = (
            np.concatenate([item.matrix for item in items]).astype(np.float32)
            if items
            else np.zeros((0, dimension), np.float32)
        )
        scales = _scales(np.abs(matrix).max(axis=0, initial=0.0))
        arrays = {
            "matrix": matrix,
            "codes": _codes(matrix, scales),
            "scales": scales,
            "ids": np.array([item.id for item in items], dtype=np.int64),
            "kinds": np.array([code[_kind(item)] for item in items], dtype=np.int32),
            "starts": np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
        }
        return cls(name, arrays, [[a, list(o), m] for a, o, m in table])

    @classmethod
    def open(cls, folder: Path) -> Segment:
        arrays = {
            name: np.load(folder / f"{name}.npy", mmap_mode="r")
            for name in ("matrix", "ids", "kinds", "starts")
        }
        if (folder / "codes.npy").exists():
            arrays["codes"] = np.load(folder / "codes.npy", mmap_mode="r")
            arrays["scales"] = np.load(folder / "scales.npy")
        kinds = json.loads((folder / "kinds.json").read_text(encoding="utf-8"))
        return cls(folder.name, arrays, kinds)

    def positions(self, ids: np.ndarray) -> np.ndarray:
        """Item positions of those ids found here (ids absent are left out)."""
        if not len(self.ids) or not len(ids):
            return np.zeros(0, np.int64)
        found = np.searchsorted(self.ids, ids, sorter=self.order)
        found = np.minimum(found, len(self.ids) - 1)
        hit = self.ids[self.order[found]] == ids
        return self.order[found[hit]]

    def items(self, keep: np.ndarray) -> Iterator[StoredItem]:
        """The items at positions where `keep` is true, their rows read in place (a merge)."""
        for p in np.flatnonzero(keep):
            access, organisations, model = self.kind_table[int(self.kinds[p])]
            rows = self.matrix[self.starts[p] : self.starts[p + 1]]
            yield StoredItem(int(self.ids[p]), access, organisations, model, rows)


class SegmentWriter:
    """Writes one segment into `folder` from items given one at a time.

    Only each item's id, kind and place are held in memory: its rows go to a scratch file as
    they come, and into the segment's matrix, in kind order, when it is finished. A rebuild of
    100,000 items (500,000 rows, 770 MB) so never holds its rows in memory, let alone twice.
    Items of another dimension than the last one given are left out (a change of model).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True)
        self._scratch_path = folder / "rows.scratch"
        self._scratch = self._scratch_path.open("wb")
        self._offset = 0
        # Per item: id, kind, byte offset in the scratch file, rows, dimension.
        self._entries: list[tuple[int, tuple[str, tuple[str, ...], str], int, int, int]] = []
        # Per dimension of rows: each column's largest absolute value (the codes' scales).
        self._peaks: dict[int, np.ndarray] = {}

    def add(self, item: StoredItem) -> None:
        rows = np.ascontiguousarray(item.matrix, dtype=np.float32)
        self._scratch.write(memoryview(rows).cast("B"))
        peaks = np.abs(rows).max(axis=0, initial=0.0)
        self._peaks[rows.shape[1]] = np.maximum(self._peaks.get(rows.shape[1], 0.0), peaks)
        self._entries.append((item.id, _kind(item), self._offset, len(rows), rows.shape[1]))
        self._offset += rows.nbytes

    def abandon(self) -> None:
        self._scratch.close()

    def finish(self) -> list[int]:
        """Write the segment's files (fsynced); the ids written, in the segment's order."""
        self._scratch.close()
        try:
            return self._write()
        finally:
            self._scratch_path.unlink(missing_ok=True)

    def _write(self) -> list[int]:
        dimension = self._entries[-1][4] if self._entries else 0
        entries = [entry for entry in self._entries if entry[4] == dimension]
        table, order = _layout([entry[1] for entry in entries])
        code = {kind: number for number, kind in enumerate(table)}
        entries = [entries[position] for position in order]
        counts = np.array([entry[3] for entry in entries], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        scales = _scales(self._peaks.get(dimension, np.zeros(dimension)))
        # Plain reads and writes, not maps: the rows pass through the page cache without
        # becoming the process's resident memory.
        shape = (int(starts[-1]), dimension)
        with (
            (self.folder / "matrix.npy").open("wb") as matrix,
            (self.folder / "codes.npy").open("wb") as codes,
            self._scratch_path.open("rb") as scratch,
        ):
            for handle, dtype in ((matrix, np.float32), (codes, np.int8)):
                header = {
                    "descr": np.lib.format.dtype_to_descr(np.dtype(dtype)),
                    "fortran_order": False,
                    "shape": shape,
                }
                np.lib.format.write_array_header_1_0(handle, header)
            for _id, _kind_of, offset, rows, _dimension in entries:
                data = os.pread(scratch.fileno(), rows * dimension * _FLOAT_BYTES, offset)
                matrix.write(data)
                block = np.frombuffer(data, dtype=np.float32).reshape(rows, dimension)
                codes.write(memoryview(_codes(block, scales)).cast("B"))
            for handle in (matrix, codes):
                handle.flush()
                os.fsync(handle.fileno())
        _save_array(self.folder / "scales.npy", scales)
        ids = [entry[0] for entry in entries]
        _save_array(self.folder / "ids.npy", np.array(ids, dtype=np.int64))
        _save_array(
            self.folder / "kinds.npy",
            np.array([code[entry[1]] for entry in entries], dtype=np.int32),
        )
        _save_array(self.folder / "starts.npy", starts)
        kinds = [[a, list(o), m] for a, o, m in table]
        _write_synced(self.folder / "kinds.json", json.dumps(kinds).encode())
        _sync_dir(self.folder)
        return ids


def _kind(item: StoredItem) -> tuple[str, tuple[str, ...], str]:
    return (item.access, tuple(item.organisations), item.model)


def _layout(kinds: list[tuple]) -> tuple[list[tuple], list[int]]:
    """The segment's kinds, sorted, and the order of its items: by kind, then as given. The
    rows a viewer may see are so whole slices (one rule for every segment written)."""
    table = sorted(set(kinds))
    code = {kind: number for number, kind in enumerate(table)}
    order = sorted(range(len(kinds)), key=lambda position: code[kinds[position]])
    return table, order


@dataclass
class _Live:
    """A segment as one manifest sees it: its dead items masked."""

    segment: Segment
    dead_ids: frozenset[int]
    alive: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        self.alive = np.ones(len(self.segment.ids), dtype=bool)
        if self.dead_ids:
            dead = np.fromiter(self.dead_ids, np.int64, len(self.dead_ids))
            self.alive[self.segment.positions(dead)] = False

    @property
    def live_items(self) -> int:
        return int(self.alive.sum())

    @property
    def live_rows(self) -> int:
        return int(self.segment.sizes[self.alive].sum())


class SharedAnswers(Protocol):
    """Where the processes reading one store share its answers (a cache: it may forget)."""

    def get(self, key: str) -> Any: ...

    def set(self, key: str, value: Any) -> None: ...


class VectorStore:
    def __init__(
        self,
        folder: str | os.PathLike[str],
        answers: int = NEAREST_ANSWERS,
        shared: SharedAnswers | None = None,
    ) -> None:
        self.folder = Path(folder)
        self._answers: OrderedDict[tuple, list[VectorMatch]] = OrderedDict()
        self._answers_kept = answers
        self._shared = shared if answers > 0 else None
        self.root = self.folder / VECTORS_DIR
        # Names this store among all those sharing a cache.
        self._shared_name = str(self.root.resolve())
        self.manifest_path = self.root / MANIFEST
        self._segments: dict[str, Segment] = {}
        self._state: tuple[tuple, list[_Live]] | None = None
        self._lock = threading.Lock()

    # -- writing (callers hold the index's writer lock) ---------------------------------------

    def replace(self, docs: Iterable[SearchDocument], removed: Iterable[int] = ()) -> None:
        """Store these documents' vectors (a document without any loses its own) and drop the
        vectors of `removed`: one new segment, tombstones in the older ones."""
        docs = list(docs)
        items = [item for item in map(vector_item, docs) if item is not None]
        touched = {doc.id for doc in docs} | {int(pk) for pk in removed}
        manifest = self._read_manifest(converting=True)
        ids = np.fromiter(touched, np.int64, len(touched))
        entries = []
        for entry in manifest["segments"]:
            segment = self._segment(entry["name"])
            dead = set(entry["dead"]) | {int(i) for i in segment.ids[segment.positions(ids)]}
            if len(dead) < len(segment.ids):  # a segment all dead leaves the manifest
                entries.append({"name": entry["name"], "dead": sorted(dead)})
        generation = manifest["generation"] + 1
        name = f"seg-{generation:012d}"
        if self._save(items, name):
            entries.append({"name": name, "dead": []})
        self._commit({"format": FORMAT, "generation": generation, "segments": entries})

    def write_all(self, items: Iterable[StoredItem]) -> None:
        """A fresh store holding these items (from `vector_item`): a rebuild."""
        with self.filling() as keep:
            for item in items:
                keep(item)

    @contextlib.contextmanager
    def filling(self) -> Iterator[Callable[[StoredItem], None]]:
        """A fresh store holding the items given, one at a time, to the function yielded; in
        place once the block ends without error (a rebuild streams its documents through).
        Items of another dimension than the last are left out."""
        generation = self._read_manifest()["generation"] + 1
        name = f"seg-{generation:012d}"
        writer, staged = self._writer(name)
        try:
            yield writer.add
        except BaseException:
            writer.abandon()
            shutil.rmtree(staged, ignore_errors=True)
            raise
        entries = [{"name": name, "dead": []}] if self._publish(writer, staged, name) else []
        self._commit({"format": FORMAT, "generation": generation, "segments": entries})

    def clear(self) -> None:
        generation = self._read_manifest()["generation"] + 1
        self._commit({"format": FORMAT, "generation": generation, "segments": []})

    def merge_plan(self, manifest: dict | None = None) -> list[str]:
        """The newest segments worth merging into one, oldest first; [] when none are.

        From the oldest, a segment stays as it is while it holds few dead items and at least
        as many live rows as all newer ones together; it and every newer one are merged when
        there are more than MAX_SEGMENTS or it is DEAD_SHARE dead (or has no int8 codes). So
        small segments merge often and cheaply, and the large one is rewritten only once the
        rest has grown as large, or it has decayed.
        """
        manifest = manifest or self._read_manifest()
        lives = [self._live(entry) for entry in manifest["segments"]]
        # A segment written before codes existed is rewritten as if decayed: once, with codes.
        decayed = [
            live.live_items < len(live.segment.ids) * (1 - DEAD_SHARE) or live.segment.codes is None
            for live in lives
        ]
        if len(lives) <= MAX_SEGMENTS and not any(decayed):
            return []
        rows = [live.live_rows for live in lives]
        for position, live in enumerate(lives):
            newer = sum(rows[position + 1 :])
            if decayed[position] or rows[position] < newer:
                chosen = lives[position:]
                if len(chosen) > 1 or decayed[position]:
                    return [live.segment.name for live in chosen]
                return []
        return []

    def merge_segments(self, lock: Callable[[], AbstractContextManager]) -> list[str]:
        """Merge what merge_plan chooses: the merged segment is written without the lock
        (readers and writers go on), then swapped in under `lock()` with the tombstones written
        meanwhile. Returns the merged segments' names ([] when nothing was merged)."""
        manifest = self._read_manifest()
        names = self.merge_plan(manifest)
        if not names:
            return []
        before = {entry["name"]: set(entry["dead"]) for entry in manifest["segments"]}
        staged = self.root / f".build-{os.getpid()}-{threading.get_ident()}-{time.time_ns()}"
        writer = SegmentWriter(staged)
        try:
            for name in names:
                live = self._live({"name": name, "dead": before[name]})
                for item in live.segment.items(live.alive):
                    writer.add(item)
            written = writer.finish()
            with lock():
                current = self._read_manifest()
                listed = {entry["name"]: entry for entry in current["segments"]}
                if any(name not in listed for name in names):
                    return []  # another process merged or dropped them meanwhile
                generation = current["generation"] + 1
                name = f"seg-{generation:012d}"
                # Items written again or removed since the merge began are dead in it too.
                dead = sorted(
                    set().union(*(set(listed[n]["dead"]) - before[n] for n in names)) & set(written)
                )
                entries = []
                for entry in current["segments"]:
                    if entry["name"] == names[0] and written:
                        entries.append({"name": name, "dead": dead})
                    elif entry["name"] not in names:
                        entries.append(entry)
                if written:
                    os.replace(staged, self.root / name)
                    _sync_dir(self.root)
                self._commit({"format": FORMAT, "generation": generation, "segments": entries})
                return names
        finally:
            writer.abandon()
            shutil.rmtree(staged, ignore_errors=True)

    def _save(self, items: Iterable[StoredItem], name: str) -> bool:
        """These items as the segment `name`; False (and nothing written) when there are none."""
        writer, staged = self._writer(name)
        for item in items:
            writer.add(item)
        return self._publish(writer, staged, name)

    def _writer(self, name: str) -> tuple[SegmentWriter, Path]:
        self.root.mkdir(parents=True, exist_ok=True)
        staged = self.root / f".build-{name}-{os.getpid()}-{threading.get_ident()}"
        shutil.rmtree(staged, ignore_errors=True)
        return SegmentWriter(staged), staged

    def _publish(self, writer: SegmentWriter, staged: Path, name: str) -> bool:
        if not writer.finish():
            shutil.rmtree(staged, ignore_errors=True)
            return False
        os.replace(staged, self.root / name)
        _sync_dir(self.root)
        return True

    def _commit(self, manifest: dict) -> None:
        """The new manifest, atomically; then segments no manifest names are removed (a reader
        still mapping one keeps its pages until it lets go)."""
        self.root.mkdir(parents=True, exist_ok=True)
        staged = self.root / f".{MANIFEST}.{os.getpid()}.{threading.get_ident()}"
        _write_synced(staged, json.dumps(manifest).encode())
        os.replace(staged, self.manifest_path)
        _sync_dir(self.root)
        (self.folder / LEGACY_FILE).unlink(missing_ok=True)
        listed = {entry["name"] for entry in manifest["segments"]}
        for path in self.root.iterdir():
            if path.name.startswith("seg-") and path.name not in listed:
                shutil.rmtree(path, ignore_errors=True)
                self._segments.pop(path.name, None)
            elif path.name.startswith(".build-") and _older_than(path, STALE_BUILD_SECONDS):
                shutil.rmtree(path, ignore_errors=True)

    def _read_manifest(self, *, converting: bool = False) -> dict:
        try:
            return json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            pass
        empty = {"format": FORMAT, "generation": 0, "segments": []}
        legacy = _legacy_segment(self.folder / LEGACY_FILE)
        if legacy is None or not converting:
            return empty
        # The first layout's single file becomes the first segment.
        name = f"seg-{1:012d}"
        self._save(legacy.items(np.ones(len(legacy.ids), dtype=bool)), name)
        return {"format": FORMAT, "generation": 1, "segments": [{"name": name, "dead": []}]}

    def _segment(self, name: str) -> Segment:
        segment = self._segments.get(name)
        if segment is None:
            segment = Segment.open(self.root / name)
            self._segments[name] = segment
        return segment

    def _live(self, entry: dict) -> _Live:
        return _Live(self._segment(entry["name"]), frozenset(entry["dead"]))

    # -- reading ------------------------------------------------------------------------------

    def nearest(
        self,
        vector: np.ndarray,
        model: str,
        limit: int,
        allowed: AccessFilter | None,
        withheld: frozenset[int],
    ) -> list[VectorMatch]:
        vector = np.asarray(vector, dtype=np.float32)
        if limit < 1:
            return []
        state, lives = self._current()
        key = (
            state,
            model,
            limit,
            hashlib.blake2b(vector.tobytes(), digest_size=16).digest(),
            _filter_key(allowed),
            tuple(sorted(withheld)),
        )
        kept = self._kept(key)
        if kept is not None:
            return kept
        withheld_ids = np.fromiter(withheld, np.int64, len(withheld))
        found: list[tuple[float, int, int]] = []
        for live in lives:
            segment = live.segment
            if segment.dimension != len(vector) or not len(segment.ids):
                continue
            judged = np.array(
                [m == model and kind_allowed(a, o, allowed) for a, o, m in segment.kind_table],
                dtype=bool,
            )
            if not judged.any():
                continue
            visible = live.alive.copy()
            if len(withheld_ids):
                visible[segment.positions(withheld_ids)] = False
            found += _scanned_nearest(segment, vector, judged, visible, limit)
        found.sort(key=lambda match: -match[0])
        answer = [VectorMatch(id=i, similarity=s, passage=p) for s, i, p in found[:limit]]
        self._keep(key, answer)
        return list(answer)

    def _kept(self, key: tuple) -> list[VectorMatch] | None:
        """The answer kept for this key (a copy), here or by another process, or None."""
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
                return list(answer)
        if self._shared is None:
            return None
        rows = self._shared.get(self._shared_key(key))
        if not isinstance(rows, list):
            return None
        answer = [VectorMatch(id=i, similarity=s, passage=p) for i, s, p in rows]
        self._keep_here(key, answer)
        return list(answer)

    def _keep(self, key: tuple, answer: list[VectorMatch]) -> None:
        """Keep this answer here and for the other processes."""
        self._keep_here(key, answer)
        if self._shared is not None:
            rows = [(int(m.id), float(m.similarity), int(m.passage)) for m in answer]
            self._shared.set(self._shared_key(key), rows)

    def _keep_here(self, key: tuple, answer: list[VectorMatch]) -> None:
        """Keep this answer, forgetting the least recently asked beyond the store's number."""
        if self._answers_kept < 1:
            return
        with self._lock:
            self._answers[key] = answer
            while len(self._answers) > self._answers_kept:
                self._answers.popitem(last=False)

    def _shared_key(self, key: tuple) -> str:
        """The key among every store sharing the cache: the folder names this store, and the
        manifest's state (inode, time, size) the moment of it that answered."""
        return shared_key("nearest", self._shared_name, *key)

    def vectors_of(self, doc_id: int) -> np.ndarray | None:
        """The stored passage vectors of one item, or None."""
        for live in reversed(self._lives()):
            segment = live.segment
            for position in segment.positions(np.array([doc_id], np.int64)):
                if live.alive[position]:
                    rows = segment.matrix[segment.starts[position] : segment.starts[position + 1]]
                    return np.array(rows)
        return None

    def count(self) -> int:
        return sum(live.live_items for live in self._lives())

    def segment_names(self) -> list[str]:
        return [live.segment.name for live in self._lives()]

    def _lives(self) -> list[_Live]:
        return self._current()[1]

    def _current(self) -> tuple[tuple, list[_Live]]:
        """The state of the manifest (a key that any write changes) and its live segments,
        mapped; followed whenever it changes."""
        for _attempt in range(5):
            try:
                stat = self.manifest_path.stat()
            except FileNotFoundError:
                return self._legacy_lives()
            key = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
            with self._lock:
                if self._state is not None and self._state[0] == key:
                    return self._state
                try:
                    manifest = json.loads(self.manifest_path.read_text(encoding="utf-8"))
                    lives = [self._live(entry) for entry in manifest["segments"]]
                except FileNotFoundError:
                    continue  # a merge replaced the manifest and its segments meanwhile
                self._state = (key, lives)
                self._segments = {live.segment.name: live.segment for live in lives}
                self._answers.clear()
                return self._state
        raise RuntimeError(f"The vector store in {self.root} kept changing while being read.")

    def _legacy_lives(self) -> tuple[tuple, list[_Live]]:
        path = self.folder / LEGACY_FILE
        try:
            stat = path.stat()
        except FileNotFoundError:
            return ("none",), []
        key = ("legacy", stat.st_ino, stat.st_mtime_ns)
        with self._lock:
            if self._state is None or self._state[0] != key:
                segment = _legacy_segment(path)
                self._state = (key, [_Live(segment, frozenset())] if segment else [])
                self._answers.clear()
            return self._state


def _scanned_nearest(
    segment: Segment, vector: np.ndarray, judged: np.ndarray, visible: np.ndarray, limit: int
) -> list[tuple[float, int, int]]:
    """The segment's `limit` nearest visible items of allowed kinds: (similarity, id, passage).

    Only rows of allowed kinds are read (whole slices, in place) and hidden items are out
    before any ranking; each item ranks by its best passage. When the allowed items outnumber
    RESCORED_PER_WANTED * limit, they are ranked roughly on their int8 codes first and only the
    best of them are scored exactly; otherwise (or in a segment without codes) all are scored
    exactly."""
    kinds = [
        (int(segment.kind_starts[kind]), int(segment.kind_starts[kind + 1]))
        for kind in np.flatnonzero(judged)
    ]
    rescored = limit * RESCORED_PER_WANTED
    allowed_items = sum(last - first for first, last in kinds)
    if segment.codes is None or allowed_items <= rescored:
        found: list[tuple[float, int, int]] = []
        for first, last in kinds:
            found += _exact_nearest(segment, first, last, visible[first:last], vector, limit)
        return found
    query_code = _query_code(vector, segment.scales)
    positions, rough = [], []
    for first, last in kinds:
        shown = visible[first:last]
        if not shown.any():
            continue
        row_start, row_end = int(segment.starts[first]), int(segment.starts[last])
        scores = simsimd.cdist(
            query_code[None, :],
            segment.codes[row_start:row_end],
            metric="dot",
            out_dtype="float32",
        )
        per_item = np.maximum.reduceat(
            np.asarray(scores).ravel(), segment.starts[first:last] - row_start
        )
        best = _best(per_item, shown, rescored)
        positions.append(first + best)
        rough.append(per_item[best])
    if not positions:
        return []
    positions, rough = np.concatenate(positions), np.concatenate(rough)
    chosen = positions[_best(rough, np.ones(len(rough), dtype=bool), rescored)]
    return _rescored(segment, chosen, vector, limit)


def _exact_nearest(
    segment: Segment, first: int, last: int, shown: np.ndarray, vector: np.ndarray, limit: int
) -> list[tuple[float, int, int]]:
    """The `limit` nearest shown items among [first, last), every row scored in place."""
    if not shown.any():
        return []
    row_start, row_end = int(segment.starts[first]), int(segment.starts[last])
    scores = segment.matrix[row_start:row_end] @ vector
    offsets = segment.starts[first:last] - row_start
    return _top(segment, np.arange(first, last), scores, offsets, shown, limit)


def _best(per_item: np.ndarray, shown: np.ndarray, count: int) -> np.ndarray:
    """Positions of the `count` best items shown (unordered)."""
    per_item[~shown] = -np.inf
    count = min(count, len(per_item))
    top = np.argpartition(-per_item, count - 1)[:count]
    return top[np.isfinite(per_item[top])]


def _rescored(
    segment: Segment, items: np.ndarray, vector: np.ndarray, limit: int
) -> list[tuple[float, int, int]]:
    """The `limit` best of these items (positions), scored exactly on their float32 rows."""
    sizes = segment.sizes[items]
    ends = np.cumsum(sizes)
    offsets = ends - sizes
    rows = np.repeat(segment.starts[items] - offsets, sizes) + np.arange(int(ends[-1]))
    scores = segment.matrix[rows] @ vector
    return _top(segment, items, scores, offsets, np.ones(len(items), dtype=bool), limit)


def _top(
    segment: Segment,
    items: np.ndarray,
    scores: np.ndarray,
    offsets: np.ndarray,
    shown: np.ndarray,
    limit: int,
) -> list[tuple[float, int, int]]:
    """The `limit` best shown of these items (positions), each by its best row: `scores` holds
    their rows in order, item k's from offsets[k]. (similarity, id, passage) each."""
    per_item = np.maximum.reduceat(scores, offsets)
    found = []
    for position in _best(per_item, shown, limit):
        start = offsets[position]
        end = start + segment.sizes[items[position]]
        found.append(
            (
                float(per_item[position]),
                int(segment.ids[items[position]]),
                int(np.argmax(scores[start:end])),
            )
        )
    return found


def _scales(peaks: np.ndarray) -> np.ndarray:
    """Each dimension's scale: its largest absolute value becomes CODE_RANGE (1 for a column
    of zeros)."""
    peaks = np.asarray(peaks, dtype=np.float32)
    return (CODE_RANGE / np.where(peaks > 0, peaks, CODE_RANGE)).astype(np.float32)


def _codes(rows: np.ndarray, scales: np.ndarray) -> np.ndarray:
    """Rows as int8 codes: each value times its dimension's scale, rounded."""
    scaled = np.rint(np.asarray(rows, dtype=np.float32) * scales)
    return np.clip(scaled, -CODE_RANGE, CODE_RANGE).astype(np.int8)


def _query_code(vector: np.ndarray, scales: np.ndarray) -> np.ndarray:
    """The query as int8, so that its dot product with a row's codes ranks like the exact one:
    a row is about codes / scales, so the query is divided by the scales, then scaled into
    range as a whole (a positive factor, the same for every row: the order is kept)."""
    divided = np.asarray(vector, dtype=np.float32) / scales
    peak = float(np.abs(divided).max())
    return _codes(divided, np.float32(CODE_RANGE / peak if peak > 0 else 1.0))


def _filter_key(allowed: AccessFilter | None) -> tuple | None:
    """The access filter as a key: equal for viewers who may see the same kinds."""
    if allowed is None:
        return None
    return tuple(
        tuple(sorted((name, tuple(sorted(values))) for name, values in group.items()))
        for group in allowed
    )


def kind_allowed(access: str, organisations: tuple[str, ...], allowed: AccessFilter | None) -> bool:
    """The policy's filter (research.access) on one kind: any group, each with every field."""
    if allowed is None:
        return True
    item = {LEVEL_FIELD: {access}, ORGANISATIONS_FIELD: set(organisations)}
    # A field this store does not know matches nothing.
    return any(
        all(not item.get(name, set()).isdisjoint(values) for name, values in group.items())
        for group in allowed
    )


def _legacy_segment(path: Path) -> Segment | None:
    """The first layout's single file as one in-memory segment; None if there is none."""
    try:
        with np.load(path) as stored:
            table = {name: stored[name] for name in stored.files}
    except FileNotFoundError:
        return None
    row_items, matrix = table["row_items"], table["matrix"]
    items = []
    for position, doc_id in enumerate(table["ids"]):
        organisations = str(table["organisations"][position])
        items.append(
            StoredItem(
                int(doc_id),
                str(table["access"][position]),
                tuple(organisations.split(_SEPARATOR)) if organisations else (),
                str(table["models"][position]),
                np.asarray(matrix[row_items == position], dtype=np.float32),
            )
        )
    return Segment.build("legacy", items)


def _save_array(path: Path, array: np.ndarray) -> None:
    with path.open("wb") as handle:
        np.save(handle, np.ascontiguousarray(array))
        handle.flush()
        os.fsync(handle.fileno())


def _write_synced(path: Path, data: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _sync_dir(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _older_than(path: Path, seconds: float) -> bool:
    try:
        return time.time() - path.stat().st_mtime > seconds
    except FileNotFoundError:
        return False
