"""Measures 1 and 2: the search API and page over HTTP, the engine alone, and facet cost."""

from __future__ import annotations

import dataclasses
import os
import shutil
import time

import tantivy
from django.conf import settings
from django.http import QueryDict

from bench.load import replay
from bench.queries import benchmark_queries, query_string
from bench.server import web_server
from bench.stats import summary
from research.access import Viewer
from search.backends import get_search_backend
from search.backends.tantivy.compiler import (
    TextQueryCompiler,
    access_filter,
    facet_filter,
    filtered,
    year_filter,
)
from search.backends.tantivy.schema import PUBLISHED_SORT_FIELD, TITLE_SORT_FIELD
from search.embedding import current_embedder, query_vector
from search.hybrid import VECTOR_CANDIDATES, hybrid_search, searched_text, wants_meaning
from search.params import parse_search_params
from search.query import SearchRequest

API_PATH = "/api/v1/search"
PAGE_PATH = "/fr/recherche/"
HTTP_SERIES = (("api_c1", 1), ("api_c4", 4), ("page_c1", 1), ("page_c4", 4))
_BARE_SORTS = {
    "newest": (PUBLISHED_SORT_FIELD, tantivy.Order.Desc),
    "oldest": (PUBLISHED_SORT_FIELD, tantivy.Order.Asc),
    "title": (TITLE_SORT_FIELD, tantivy.Order.Asc),
}


def measure_search(rounds: int, limit: int = 0) -> dict:
    """Every benchmark query through the API and the page (1 and 4 clients), then the engine."""
    queries = benchmark_queries(limit)
    paths = {
        "api": [f"{API_PATH}?{query_string(params)}" for params in queries],
        "page": [f"{PAGE_PATH}?{query_string(params)}" for params in queries],
    }
    samples, errors, api_totals = {}, [], {}
    shared = _emptied_shared_cache()
    with web_server(dict(os.environ)) as base_url:
        # Warm-up: every gunicorn worker opens the index and fills its caches once.
        for series in paths.values():
            replay(base_url, series, concurrency=4, rounds=1)
        for name, clients in HTTP_SERIES:
            series = paths[name.split("_")[0]]
            timings = replay(base_url, series, concurrency=clients, rounds=rounds)
            samples[name] = timings.milliseconds
            errors += timings.errors
            api_totals = api_totals or timings.totals
    # The engine alone, in this process, once the server has stopped (a quiet machine).
    requests = [api_request(params) for params in queries]
    samples["engine"], engine_totals = engine_timings(requests, rounds)
    samples.update(meaning_timings(requests, rounds))
    # What the API should answer: the engine's totals, with the items found by meaning alone.
    backend = get_search_backend()
    service_totals = [hybrid_search(request, backend).total for request in requests]
    bare_totals = None
    if settings.SEARCH_BACKEND == "tantivy":  # the bare query is built with tantivy's compiler
        samples["engine_bare"], bare_totals = bare_timings(requests, rounds)
    return {
        "queries": len(queries),
        "rounds": rounds,
        "shared_cache": shared,
        "latency": {name: summary(values) for name, values in samples.items()},
        "samples": {
            name: [round(value, 2) for value in values] for name, values in samples.items()
        },
        "errors": errors[:20],
        "totals": engine_totals,
        "meaning_totals": service_totals,
        "api_totals_agree": [api_totals.get(i) for i in range(len(queries))] == service_totals,
        # The bare queries are the same searches: they find exactly as many items.
        "bare_totals_agree": bare_totals == engine_totals if bare_totals is not None else None,
    }


def _emptied_shared_cache() -> str:
    """Empties the cache the server's processes share for searches when it is the folder of
    this stage (the embedded default), so that the measure starts as a server just deployed;
    says which kind of cache it is."""
    alias = getattr(settings, "SEARCH_SHARED_CACHE", "")
    backend = settings.CACHES.get(alias, {}).get("BACKEND", "") if alias else ""
    if backend == "diskcache.DjangoCache":
        shutil.rmtree(settings.CACHES[alias]["LOCATION"], ignore_errors=True)
        return "folder (emptied at the start)"
    return backend.rsplit(".", 1)[-1] or "none"


def api_request(params: dict) -> SearchRequest:
    """The SearchRequest the API builds for these parameters (anonymous visitor)."""
    return parse_search_params(QueryDict(query_string(params)), Viewer(), histogram=True)


def engine_timings(requests: list[SearchRequest], rounds: int) -> tuple[list[float], list[int]]:
    """The engine's own time for each request: facets, histogram and highlights included."""
    backend = get_search_backend()
    for request in requests:  # warm-up
        backend.search(request)
    timings, totals = [], []
    for _ in range(rounds):
        totals = []
        for request in requests:
            started = time.perf_counter()
            response = backend.search(request)
            timings.append((time.perf_counter() - started) * 1000)
            totals.append(response.total)
    return timings, totals


def meaning_timings(requests: list[SearchRequest], rounds: int) -> dict[str, list[float]]:
    """Search by meaning, in this process, for the requests that ask for it: the query's
    embedding (uncached: each distinct text once per round), the engine's nearest() among what
    the visitor may see, and the whole hybrid search (embedding cached, as a warm server has
    it). Nothing when the engine or the settings have no vectors."""
    backend = get_search_backend()
    embedder = current_embedder()
    hybrid = [request for request in requests if wants_meaning(request)]
    if not backend.supports_vectors or embedder is None or not hybrid:
        return {}
    texts = sorted({searched_text(request) for request in hybrid})
    timings: dict[str, list[float]] = {"query_embedding": [], "nearest": [], "hybrid": []}
    for _ in range(rounds):
        for text in texts:
            started = time.perf_counter()
            embedder.embed_queries([text])
            timings["query_embedding"].append((time.perf_counter() - started) * 1000)
    for request in hybrid:  # warm-up, and the cache of query vectors
        hybrid_search(request, backend)
    for _ in range(rounds):
        for request in hybrid:
            vector = query_vector(searched_text(request))
            started = time.perf_counter()
            backend.nearest(request, vector, embedder.name, VECTOR_CANDIDATES)
            timings["nearest"].append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            hybrid_search(request, backend)
            timings["hybrid"].append((time.perf_counter() - started) * 1000)
    return timings


def bare_timings(requests: list[SearchRequest], rounds: int) -> tuple[list[float], list[int]]:
    """The same requests as bare queries: ranked page and stored hits, no facets, histogram or
    highlights. Built from the engine's own compiler and the same query (thesaurus expansions
    included, as the engine searches them), so only the extras are left out."""
    backend = get_search_backend()
    bare = [dataclasses.replace(request, facets=(), histogram=False) for request in requests]
    for request in bare:  # warm-up
        _bare_search(backend, request)
    timings, totals = [], []
    for _ in range(rounds):
        totals = []
        for request in bare:
            started = time.perf_counter()
            total, _docs = _bare_search(backend, request)
            timings.append((time.perf_counter() - started) * 1000)
            totals.append(total)
    return timings, totals


def _bare_search(backend, request: SearchRequest) -> tuple[int, list]:
    searcher = backend._live_index().searcher()
    schema = backend.schema
    filters = [
        access_filter(request.access_filter, schema),
        year_filter(request.year_from, request.year_to, schema),
        *(facet_filter(name, values, schema) for name, values in request.filters.items()),
    ]
    query = filtered(TextQueryCompiler(schema, searcher).compile(request.query), filters)
    options = {"limit": request.size, "offset": request.offset, "count": True}
    if request.effective_sort in _BARE_SORTS:
        field, order = _BARE_SORTS[request.effective_sort]
        options.update(order_by_field=field, order=order)
    result = searcher.search(query, **options)
    return result.count, [searcher.doc(address) for _key, address in result.hits]
