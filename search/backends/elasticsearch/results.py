"""An Elasticsearch search response → SearchResponse: hits, highlights, facets, years."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from search.backends.base import VectorMatch
from search.backends.elasticsearch.compiler import MATCHING, VALUES, YEARS, matched_query_name
from search.backends.elasticsearch.mapping import (
    EDGES_FIELD,
    LANGUAGE_SUBFIELDS,
    MARK_END,
    MARK_START,
    PASSAGES_FIELD,
    WORDS_SUBFIELD,
)
from search.backends.facets import facet_counts
from search.documents import finding_pairs
from search.query import (
    HIGHLIGHT_FIELDS,
    Expansion,
    FacetCount,
    MatchedTerm,
    SearchHit,
    SearchRequest,
    SearchResponse,
)

# Characters of a fragment's plain text looked up in the field's first and last characters.
EDGE_PROBE_CHARS = 200


def search_response(request: SearchRequest, body: Mapping[str, Any]) -> SearchResponse:
    scored = request.effective_sort == "relevance"
    expansions = request.query.expansions
    aggregations = body.get("aggregations", {})
    return SearchResponse(
        total=body["hits"]["total"]["value"],
        hits=[_hit(hit, scored, expansions) for hit in body["hits"]["hits"]],
        facets={
            name: facet_values(aggregations[name][VALUES]["buckets"], request.filters.get(name, ()))
            for name in request.facets
        },
        years=_years(aggregations.get(YEARS)),
        took_ms=int(body.get("took", 0)),
    )


def nearest_matches(body: Mapping[str, Any]) -> list[VectorMatch]:
    """A kNN search's hits → the nearest items, each with its best passage. The cluster scores
    a cosine as (1 + cosine) / 2; the similarity is the cosine itself, as in the embedded
    engine (the dot product of unit vectors)."""
    matches = []
    for hit in body["hits"]["hits"]:
        (best,) = hit["inner_hits"][PASSAGES_FIELD]["hits"]["hits"][:1]
        matches.append(
            VectorMatch(
                id=int(hit["_id"]),
                similarity=2.0 * float(hit["_score"]) - 1.0,
                passage=int(best["_source"]["number"]),
            )
        )
    return matches


def empty_response(request: SearchRequest) -> SearchResponse:
    facets = {name: facet_values([], request.filters.get(name, ())) for name in request.facets}
    return SearchResponse(total=0, hits=[], facets=facets, years=[], took_ms=0)


def facet_values(buckets: list[dict], selected: tuple[str, ...]) -> list[FacetCount]:
    """Counted values (Elasticsearch kept the most frequent), plus selected values without items."""
    return facet_counts({str(bucket["key"]): bucket["doc_count"] for bucket in buckets}, selected)


def _years(aggregation: Mapping[str, Any] | None) -> list[tuple[int, int]]:
    if not aggregation:
        return []
    histogram = aggregation[MATCHING][VALUES] if MATCHING in aggregation else aggregation[VALUES]
    return sorted((int(bucket["key"]), bucket["doc_count"]) for bucket in histogram["buckets"])


def matched_terms(names: list[str], expansions: tuple[Expansion, ...]) -> tuple[MatchedTerm, ...]:
    """The ways to match each expansion that a hit reports among its `matched_queries`."""
    reported = set(names)
    return tuple(
        term
        for number, expansion in enumerate(expansions)
        for position, (term, _clauses) in enumerate(expansion.candidates())
        if matched_query_name(number, position) in reported
    )


def _hit(hit: Mapping[str, Any], scored: bool, expansions: tuple[Expansion, ...]) -> SearchHit:
    source = hit["_source"]
    return SearchHit(
        id=int(source["id"]),
        url=source.get("url") or "",
        title=source.get("title") or "",
        year=source.get("year"),
        language=source.get("language") or "",
        organisation=source.get("organisation") or "",
        type=source.get("type") or "",
        access=source.get("access") or "",
        highlights=highlights(hit.get("highlight", {}), source),
        score=float(hit["_score"]) if scored and hit.get("_score") is not None else None,
        matched_terms=matched_terms(hit.get("matched_queries") or [], expansions),
        design=_first(source.get("design")),
        evidence=_first(source.get("evidence")),
        findings=finding_pairs(source.get("finding_pairs") or []),
        practices=tuple(source.get("practice") or ()),
    )


def _first(value: Any) -> str:
    """A keyword the document has at most one of, stored as a list or a string."""
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return str(value or "")


def highlights(found: Mapping[str, list[str]], source: Mapping[str, Any]) -> dict[str, list[str]]:
    """Per field, the analysis that marked most words (the item's language first on a tie)."""
    own = source.get("language") if source.get("language") in LANGUAGE_SUBFIELDS else "fr"
    preference = [own, *(name for name in LANGUAGE_SUBFIELDS if name != own), WORDS_SUBFIELD]
    chosen = {}
    for field in HIGHLIGHT_FIELDS:
        fragments = [
            (found[f"{field}.{subfield}"][0], rank)
            for rank, subfield in enumerate(preference)
            if found.get(f"{field}.{subfield}")
        ]
        if fragments:
            fragment, _rank = min(fragments, key=lambda item: (-item[0].count(MARK_START), item[1]))
            head, tail = source.get(EDGES_FIELD, {}).get(field, ["", ""])
            chosen[field] = [marked_fragment(fragment, head, tail)]
    return chosen


def marked_fragment(fragment: str, head: str, tail: str) -> str:
    """The fragment HTML-escaped, matches in <mark>, '…' where words of the field were left out."""
    plain = fragment.replace(MARK_START, "").replace(MARK_END, "")
    marked = (
        html.escape(fragment).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>").strip()
    )
    return _before(plain.strip(), head) + marked + _after(plain.strip(), tail)


def _before(plain: str, head: str) -> str:
    position = head.find(plain[:EDGE_PROBE_CHARS])
    if position == -1:
        return "… "
    return _outside(head[:position], "… ")


def _after(plain: str, tail: str) -> str:
    probe = plain[-EDGE_PROBE_CHARS:]
    position = tail.rfind(probe)
    if position == -1:
        return " …"
    return _outside(tail[position + len(probe) :], " …")


def _outside(text: str, ellipsis: str) -> str:
    """'…' if words were left out; else what was (a closing bracket, a full stop), escaped."""
    if any(char.isalnum() for char in text):
        return ellipsis
    return html.escape(text.strip())
