"""The embedded engine's vector store: segments written per write, merged, read whole, exact
under the access filter."""

from __future__ import annotations

import contextlib
import threading
from dataclasses import replace

import numpy as np
import pytest

from research.access import LEVEL_FIELD, Viewer
from search.backends.tantivy import TantivyBackend
from search.backends.tantivy import vectors as vectors_module
from search.backends.tantivy.vectors import (
    LEGACY_FILE,
    MAX_SEGMENTS,
    VECTORS_DIR,
    VectorStore,
    vector_item,
)
from search.documents import PassageVectors
from search.query import SearchRequest
from search.shared import shared_cache
from tests.search.contract_vectors import MODEL, direction, embedded_documents
from tests.search.documents import research_documents

DIMENSION = 16


def documents(count: int, *, start: int = 0, access=lambda n: "public", seed: int = 0):
    """`count` items (ids 1000 + n) of 1 to 4 random unit passages each."""
    template = research_documents()[0]
    rng = np.random.default_rng(seed)
    docs = []
    for number in range(start, start + count):
        rows = rng.standard_normal((1 + number % 4, DIMENSION)).astype(np.float32)
        rows /= np.linalg.norm(rows, axis=1, keepdims=True)
        docs.append(
            replace(
                template,
                id=1000 + number,
                access=access(number),
                access_organisations=("spvm",) if access(number) == "organisation" else (),
                vectors=PassageVectors(MODEL, rows),
            )
        )
    return docs


def exact_nearest(docs, vector, limit, visible=lambda doc: True):
    """The brute-force answer: each visible item by its best passage."""
    scored = [(float(np.max(doc.vectors.matrix @ vector)), doc.id) for doc in docs if visible(doc)]
    scored.sort(key=lambda pair: -pair[0])
    return [doc_id for _score, doc_id in scored[:limit]]


def store_files(store: VectorStore) -> dict[str, int]:
    return {
        str(path.relative_to(store.root)): path.stat().st_mtime_ns
        for path in store.root.rglob("*.npy")
    }


@pytest.fixture
def store(tmp_path):
    return VectorStore(tmp_path)


def test_a_single_write_leaves_existing_segments_untouched(store):
    store.write_all(vector_item(doc) for doc in documents(200))
    before = store_files(store)
    changed = documents(1, start=5, seed=7)[0]
    store.replace([changed])
    after = store_files(store)
    assert {name: after[name] for name in before} == before  # not rewritten, not removed
    new = set(after) - set(before)
    assert len({name.split("/")[0] for name in new}) == 1
    segment_files = {"matrix", "codes", "scales", "ids", "kinds", "starts"}
    assert {name.split("/")[1].removesuffix(".npy") for name in new} == segment_files
    # The new segment holds only that item; its older copy no longer answers.
    assert np.array_equal(store.vectors_of(1005), changed.vectors.matrix)
    assert store.count() == 200


def test_a_merge_keeps_every_item_and_drops_the_dead_ones(store):
    docs = documents(60)
    store.write_all(vector_item(doc) for doc in docs[:20])
    latest = {doc.id: doc for doc in docs[:20]}
    for number in range(20, 60, 4):  # ten writes: more segments than MAX_SEGMENTS
        batch = docs[number : number + 4]
        again = documents(1, start=number - 20, seed=number)  # an older item written again
        store.replace(batch + again, removed=[1000 + number - 19])
        latest.update((doc.id, doc) for doc in batch + again)
        latest.pop(1000 + number - 19, None)
    assert len(store.segment_names()) > MAX_SEGMENTS
    assert store.merge_segments(contextlib.nullcontext)
    assert len(store.segment_names()) <= 2
    assert store.count() == len(latest)
    for doc_id, doc in latest.items():
        assert np.array_equal(store.vectors_of(doc_id), doc.vectors.matrix)
    for number in range(20, 60, 4):
        assert store.vectors_of(1000 + number - 19) is None
    vector = direction(3)
    got = [m.id for m in store.nearest(vector, MODEL, 10, None, frozenset())]
    assert got == exact_nearest(latest.values(), vector, 10)
    # Segments no longer listed are gone from the disk.
    on_disk = {path.name for path in store.root.iterdir() if path.name.startswith("seg-")}
    assert on_disk == set(store.segment_names())


def test_writes_during_a_merge_are_kept(store):
    docs = documents(40)
    store.write_all(vector_item(doc) for doc in docs[:10])
    for number in range(10, 40, 3):
        store.replace(docs[number : number + 3])
    writer = VectorStore(store.folder)

    @contextlib.contextmanager
    def lock():
        # While the merge was being built, another process rewrote one item, removed another.
        writer.replace(documents(1, start=12, seed=99), removed=[1031])
        yield

    assert store.merge_segments(lock)
    assert store.vectors_of(1031) is None
    assert np.array_equal(store.vectors_of(1012), documents(1, start=12, seed=99)[0].vectors.matrix)
    assert store.count() == 39


def test_a_reader_sees_a_whole_state_during_writes_and_merges(tmp_path):
    # Every write holds a consistent set: items 1000..1000+n, all of the same generation, so a
    # reader must see every item of some generation and never a mixture or a torn file.
    writer = VectorStore(tmp_path)
    rounds, size = 30, 40

    def generation(number):
        docs = documents(size, seed=number)
        return [replace(doc, access="public" if number % 2 else "community") for doc in docs]

    writer.write_all(vector_item(doc) for doc in generation(0))
    stop = threading.Event()
    problems: list[str] = []

    def read():
        reader = VectorStore(tmp_path)
        while not stop.is_set():
            try:
                matches = reader.nearest(direction(1), MODEL, size, None, frozenset())
                levels = reader.nearest(
                    direction(1), MODEL, size, [{LEVEL_FIELD: {"public"}}], frozenset()
                )
            except Exception as error:  # any failure to read is what this test looks for
                problems.append(repr(error))
                return
            if len(matches) != size or len({m.id for m in matches}) != size:
                problems.append(f"{len(matches)} items seen")
            if len(levels) not in (0, size):
                problems.append(f"{len(levels)} public items: a mixture of two writes")

    readers = [threading.Thread(target=read) for _ in range(2)]
    for thread in readers:
        thread.start()
    try:
        for number in range(1, rounds):
            writer.replace(generation(number))
            writer.merge_segments(contextlib.nullcontext)
    finally:
        stop.set()
        for thread in readers:
            thread.join()
    assert problems == []


def test_a_small_allowed_share_still_gets_its_nearest_allowed_items_exactly(store):
    # 1 item in 50 is the viewer's organisation's; everything else is hidden from them.
    access = lambda n: "organisation" if n % 50 == 0 else "community"  # noqa: E731
    docs = documents(2000, access=access)
    store.write_all(vector_item(doc) for doc in docs[:1500])
    store.replace(docs[1500:])  # in two segments
    member = Viewer(organisations=frozenset({"spvm"}))
    allowed = SearchRequest(viewer=member).access_filter
    for axis in range(DIMENSION):
        vector = direction(axis)
        got = [m.id for m in store.nearest(vector, MODEL, 10, allowed, frozenset())]
        expected = exact_nearest(docs, vector, 10, lambda doc: doc.access == "organisation")
        assert got == expected
    # The same with an item withheld: the next allowed one takes its place.
    first = expected[0]
    got = [m.id for m in store.nearest(vector, MODEL, 10, allowed, frozenset({first}))]
    assert got == [
        doc_id
        for doc_id in exact_nearest(docs, vector, 11, lambda d: d.access == "organisation")
        if doc_id != first
    ]


def test_similarities_and_passages_are_exact(store):
    docs = documents(300)
    store.write_all(vector_item(doc) for doc in docs)
    vector = direction(5)
    for match in store.nearest(vector, MODEL, 20, None, frozenset()):
        matrix = next(doc for doc in docs if doc.id == match.id).vectors.matrix
        assert match.passage == int(np.argmax(matrix @ vector))
        assert match.similarity == pytest.approx(float(np.max(matrix @ vector)), abs=1e-6)


def test_the_first_layout_is_read_then_converted(tmp_path):
    docs = embedded_documents()
    matrix = np.concatenate([doc.vectors.matrix for doc in docs])
    counts = [len(doc.vectors.matrix) for doc in docs]
    np.savez(
        tmp_path / LEGACY_FILE,
        row_items=np.repeat(np.arange(len(docs)), counts),
        passages=np.concatenate([np.arange(n) for n in counts]),
        matrix=matrix,
        ids=np.array([doc.id for doc in docs]),
        access=np.array([doc.access for doc in docs]),
        organisations=np.array(["\x1f".join(doc.access_organisations) for doc in docs]),
        models=np.array([MODEL] * len(docs)),
    )
    store = VectorStore(tmp_path)
    assert store.nearest(direction(2), MODEL, 1, None, frozenset())[0].id == 103
    store.replace([], removed=[104])
    assert not (tmp_path / LEGACY_FILE).exists()
    assert (tmp_path / VECTORS_DIR).is_dir()
    assert store.count() == 9
    assert store.nearest(direction(2), MODEL, 1, None, frozenset())[0].id == 103


def test_the_engine_merges_after_its_writes(tmp_path):
    backend = TantivyBackend(tmp_path / "index", writer_threads=1)
    backend.index_documents(embedded_documents())
    for number in range(MAX_SEGMENTS + 2):
        backend.index_documents(documents(1, start=number))
    assert len(backend._vectors().segment_names()) <= MAX_SEGMENTS
    request = SearchRequest(viewer=Viewer(unrestricted=True))
    assert backend.nearest(request, direction(2), MODEL, 1)[0].id == 103
    assert backend._vectors().count() == 10 + MAX_SEGMENTS + 2


def test_a_failed_merge_leaves_the_write_done(tmp_path, monkeypatch):
    def failing(self, lock):
        raise OSError("disk full")

    monkeypatch.setattr(VectorStore, "merge_segments", failing)
    backend = TantivyBackend(tmp_path / "index", writer_threads=1)
    assert backend.index_documents(embedded_documents()) == 10
    request = SearchRequest(viewer=Viewer(unrestricted=True))
    assert backend.nearest(request, direction(2), MODEL, 1)[0].id == 103


def test_a_rebuild_keeps_the_items_of_the_last_model_dimension_only(store):
    # A change of model mid-rebuild: items still carrying the old model's 16 dimensions are left
    # out; those of the new one (8 dimensions, written last) are kept, rows intact.
    old = documents(30)
    rng = np.random.default_rng(3)
    new = []
    for doc in documents(20, start=30):
        rows = rng.standard_normal((2, 8)).astype(np.float32)
        rows /= np.linalg.norm(rows, axis=1, keepdims=True)
        new.append(replace(doc, vectors=PassageVectors(MODEL, rows)))
    store.write_all(vector_item(doc) for doc in old + new)
    assert store.count() == 20
    assert store.vectors_of(old[0].id) is None
    for doc in new:
        assert np.array_equal(store.vectors_of(doc.id), doc.vectors.matrix)
    vector = rng.standard_normal(8).astype(np.float32)
    got = [m.id for m in store.nearest(vector, MODEL, 5, None, frozenset())]
    assert got == exact_nearest(new, vector, 5)


def test_a_rebuild_that_fails_midway_leaves_the_store_as_it_was(store):
    docs = documents(50)
    store.write_all(vector_item(doc) for doc in docs[:10])
    with pytest.raises(RuntimeError, match="database gone"), store.filling() as keep:
        for doc in docs[10:40]:
            keep(vector_item(doc))
        raise RuntimeError("database gone")
    assert store.count() == 10
    assert np.array_equal(store.vectors_of(1003), docs[3].vectors.matrix)
    assert store.vectors_of(1020) is None
    # Nothing half-written is left beside the segments.
    assert [path.name for path in store.root.iterdir() if path.name.startswith(".build-")] == []


def random_queries(count: int, seed: int = 11) -> np.ndarray:
    rows = np.random.default_rng(seed).standard_normal((count, DIMENSION)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_the_rough_pass_over_codes_finds_the_exact_nearest_of_a_large_store(store):
    # 3,000 items: each slice is far larger than the items rescored, so the int8 codes rank
    # first; the answer must still be the brute-force one, in its order, with exact scores.
    docs = documents(3000, access=lambda n: "public" if n % 3 else "organisation")
    store.write_all(vector_item(doc) for doc in docs)
    visitor = SearchRequest(viewer=Viewer()).access_filter
    for vector in random_queries(40):
        matches = store.nearest(vector, MODEL, 10, visitor, frozenset())
        expected = exact_nearest(docs, vector, 10, lambda doc: doc.access == "public")
        assert [match.id for match in matches] == expected  # no organisation item enters
        best = {doc.id: float(np.max(doc.vectors.matrix @ vector)) for doc in docs}
        assert [match.similarity for match in matches] == pytest.approx(
            [best[doc_id] for doc_id in expected], abs=1e-6
        )
    withheld = frozenset(expected[:3])
    matches = store.nearest(vector, MODEL, 10, visitor, withheld)
    assert [match.id for match in matches] == [
        doc_id
        for doc_id in exact_nearest(docs, vector, 13, lambda doc: doc.access == "public")
        if doc_id not in withheld
    ]


def test_a_segment_written_before_codes_is_scored_exactly_until_merged(tmp_path):
    docs = documents(600)
    VectorStore(tmp_path).write_all(vector_item(doc) for doc in docs)
    for path in (tmp_path / VECTORS_DIR).glob("seg-*/*.npy"):
        if path.stem in ("codes", "scales"):
            path.unlink()
    store = VectorStore(tmp_path)
    vector = random_queries(1)[0]
    assert [m.id for m in store.nearest(vector, MODEL, 10, None, frozenset())] == exact_nearest(
        docs, vector, 10
    )
    # The next write's merge rewrites the old segment with codes; the answer stays exact.
    docs[0] = documents(1, seed=1)[0]
    store.replace([docs[0]])
    assert store.merge_segments(contextlib.nullcontext)
    assert [(store.root / name / "codes.npy").exists() for name in store.segment_names()] == [True]
    assert [m.id for m in store.nearest(vector, MODEL, 10, None, frozenset())] == exact_nearest(
        docs, vector, 10
    )


def test_an_answer_is_kept_for_the_same_words_and_viewer_until_the_store_changes(
    tmp_path, monkeypatch
):
    scans = []
    scanned = vectors_module._scanned_nearest
    monkeypatch.setattr(
        vectors_module,
        "_scanned_nearest",
        lambda *args: scans.append(1) or scanned(*args),
    )
    docs = documents(400, access=lambda n: "public" if n % 2 else "organisation")
    reader, writer = VectorStore(tmp_path), VectorStore(tmp_path)  # two processes, say
    writer.write_all(vector_item(doc) for doc in docs)
    visitor = SearchRequest(viewer=Viewer()).access_filter
    member = SearchRequest(viewer=Viewer(organisations=frozenset({"spvm"}))).access_filter
    vector = random_queries(1)[0]
    first = reader.nearest(vector, MODEL, 10, visitor, frozenset())
    assert reader.nearest(vector, MODEL, 10, visitor, frozenset()) == first
    assert len(scans) == 1  # the second asking read no row
    # Another viewer, another item withheld, other words: answered afresh, and rightly.
    as_member = reader.nearest(vector, MODEL, 10, member, frozenset())
    assert [m.id for m in as_member] == exact_nearest(
        docs, vector, 10, lambda doc: doc.access in ("public", "organisation")
    )
    # A member of another organisation is not given the first member's kept answer.
    other = SearchRequest(viewer=Viewer(organisations=frozenset({"sq"}))).access_filter
    as_other = reader.nearest(vector, MODEL, 10, other, frozenset())
    assert [m.id for m in as_other] == exact_nearest(
        docs, vector, 10, lambda doc: doc.access == "public"
    )
    withheld = reader.nearest(vector, MODEL, 10, visitor, frozenset({first[0].id}))
    assert first[0].id not in {m.id for m in withheld}
    assert reader.nearest(random_queries(2)[1], MODEL, 10, visitor, frozenset()) != first
    assert len(scans) == 5
    # A write by another store on the same folder: the kept answer is no longer given.
    closest = replace(docs[1], id=5000, vectors=PassageVectors(MODEL, vector[None, :]))
    writer.replace([closest], removed=[first[1].id])
    after = reader.nearest(vector, MODEL, 10, visitor, frozenset())
    assert after[0].id == 5000 and first[1].id not in {m.id for m in after}


def test_no_answer_is_kept_when_the_setting_says_none(tmp_path, monkeypatch):
    scans = []
    scanned = vectors_module._scanned_nearest
    monkeypatch.setattr(
        vectors_module, "_scanned_nearest", lambda *args: scans.append(1) or scanned(*args)
    )
    store = VectorStore(tmp_path, answers=0)
    store.write_all(vector_item(doc) for doc in documents(50))
    vector = random_queries(1)[0]
    assert store.nearest(vector, MODEL, 5, None, frozenset()) == store.nearest(
        vector, MODEL, 5, None, frozenset()
    )
    assert len(scans) == 2


@pytest.fixture
def shared_folder(settings, tmp_path):
    """The shared cache as the embedded default has it: SQLite files in a folder."""
    settings.CACHES = {
        **settings.CACHES,
        settings.SEARCH_SHARED_CACHE: {
            "BACKEND": "diskcache.DjangoCache",
            "LOCATION": str(tmp_path / "shared"),
        },
    }
    return shared_cache()


def test_processes_reading_one_store_share_their_answers(tmp_path, monkeypatch, shared_folder):
    scans = []
    scanned = vectors_module._scanned_nearest
    monkeypatch.setattr(
        vectors_module, "_scanned_nearest", lambda *args: scans.append(1) or scanned(*args)
    )
    docs = documents(300, access=lambda n: "public" if n % 2 else "organisation")
    folder = tmp_path / "index"
    # Three server processes, say, each with its own store object and kept answers.
    first, second, writer = (VectorStore(folder, shared=shared_folder) for _ in range(3))
    writer.write_all(vector_item(doc) for doc in docs)
    visitor = SearchRequest(viewer=Viewer()).access_filter
    vector = random_queries(1)[0]
    answer = first.nearest(vector, MODEL, 10, visitor, frozenset())
    assert [m.id for m in answer] == exact_nearest(docs, vector, 10, lambda d: d.access == "public")
    assert second.nearest(vector, MODEL, 10, visitor, frozenset()) == answer
    assert len(scans) == 1  # the second process read no row
    # Another organisation's member, or one item withheld: not the visitor's answer.
    member = SearchRequest(viewer=Viewer(organisations=frozenset({"spvm"}))).access_filter
    as_member = second.nearest(vector, MODEL, 10, member, frozenset())
    assert [m.id for m in as_member] == exact_nearest(docs, vector, 10)
    withheld = second.nearest(vector, MODEL, 10, visitor, frozenset({answer[0].id}))
    assert answer[0].id not in {m.id for m in withheld}
    assert len(scans) == 3
    # Another organisation's member, in a third process: not the first member's answer.
    other = SearchRequest(viewer=Viewer(organisations=frozenset({"sq"}))).access_filter
    as_other = first.nearest(vector, MODEL, 10, other, frozenset())
    assert [m.id for m in as_other] == [m.id for m in answer]  # public items only, like a visitor
    assert len(scans) == 4  # the first process scanned for it
    assert first.nearest(vector, MODEL, 10, member, frozenset()) == as_member
    assert len(scans) == 4  # the member's answer, found by the second process, was shared
    # A write through any process: the shared answer is no longer given to anyone.
    closest = replace(docs[1], id=5000, vectors=PassageVectors(MODEL, vector[None, :]))
    writer.replace([closest], removed=[answer[1].id])
    after = second.nearest(vector, MODEL, 10, visitor, frozenset())
    assert after[0].id == 5000 and answer[1].id not in {m.id for m in after}
    assert len(scans) == 4 + len(second.segment_names())  # each segment read afresh


def test_a_shared_cache_that_fails_is_searched_without(tmp_path, settings, caplog):
    """Redis down: every answer is computed as if nothing were kept; the log says so once."""
    settings.CACHES = {
        **settings.CACHES,
        settings.SEARCH_SHARED_CACHE: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        },
    }
    shared = shared_cache()
    docs = documents(60)
    store = VectorStore(tmp_path, shared=shared)
    store.write_all(vector_item(doc) for doc in docs)
    for vector in random_queries(3):
        found = VectorStore(tmp_path, shared=shared).nearest(vector, MODEL, 5, None, frozenset())
        assert [m.id for m in found] == exact_nearest(docs, vector, 5)
    warnings = [r.getMessage() for r in caplog.records if "shared cache" in r.getMessage()]
    assert len(warnings) == 1 and "searching without it" in warnings[0]
