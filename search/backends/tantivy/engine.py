"""The embedded search engine: a tantivy index in a local folder, for one machine and for tests.

One process writes at a time: tantivy holds a lock file while an IndexWriter is open, so each
write opens a writer, commits after every batch and releases it. Readers in other processes pick
up commits through tantivy's commit watcher; this process reloads right after its own writes.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import itertools
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping

import tantivy

from search.backends.base import EngineHealth, IndexOutOfDate, SearchDocument, VectorMatch
from search.backends.facets import facet_counts
from search.backends.tantivy.compiler import (
    TextQueryCompiler,
    access_filter,
    any_term,
    facet_filter,
    filtered,
    withheld_filter,
    within_filter,
    year_filter,
)
from search.backends.tantivy.highlight import HitHighlighter
from search.backends.tantivy.schema import (
    EVIDENCE_RANK_FIELD,
    FINDING_PAIRS_FIELD,
    PUBLISHED_SORT_FIELD,
    SET_COUNTED_FACETS,
    TITLE_SORT_FIELD,
    build_schema,
    facet_set_field,
    facet_set_values,
    register_analyzers,
    to_tantivy_document,
)
from search.backends.tantivy.storage import IndexFolders
from search.backends.tantivy.vectors import (
    NEAREST_ANSWERS,
    SharedAnswers,
    StoredItem,
    VectorStore,
    vector_item,
)
from search.documents import finding_pairs
from search.query import (
    FACET_SIZES,
    SearchHit,
    SearchRequest,
    SearchResponse,
)

logger = logging.getLogger(__name__)

# Bump when build_schema() or the analysers change: older indexes then need a rebuild.
SCHEMA_VERSION = 5
SCHEMA_VERSION_FILE = "PASSERELLE_SCHEMA"
BATCH_SIZE = 500
WRITER_LOCK_TIMEOUT_SECONDS = 30.0
WRITER_LOCK_POLL_SECONDS = 0.02
# tantivy needs at least 15 MB of indexing heap per writer thread.
WRITER_HEAP_BYTES_PER_THREAD = 32_000_000
# A rebuild writes one segment per writer thread and per full heap, and tantivy merges only
# once eight have piled up: at 100,000 items a rebuild by batches left eight segments, and
# counting facets over eight cost half as much again as over one. So a rebuild commits once,
# from one thread with room for the whole corpus (the heap grows only as far as it is used).
REBUILD_HEAP_BYTES = 2_000_000_000
ALL_VALUES = 10_000
# Combinations of a vocabulary facet's values counted in one pass (see _counted).
COMBINATIONS = 10_000
# Aggregation name of the year histogram; facet names never start with an underscore.
YEARS = "_years"

# Threads counting facets beside the searches' own threads; idle ones cost nothing.
_COUNTING = concurrent.futures.ThreadPoolExecutor(
    max_workers=max(2, os.cpu_count() or 2), thread_name_prefix="facet-counts"
)

_SORT_FIELDS = {
    "newest": (PUBLISHED_SORT_FIELD, tantivy.Order.Desc),
    "oldest": (PUBLISHED_SORT_FIELD, tantivy.Order.Asc),
    "title": (TITLE_SORT_FIELD, tantivy.Order.Asc),
}


class TantivyBackend:
    supports_vectors = True

    def __init__(
        self,
        index_dir: str | os.PathLike[str],
        *,
        writer_threads: int = 2,
        nearest_answers: int = NEAREST_ANSWERS,
        shared_answers: SharedAnswers | None = None,
    ) -> None:
        self.folders = IndexFolders(index_dir)
        self.nearest_answers = nearest_answers
        self.shared_answers = shared_answers
        self.schema = build_schema()
        self.writer_threads = max(1, min(writer_threads, os.cpu_count() or 1))
        self._opened: tuple[str, tantivy.Index] | None = None
        self._write_lock = threading.RLock()

    # -- writing ------------------------------------------------------------------------------

    def index_documents(self, docs: Iterable[SearchDocument]) -> int:
        index = self._live_index()
        written = self._write_batches(index, docs)
        index.reload()
        self._merge_vectors(index)
        return written

    def delete_documents(
        self, ids: Iterable[int], versions: Mapping[int, int] | None = None
    ) -> None:
        versions = versions or {}
        index = self._live_index()
        ids = [int(doc_id) for doc_id in ids]
        with self._writer(index) as writer:
            # Holding the writer, no other process commits: the versions read now stay true.
            index.reload()
            stored = _StoredVersions(index.searcher(), self.schema)
            deleted = []
            for doc_id in ids:
                if doc_id in versions and versions[doc_id] < stored.version(doc_id):
                    continue  # published again since: a newer version is stored
                deleted.append(doc_id)
                writer.delete_documents_by_term("id", doc_id)
            writer.commit()
            self._vectors().replace([], removed=deleted)
        index.reload()
        self._merge_vectors(index)

    def clear(self) -> None:
        index = self._live_index()
        with self._writer(index) as writer:
            writer.delete_all_documents()
            writer.commit()
            self._vectors().clear()
        index.reload()

    def rebuild(self, docs: Iterable[SearchDocument]) -> int:
        with self._write_lock:
            name = self.folders.new_folder()
            try:
                index = self._create_index(name)
                # Nobody reads the new index yet: one commit, from one thread, one segment.
                with (
                    self._writer(index, threads=1, heap=REBUILD_HEAP_BYTES) as writer,
                    VectorStore(self.folders.path(name)).filling() as keep,
                ):
                    written = self._upsert(writer, _kept(docs, keep))
                    writer.commit()
            except BaseException:
                self.folders.remove(name)
                raise
            with self.folders.pointer_lock():
                self.folders.point_to(name)
            index.reload()
            self._opened = (name, index)
            self.folders.remove_older_than(name)
        return written

    def _write_batches(self, index: tantivy.Index, docs: Iterable[SearchDocument]) -> int:
        taken = 0
        with self._writer(index) as writer:
            # Holding the writer, no other process commits: the versions read now stay true.
            index.reload()
            stored = _StoredVersions(index.searcher(), self.schema)
            for batch in _batches(docs, BATCH_SIZE):
                newer = [doc for doc in batch if stored.keeps(doc)]
                self._upsert(writer, newer)
                writer.commit()
                self._vectors().replace(newer)
                taken += len(batch)
        return taken

    def _upsert(self, writer: tantivy.IndexWriter, docs: Iterable[SearchDocument]) -> int:
        written = 0
        for doc in docs:
            converted = to_tantivy_document(doc, self.schema)
            # Deleting first makes add an upsert; tantivy orders both by opstamp.
            writer.delete_documents_by_term("id", doc.id)
            writer.add_document(converted)
            written += 1
        return written

    @contextlib.contextmanager
    def _writer(
        self, index: tantivy.Index, *, threads: int = 0, heap: int = 0
    ) -> Iterator[tantivy.IndexWriter]:
        """An IndexWriter held only for one operation, so other processes can write between."""
        threads = threads or self.writer_threads
        heap = heap or WRITER_HEAP_BYTES_PER_THREAD * threads
        with self._write_lock:
            writer = self._open_writer(index, threads, heap)
            try:
                yield writer
            except BaseException:
                writer.rollback()
                raise
            finally:
                writer.wait_merging_threads()

    def _open_writer(self, index: tantivy.Index, threads: int, heap: int) -> tantivy.IndexWriter:
        deadline = time.monotonic() + WRITER_LOCK_TIMEOUT_SECONDS
        while True:
            try:
                return index.writer(heap_size=heap, num_threads=threads)
            except ValueError as error:
                if "LockBusy" not in str(error) or time.monotonic() > deadline:
                    raise
            # Another process is writing; its batches are short. A short poll: with two worker
            # processes indexing one item each, a long sleep left a core idle after every commit.
            time.sleep(WRITER_LOCK_POLL_SECONDS)

    # -- reading ------------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResponse:
        started = time.perf_counter()
        searcher = self._live_index().searcher()
        parsed = request.query
        compiler = TextQueryCompiler(self.schema, searcher)
        filters = _RequestFilters(request, self.schema)
        if not request.ranked and request.within is not None:
            return self._fetched(searcher, compiler, filters, request, started)
        query = filtered(self._or_ids(compiler.compile(parsed), request), filters.every())
        # tantivy releases the GIL while it counts: the facets are counted on another core
        # while this thread ranks and highlights the page.
        matching = self._or_ids(compiler.compile(parsed, scored=False), request)
        counting = _COUNTING.submit(_aggregations, searcher, matching, filters, request)
        total, ranked = self._ranked_page(searcher, query, request)
        scored = request.effective_sort == "relevance"
        if request.bare:
            hits = _bare_hits(searcher, ranked, scored)
        else:
            hits = self._hits(searcher, compiler, parsed, ranked, scored)
        facets, years = counting.result()
        took_ms = round((time.perf_counter() - started) * 1000)
        return SearchResponse(total=total, hits=hits, facets=facets, years=years, took_ms=took_ms)

    def _fetched(self, searcher, compiler, filters, request, started: float) -> SearchResponse:
        """The items of `within` that pass the filters, unranked (request.ranked is False),
        with the highlights and matched terms of the request's words."""
        query = filtered(tantivy.Query.all_query(), filters.every())
        found = searcher.search(query, limit=max(len(request.within or ()), 1), count=True)
        if request.bare:
            hits = _bare_hits(searcher, found.hits, scored=False)
        else:
            hits = self._hits(searcher, compiler, request.query, found.hits, scored=False)
        took_ms = round((time.perf_counter() - started) * 1000)
        return SearchResponse(total=found.count, hits=hits, facets={}, years=[], took_ms=took_ms)

    def _or_ids(self, text_query, request: SearchRequest):
        """The text query, or any of the request's also_ids (scoring nothing)."""
        if not request.also_ids:
            return text_query
        ids = tantivy.Query.const_score_query(
            any_term(self.schema, "id", sorted(request.also_ids)), 0.0
        )
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Should, text_query), (tantivy.Occur.Should, ids)]
        )

    def _hits(self, searcher, compiler, parsed, ranked, scored: bool) -> list[SearchHit]:
        """The page's hits with their highlights and what they matched of each expansion."""
        stored = [searcher.doc(address) for _key, address in ranked]
        addresses = {
            (address.segment_ord, address.doc): doc.get_first("id")
            for doc, (_key, address) in zip(stored, ranked, strict=True)
        }
        matched = compiler.matched_terms(parsed.expansions, addresses)
        highlighter = (
            HitHighlighter(parsed, compiler, searcher, self.schema, addresses)
            if parsed.positive_clauses
            else None
        )
        return [
            _hit(doc, key, scored, highlighter, matched.get(doc.get_first("id"), ()))
            for doc, (key, _address) in zip(stored, ranked, strict=True)
        ]

    def nearest(self, request: SearchRequest, vector, model: str, limit: int) -> list[VectorMatch]:
        self._live_index()  # follows a rebuild's switch to a new folder
        return self._vectors().nearest(
            vector, model, limit, request.access_filter, request.withheld
        )

    def _merge_vectors(self, index: tantivy.Index) -> None:
        """Merge the vector store's segments once they pile up: built while others write, then
        swapped in under the writer lock (search.backends.tantivy.vectors). The write is done
        whatever happens here: a merge that fails is tried again after the next write."""
        try:
            self._vectors().merge_segments(lambda: self._writer(index, threads=1))
        except Exception:  # the items are written and searchable; merging is housekeeping
            logger.exception("search: merging the vector segments of %s failed", index)

    def _vectors(self) -> VectorStore:
        name = self._opened[0] if self._opened else self.folders.current()
        store = getattr(self, "_vector_store", None)
        if store is None or store[0] != name:
            store = (
                name,
                VectorStore(
                    self.folders.path(name),
                    answers=self.nearest_answers,
                    shared=self.shared_answers,
                ),
            )
            self._vector_store = store
        return store[1]

    def count(self) -> int:
        return self._live_index().searcher().num_docs

    def all_ids(self) -> set[int]:
        return set(self.all_versions())

    def all_versions(self) -> dict[int, int]:
        searcher = self._live_index().searcher()
        if not searcher.num_docs:
            return {}
        hits = searcher.search(tantivy.Query.all_query(), limit=searcher.num_docs).hits
        stored = (searcher.doc(address) for _score, address in hits)
        return {doc.get_first("id"): doc.get_first("version") or 0 for doc in stored}

    def index_out_of_date(self) -> bool:
        try:
            self._live_index()
        except IndexOutOfDate:
            return True
        return False

    def health(self) -> EngineHealth:
        try:
            documents = self.count()
        except Exception as error:  # the health check reports every failure, whatever it is
            return EngineHealth(False, f"Search index in {self.folders.root} unusable: {error}")
        name = self.folders.current()
        obstacle = self.folders.write_obstacle(name)
        return EngineHealth(True, obstacle or f"{documents} documents in {name}", not obstacle)

    def _ranked_page(self, searcher, query, request) -> tuple[int, list]:
        if request.effective_sort == "evidence":
            return self._ranked_by_evidence(searcher, query, request)
        result = searcher.search(
            query, **_order(request.effective_sort, request.size, request.offset), count=True
        )
        return result.count, result.hits

    def _ranked_by_evidence(self, searcher, query, request) -> tuple[int, list]:
        """Strongest level first, each level ranked as `within_level_sort` says.

        tantivy orders by one field or by score, not both: the levels' sizes come from one
        count, then only the levels the page reaches are searched, each from its own offset.
        """
        buckets = searcher.aggregate(
            query, {"levels": {"terms": {"field": EVIDENCE_RANK_FIELD, "size": ALL_VALUES}}}
        )["levels"]["buckets"]
        sizes = sorted(((int(b["key"]), b["doc_count"]) for b in buckets), reverse=True)
        total = sum(size for _level, size in sizes)
        skip, ranked = request.offset, []
        for level, size in sizes:
            if len(ranked) >= request.size:
                break
            if skip >= size:
                skip -= size
                continue
            at_level = filtered(
                query, [tantivy.Query.term_query(self.schema, EVIDENCE_RANK_FIELD, level)]
            )
            wanted = request.size - len(ranked)
            order = _order(request.within_level_sort, wanted, skip)
            ranked.extend(searcher.search(at_level, **order).hits)
            skip = 0
        return total, ranked

    # -- index folders ------------------------------------------------------------------------

    def _live_index(self) -> tantivy.Index:
        """The index CURRENT points to, reopened whenever a rebuild moved the pointer."""
        name = self.folders.current() or self._create_first_index()
        opened = self._opened
        if opened is None or opened[0] != name:
            opened = (name, self._open_index(name))
            self._opened = opened
        return opened[1]

    def _create_first_index(self) -> str:
        with self.folders.pointer_lock():
            name = self.folders.current()
            if name is None:
                name = self.folders.new_folder()
                self._create_index(name)
                self.folders.point_to(name)
        return name

    def _create_index(self, name: str) -> tantivy.Index:
        path = self.folders.path(name)
        index = tantivy.Index(self.schema, path=str(path), reuse=False)
        register_analyzers(index)
        (path / SCHEMA_VERSION_FILE).write_text(f"{SCHEMA_VERSION}\n", encoding="utf-8")
        return index

    def _open_index(self, name: str) -> tantivy.Index:
        path = self.folders.path(name)
        try:
            version = int((path / SCHEMA_VERSION_FILE).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            version = None
        if version != SCHEMA_VERSION:
            raise IndexOutOfDate(
                f"The search index in {path} has schema version {version}, this code needs "
                f"{SCHEMA_VERSION}: rebuild it (python manage.py search_reindex)."
            )
        index = tantivy.Index.open(str(path))
        register_analyzers(index)
        return index


def _order(sort: str, limit: int, offset: int) -> dict:
    """tantivy's search options for one of the single-key orders."""
    options: dict = {"limit": limit, "offset": offset}
    if sort != "relevance":
        field, order = _SORT_FIELDS[sort]
        options.update(order_by_field=field, order=order)
    return options


def _bare_hits(searcher, ranked, scored: bool) -> list[SearchHit]:
    """Hits with their id and score alone, read from the id column: no stored document is
    loaded (those with file text are large)."""
    ids = searcher.fast_field_values("id", [address for _key, address in ranked])
    return [
        SearchHit(
            id=int(doc_id),
            url="",
            title="",
            year=None,
            language="",
            organisation="",
            type="",
            access="",
            score=float(key) if scored else None,
        )
        for doc_id, (key, _address) in zip(ids, ranked, strict=True)
    ]


def _hit(stored, key, scored: bool, highlighter: HitHighlighter | None, matched) -> SearchHit:
    return SearchHit(
        id=stored.get_first("id"),
        url=stored.get_first("url") or "",
        title=stored.get_first("title_fr") or "",
        year=stored.get_first("year"),
        language=stored.get_first("language") or "",
        organisation=stored.get_first("organisation") or "",
        type=stored.get_first("type") or "",
        access=stored.get_first("access") or "",
        highlights=highlighter.highlights(stored, matched) if highlighter else {},
        score=float(key) if scored else None,
        matched_terms=matched,
        design=stored.get_first("design") or "",
        evidence=stored.get_first("evidence") or "",
        findings=finding_pairs(stored.get_all(FINDING_PAIRS_FIELD)),
        practices=tuple(stored.get_all("practice")),
    )


class _RequestFilters:
    """The request's filters as tantivy queries, so facet counts can leave one facet out."""

    def __init__(self, request: SearchRequest, schema: tantivy.Schema) -> None:
        self.access = access_filter(request.access_filter, schema)
        self.withheld = withheld_filter(request.withheld, schema)
        self.within = within_filter(request.within, schema)
        self.years = year_filter(request.year_from, request.year_to, schema)
        self.facets = {
            name: facet_filter(name, values, schema) for name, values in request.filters.items()
        }

    def every(self, *, except_facet: str | None = None, with_years: bool = True) -> list:
        facet_queries = [query for name, query in self.facets.items() if name != except_facet]
        years = self.years if with_years else None
        return [self.access, self.withheld, self.within, years, *facet_queries]


def _aggregations(searcher, text_query, filters: _RequestFilters, request: SearchRequest):
    """Facet counts (multi-select) and the year histogram, in as few passes as possible.

    A selected facet is counted under every filter except its own selection; the histogram under
    every filter except the year range, so a range picker still shows the years outside it.
    Everything else is counted in one pass under all filters.
    """
    passes: dict[str | None, list[str]] = {None: []}
    for name in request.facets:
        passes.setdefault(name if name in request.filters else None, []).append(name)
    if request.histogram:
        passes.setdefault(YEARS if filters.years else None, []).append(YEARS)
    counts: dict[str, dict] = {}
    for left_out, names in passes.items():
        if not names:
            continue
        if left_out == YEARS:
            query = filtered(text_query, filters.every(with_years=False))
        else:
            query = filtered(text_query, filters.every(except_facet=left_out))
        counts.update(_counted(searcher, query, names))
    facets = {
        name: facet_counts(
            {str(value): count for value, count in counts[name].items()},
            request.filters.get(name, ()),
            FACET_SIZES.get(name, ALL_VALUES),
        )
        for name in request.facets
    }
    years = sorted((int(year), count) for year, count in counts.get(YEARS, {}).items())
    return facets, years


def _counted(searcher, query, names: list[str]) -> dict[str, dict]:
    """Value → number of matches, for each facet named (and the year histogram), in one pass.

    A facet of SET_COUNTED_FACETS is counted by its combinations of values. Where an index
    holds more combinations than one pass keeps, that facet is counted by its values instead;
    and should all of them together exceed what tantivy creates in one aggregation (65,000
    buckets), each facet is counted in a pass of its own.
    """
    try:
        result = searcher.aggregate(query, {name: _terms(searcher, name) for name in names})
    except ValueError as error:
        if "bucket limit" not in str(error):
            raise
        by_values = names
        result = {
            name: searcher.aggregate(query, {name: _terms(searcher, name, by_sets=False)})[name]
            for name in names
        }
    else:
        by_values = [
            name
            for name in names
            if name in SET_COUNTED_FACETS and result[name].get("sum_other_doc_count")
        ]
        if by_values:
            aggregations = {name: _terms(searcher, name, by_sets=False) for name in by_values}
            result.update(searcher.aggregate(query, aggregations))
    counts = {}
    for name in names:
        buckets = result[name]["buckets"]
        if name in SET_COUNTED_FACETS and name not in by_values:
            counts[name] = _unpacked(buckets)
        else:
            counts[name] = {bucket["key"]: bucket["doc_count"] for bucket in buckets}
    return counts


def _terms(searcher, name: str, *, by_sets: bool = True) -> dict:
    if name == YEARS:
        field, size = "year", ALL_VALUES
    elif by_sets and name in SET_COUNTED_FACETS:
        field, size = facet_set_field(name), COMBINATIONS
    else:
        field, size = name, FACET_SIZES.get(name, ALL_VALUES)
    # Over one segment its top values are exact; over several, a generous segment_size keeps
    # them exact (a value can be among the top in total without being so in each segment).
    segment_size = size if searcher.num_segments == 1 else max(size, ALL_VALUES)
    return {"terms": {"field": field, "size": size, "segment_size": segment_size}}


def _unpacked(buckets: list[dict]) -> dict[str, int]:
    """Counts of combinations of values → counts of values."""
    counts: dict[str, int] = {}
    for bucket in buckets:
        for value in facet_set_values(bucket["key"]):
            counts[value] = counts.get(value, 0) + bucket["doc_count"]
    return counts


class _StoredVersions:
    """The version each id has in the index, updated as documents are taken."""

    def __init__(self, searcher, schema: tantivy.Schema) -> None:
        self.searcher = searcher
        self.schema = schema
        self.taken: dict[int, int] = {}

    def keeps(self, doc: SearchDocument) -> bool:
        """True, and remembered, unless a newer version of the document is stored or taken."""
        if doc.version < self.version(doc.id):
            return False
        self.taken[doc.id] = doc.version
        return True

    def version(self, doc_id: int) -> int:
        """The stored version of the document; -1 when there is none."""
        if doc_id in self.taken:
            return self.taken[doc_id]
        query = tantivy.Query.term_query(self.schema, "id", doc_id)
        hits = self.searcher.search(query, limit=1).hits
        if not hits:
            return -1
        return self.searcher.doc(hits[0][1]).get_first("version") or 0


def _kept(
    docs: Iterable[SearchDocument], keep: Callable[[StoredItem], None]
) -> Iterator[SearchDocument]:
    """The documents; what the vector store keeps of each is given to `keep` as it passes."""
    for doc in docs:
        item = vector_item(doc)
        if item is not None:
            keep(item)
        yield doc


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch
