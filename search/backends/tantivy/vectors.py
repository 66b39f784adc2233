"""Passage vectors beside a tantivy index folder, searched by brute force with NumPy.

One file per index folder, `vectors.npz`, replaced atomically (written beside, then
os.replace) under the index's writer lock, so readers see the old or the new whole. Rows of
one item are contiguous; each item keeps its access level, its organisations and its model,
so the viewer's access filter (research.access, engine-neutral) is applied as a mask before
any ranking. A reader reloads the file when it changed (its inode or modification time).

Brute force over a float32 matrix is exact; at 100,000 items of 8 passages it is a 1.2 GB
matrix-vector product (see README, Search by meaning, for the measures).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from research.access import LEVEL_FIELD, ORGANISATIONS_FIELD, AccessFilter
from search.backends.base import SearchDocument, VectorMatch

VECTORS_FILE = "vectors.npz"
# Separates an item's organisations in one stored string.
_SEPARATOR = "\x1f"


@dataclass(frozen=True)
class _Table:
    row_items: np.ndarray  # item position of each row
    passages: np.ndarray  # passage number of each row
    matrix: np.ndarray  # rows by dimension, float32
    ids: np.ndarray  # item ids
    access: np.ndarray  # item access level (str)
    organisations: np.ndarray  # item access organisations, joined (str)
    models: np.ndarray  # item model name (str)

    @classmethod
    def empty(cls, dimension: int = 0) -> _Table:
        return cls(
            row_items=np.zeros(0, np.int64),
            passages=np.zeros(0, np.int32),
            matrix=np.zeros((0, dimension), np.float32),
            ids=np.zeros(0, np.int64),
            access=np.zeros(0, "<U1"),
            organisations=np.zeros(0, "<U1"),
            models=np.zeros(0, "<U1"),
        )


class VectorStore:
    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.path = Path(folder) / VECTORS_FILE
        self._loaded: tuple[tuple[int, int], _Table] | None = None
        self._lock = threading.Lock()

    # -- writing (callers hold the index's writer lock) ---------------------------------------

    def replace(self, docs: Iterable[SearchDocument], removed: Iterable[int] = ()) -> None:
        """Store these documents' vectors (a document without any loses its own) and drop the
        rows of `removed`."""
        docs = list(docs)
        dropped = {doc.id for doc in docs} | {int(pk) for pk in removed}
        table = self._table()
        keep = ~np.isin(table.ids, np.fromiter(dropped, np.int64, len(dropped)))
        items = _items_of(table, keep)
        items += [_item_of(doc) for doc in docs if _has_vectors(doc)]
        self._write(items)

    def write_all(self, items: Iterable[tuple]) -> None:
        """A fresh file holding these items (from `vector_item`): a rebuild."""
        self._write(list(items))

    def clear(self) -> None:
        self._write([])

    def _write(self, items: list[tuple]) -> None:
        dimension = max((item[5].shape[1] for item in items), default=0)
        items = [item for item in items if item[5].shape[1] == dimension]
        counts = [len(item[5]) for item in items]
        staged = self.path.with_name(f".{VECTORS_FILE}.{os.getpid()}.{threading.get_ident()}")
        with staged.open("wb") as handle:
            np.savez(
                handle,
                row_items=np.repeat(np.arange(len(items), dtype=np.int64), counts),
                passages=np.concatenate([np.arange(n, dtype=np.int32) for n in counts])
                if items
                else np.zeros(0, np.int32),
                matrix=np.concatenate([item[5] for item in items]).astype(np.float32)
                if items
                else np.zeros((0, dimension), np.float32),
                ids=np.array([item[0] for item in items], dtype=np.int64),
                access=np.array([item[1] for item in items], dtype=str),
                organisations=np.array([item[2] for item in items], dtype=str),
                models=np.array([item[3] for item in items], dtype=str),
            )
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(staged, self.path)

    # -- reading ------------------------------------------------------------------------------

    def nearest(
        self,
        vector: np.ndarray,
        model: str,
        limit: int,
        allowed: AccessFilter | None,
        withheld: frozenset[int],
    ) -> list[VectorMatch]:
        table = self._table()
        if not len(table.ids) or limit < 1 or table.matrix.shape[1] != len(vector):
            return []
        visible = (table.models == model) & _access_mask(table, allowed)
        if withheld:
            visible &= ~np.isin(table.ids, np.fromiter(withheld, np.int64, len(withheld)))
        rows = np.flatnonzero(visible[table.row_items])
        if not len(rows):
            return []
        scores = table.matrix[rows] @ vector.astype(np.float32)
        # Each item's best passage: sort rows by (item, score) and keep each item's last.
        order = np.lexsort((scores, table.row_items[rows]))
        items = table.row_items[rows][order]
        last = np.append(items[1:] != items[:-1], True)
        best_rows, best_scores = rows[order][last], scores[order][last]
        top = np.argsort(-best_scores, kind="stable")[:limit]
        return [
            VectorMatch(
                id=int(table.ids[table.row_items[best_rows[i]]]),
                similarity=float(best_scores[i]),
                passage=int(table.passages[best_rows[i]]),
            )
            for i in top
        ]

    def vectors_of(self, doc_id: int) -> np.ndarray | None:
        """The stored passage vectors of one item, or None."""
        table = self._table()
        found = np.flatnonzero(table.ids == doc_id)
        if not len(found):
            return None
        return table.matrix[table.row_items == found[0]]

    def count(self) -> int:
        return len(self._table().ids)

    def _table(self) -> _Table:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return _Table.empty()
        key = (stat.st_ino, stat.st_mtime_ns)
        with self._lock:
            if self._loaded is None or self._loaded[0] != key:
                with np.load(self.path) as stored:
                    table = _Table(**{name: stored[name] for name in stored.files})
                self._loaded = (key, table)
            return self._loaded[1]


def vector_item(doc: SearchDocument) -> tuple | None:
    """What the store keeps of a document (its vectors and access), or None without vectors."""
    return _item_of(doc) if _has_vectors(doc) else None


def _has_vectors(doc: SearchDocument) -> bool:
    return doc.vectors is not None and len(doc.vectors.matrix) > 0


def _item_of(doc: SearchDocument) -> tuple:
    matrix = np.asarray(doc.vectors.matrix, dtype=np.float32)
    return (
        doc.id,
        doc.access,
        _SEPARATOR.join(doc.access_organisations),
        doc.vectors.model,
        None,
        matrix,
    )


def _items_of(table: _Table, keep: np.ndarray) -> list[tuple]:
    positions = np.flatnonzero(keep)
    starts = np.searchsorted(table.row_items, positions, side="left")
    ends = np.searchsorted(table.row_items, positions, side="right")
    return [
        (
            int(table.ids[position]),
            str(table.access[position]),
            str(table.organisations[position]),
            str(table.models[position]),
            None,
            table.matrix[start:end],
        )
        for position, start, end in zip(positions, starts, ends, strict=True)
    ]


def _access_mask(table: _Table, allowed: AccessFilter | None) -> np.ndarray:
    """The policy's filter over the stored items: any group, each with every field. Items
    share few (level, organisations) pairs: each pair is judged once."""
    if allowed is None:
        return np.ones(len(table.ids), dtype=bool)
    pairs, positions = np.unique(
        np.char.add(np.char.add(table.access, _SEPARATOR * 2), table.organisations),
        return_inverse=True,
    )
    judged = np.array([_pair_allowed(str(pair), allowed) for pair in pairs], dtype=bool)
    return judged[positions.reshape(-1)]


def _pair_allowed(pair: str, allowed: AccessFilter) -> bool:
    access, _, organisations = pair.partition(_SEPARATOR * 2)
    item = {
        LEVEL_FIELD: {access},
        ORGANISATIONS_FIELD: set(organisations.split(_SEPARATOR)) if organisations else set(),
    }
    # A field this store does not know matches nothing.
    return any(
        all(not item.get(name, set()).isdisjoint(values) for name, values in group.items())
        for group in allowed
    )
