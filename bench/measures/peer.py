"""Measure 3: Passerelle's API against Wagtail's built-in database search, on PostgreSQL.

Wagtail's search is what a Wagtail site offers out of the box: `ResearchPage.objects.live()
.search(…)` over its PostgreSQL full-text index, with `.facet()` for counts. It is timed in
this process (no HTTP, to its advantage); Passerelle through its HTTP API. Both answer the
same benchmark queries for an anonymous visitor: public items, the same filters, sort and
page, and counts for the facets Wagtail can compute (no year histogram, no highlights).
"""

from __future__ import annotations

import datetime
import os
import time

from django.core.management import call_command
from modelsearch.query import MATCH_ALL

from bench.load import replay
from bench.measures.search import API_PATH
from bench.queries import benchmark_queries, query_string
from bench.server import web_server
from bench.stats import ratio, summary
from research.models import ResearchPage, vocabulary_models

# Passerelle facet → the research page field Wagtail filters and facets on.
WAGTAIL_FIELDS = {
    "organisation": "organisation",
    "type": "research_type",
    "design": "design",
    "evidence": "evidence",
    "theme": "themes",
    "approach": "approaches",
    "language": "language",
    "region": "region",
    "tag": "tags",
}
VOCABULARY_FACETS = ("organisation", "type", "design", "evidence", "theme", "approach")
# Wagtail's search takes about a second a query at 10,000 items: a few warm it up.
WARM_UP_QUERIES = 10
ORDERINGS = {"newest": "-publication_date", "oldest": "publication_date", "title": "title"}


def measure_peer(rounds: int, limit: int = 0) -> dict:
    started = time.perf_counter()
    call_command("update_index", verbosity=0)
    wagtail_index_seconds = time.perf_counter() - started
    queries = benchmark_queries(limit)
    paths = [f"{API_PATH}?{query_string(params)}" for params in queries]
    with web_server(dict(os.environ)) as base_url:
        replay(base_url, paths, concurrency=4, rounds=1)  # warm-up
        api = replay(base_url, paths, concurrency=1, rounds=rounds)
    wagtail, counts = wagtail_timings(queries, rounds)
    api_summary, wagtail_summary = summary(api.milliseconds), summary(wagtail)
    return {
        "items": ResearchPage.objects.live().count(),
        "wagtail_index_seconds": round(wagtail_index_seconds, 1),
        "latency": {"passerelle_api_c1": api_summary, "wagtail_search": wagtail_summary},
        "samples": {"passerelle_api_c1": api.milliseconds, "wagtail_search": wagtail},
        "p95_ratio": ratio(api_summary["p95"], wagtail_summary["p95"]),
        "errors": api.errors[:20],
        "counts": [
            {"query": query_string(params), "passerelle": api.totals.get(i), "wagtail": counts[i]}
            for i, params in enumerate(queries)
        ],
    }


def wagtail_timings(queries: list[dict], rounds: int) -> tuple[list[float], list[int]]:
    ids = {
        name: dict(model.objects.values_list("slug", "pk"))
        for name, model in vocabulary_models().items()
    }
    for params in queries[:WARM_UP_QUERIES]:  # warm-up: connections, caches, plans
        wagtail_search(params, ids)
    timings, counts = [], []
    for _ in range(rounds):
        counts = []
        for params in queries:
            started = time.perf_counter()
            total, _hits, _facets = wagtail_search(params, ids)
            timings.append((time.perf_counter() - started) * 1000)
            counts.append(total)
    return timings, counts


def wagtail_search(params: dict, ids: dict) -> tuple[int, list, dict]:
    """One benchmark query the way a Wagtail site answers it: count, page of hits, facets."""
    queryset = _filtered(ResearchPage.objects.live().filter(access="public"), params, ids)
    sort = params.get("sort") or "relevance"
    text = params.get("q") or ""
    if sort != "relevance" or not text:
        queryset = queryset.order_by(ORDERINGS.get(sort, "-publication_date"))
    results = queryset.search(
        text or MATCH_ALL, operator="and", order_by_relevance=bool(text) and sort == "relevance"
    )
    size = int(params.get("size") or 20)
    offset = (int(params.get("page") or 1) - 1) * size
    hits = list(results[offset : offset + size])
    facets = {name: results.facet(_attname(field)) for name, field in WAGTAIL_FIELDS.items()}
    return results.count(), hits, facets


def _attname(field: str) -> str:
    """Wagtail facets by attribute name: organisation_id for a foreign key."""
    return ResearchPage._meta.get_field(field).get_attname()


def _filtered(queryset, params: dict, ids: dict):
    for name, field in WAGTAIL_FIELDS.items():
        values = params.get(name)
        if not values:
            continue
        values = [values] if isinstance(values, str) else values
        if name in VOCABULARY_FACETS:
            values = [ids[name][value] for value in values]
        if ResearchPage._meta.get_field(field).many_to_many:
            # Wagtail filters search results on a page's own columns only: items with any of
            # the values are found first, by their ids.
            relation = ResearchPage._meta.get_field(field)
            through = relation.remote_field.through
            target = relation.m2m_reverse_field_name()
            owner = relation.m2m_field_name()
            pages = through.objects.filter(**{f"{target}__in": values})
            queryset = queryset.filter(id__in=list(pages.values_list(f"{owner}_id", flat=True)))
            continue
        queryset = queryset.filter(**{f"{field}__in": values})
    if params.get("year_from"):
        queryset = queryset.filter(
            publication_date__gte=datetime.date(int(params["year_from"]), 1, 1)
        )
    if params.get("year_to"):
        queryset = queryset.filter(
            publication_date__lte=datetime.date(int(params["year_to"]), 12, 31)
        )
    return queryset
