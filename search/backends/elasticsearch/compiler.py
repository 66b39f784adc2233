"""SearchRequest → one Elasticsearch search body, from the same parsed query as the embedded engine.

Where each restriction goes decides what it may change:
- text, access, withheld items and year range in `query` (bool.must/must_not/filter): they
  bound the hits, the totals, every facet count and every highlight;
- the user's facet selections in `post_filter`, and in each facet aggregation's `filter` all the
  selections but that facet's own, so a selection never shrinks its own counts;
- the year histogram ignores the year range through a `global` aggregation that re-applies
  everything else (text, access, facet selections).

Search by meaning (compile_nearest) is one kNN search over the nested passage vectors: the access
filter, the withheld items and the model's name are the kNN's own `filter`, so the cluster ranks
only what the viewer may see, and each item counts once, by its best passage (`inner_hits`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from search.analysis import ELIDED_WORDS, FIELD_BOOSTS, MAX_TOKEN_CHARS
from search.backends.elasticsearch.mapping import (
    HIT_FIELDS,
    LANGUAGE_SUBFIELDS,
    MARK_END,
    MARK_START,
    PASSAGE_NUMBER_FIELD,
    VECTOR_FIELD,
    VECTOR_MODEL_FIELD,
    WORDS_SUBFIELD,
)
from search.expansion import EXACT_MATCH_BONUS, EXPANSION_WEIGHT
from search.query import (
    FACET_SIZES,
    HIGHLIGHT_FIELDS,
    AccessFilter,
    AnyOf,
    Clause,
    Expansion,
    ParsedQuery,
    Phrase,
    Prefix,
    SearchRequest,
)

Query = dict[str, Any]

# Aggregation names; facet names never start with an underscore.
YEARS = "_years"
VALUES = "values"
MATCHING = "matching"
ALL_VALUES = 10_000
# A prefix matching more words than this keeps the first ones (per shard).
MAX_PREFIX_EXPANSIONS = 64
FRAGMENT_CHARS = {"summary": 240, "files_text": 240}
# Beyond this many characters a file is not highlighted (instead of the search failing).
HIGHLIGHT_MAX_CHARS = 1_000_000
_WORD = re.compile(r"[^\W_]+")

_SORTS: dict[str, list[dict[str, str]]] = {
    "relevance": [{"_score": "desc"}, {"id": "asc"}],
    "newest": [{"published": "desc"}, {"id": "desc"}],
    "oldest": [{"published": "asc"}, {"id": "asc"}],
    "title": [{"title_sort": "asc"}, {"id": "asc"}],
}


def sort_order(request: SearchRequest) -> list[dict[str, str]]:
    """`evidence`: the strongest level first, each level as `within_level_sort` orders it."""
    if request.effective_sort == "evidence":
        return [{"evidence_rank": "desc"}, *_SORTS[request.within_level_sort]]
    return _SORTS[request.effective_sort]


def compile_search(request: SearchRequest) -> dict[str, Any]:
    """The whole request body for POST /<alias>/_search."""
    text = _or_ids(text_query(request.query), request.also_ids)
    query = _bool(must=[text], filter=_scope_filters(request))
    body: dict[str, Any] = {
        "query": query,
        "aggs": _aggregations(request, text),
        "sort": sort_order(request),
        "from": request.offset,
        "size": request.size,
        "track_total_hits": True,
        "_source": {"includes": [*HIT_FIELDS, "edges"]},
    }
    if request.filters:
        body["post_filter"] = _bool(filter=facet_filters(request))
    if request.bare:  # the id alone: results.py builds the hit from it
        body["_source"] = {"includes": ["id"]}
    elif request.query.positive_clauses:
        body["highlight"] = highlight()
    return body


# Passages the kNN search compares per item it returns (Elasticsearch's num_candidates): more
# is slower and closer to the exact answer.
CANDIDATES_PER_RESULT = 4
MIN_CANDIDATES = 100
MAX_CANDIDATES = 10_000


def compile_nearest(
    request: SearchRequest, vector: Sequence[float], model: str, limit: int
) -> dict[str, Any]:
    """The body of POST /<alias>/_search for the `limit` items nearest to `vector`
    (SearchBackend.nearest): only this model's vectors, only items the viewer may see and the
    request does not withhold, each by its best passage."""
    filters = [
        access_filter(request.access_filter),
        withheld_filter(request.withheld),
        {"term": {VECTOR_MODEL_FIELD: model}},
    ]
    candidates = min(MAX_CANDIDATES, max(MIN_CANDIDATES, limit * CANDIDATES_PER_RESULT))
    return {
        "knn": {
            "field": VECTOR_FIELD,
            "query_vector": [float(value) for value in vector],
            "k": limit,
            "num_candidates": max(candidates, limit),
            "filter": [query for query in filters if query is not None],
            "inner_hits": {"size": 1, "_source": [PASSAGE_NUMBER_FIELD]},
        },
        "size": limit,
        "_source": False,
        "track_total_hits": False,
    }


# -- text ----------------------------------------------------------------------------------------


def text_query(parsed: ParsedQuery) -> Query:
    """The scored query: every required clause, none of the excluded ones."""
    numbers = {expansion: number for number, expansion in enumerate(parsed.expansions)}
    must = []
    for item in parsed.required:
        options = item.options if isinstance(item, AnyOf) else (item,)
        queries = [_option_query(option, numbers) for option in options]
        queries = [query for query in queries if query is not None]
        if len(queries) == 1:
            must.append(queries[0])
        elif queries:
            must.append({"bool": {"should": queries, "minimum_should_match": 1}})
    must_not = [clause_query(clause) for clause in parsed.excluded if has_searchable_word(clause)]
    if not must and not must_not:
        return {"match_all": {}}
    return _bool(must=must or [{"match_all": {}}], must_not=must_not)


def _option_query(option: Clause | Expansion, numbers: dict[Expansion, int]) -> Query | None:
    if isinstance(option, Expansion):
        return expansion_query(option, numbers[option])
    return clause_query(option) if has_searchable_word(option) else None


def expansion_query(expansion: Expansion, number: int) -> Query | None:
    """The words typed, or any alternative; the words' bonus ranks their items first.

    Each way to match is a named query, so every hit reports which it matched (`matched_queries`,
    read back by results.matched_terms).
    """
    (_words, words), *alternatives = expansion.candidates()
    should = []
    exact = _all_clauses(words)
    if exact is not None:
        should.append(_named(exact, matched_query_name(number, 0)))
        should.append({"constant_score": {"filter": exact, "boost": EXACT_MATCH_BONUS}})
    for position, (_term, clauses) in enumerate(alternatives, start=1):
        query = _all_clauses(clauses)
        if query is not None:
            weighted = {"bool": {"must": [query], "boost": EXPANSION_WEIGHT}}
            should.append(_named(weighted, matched_query_name(number, position)))
    if not should:
        return None
    return {"bool": {"should": should, "minimum_should_match": 1}}


def matched_query_name(expansion: int, candidate: int) -> str:
    """The name of one way to match (Expansion.candidates) of the numbered expansion."""
    return f"expansion:{expansion}:{candidate}"


def _all_clauses(clauses: tuple[Clause, ...]) -> Query | None:
    queries = [clause_query(clause) for clause in clauses if has_searchable_word(clause)]
    if len(queries) <= 1:
        return queries[0] if queries else None
    return {"bool": {"must": queries}}


def _named(query: Query, name: str) -> Query:
    if "bool" in query:
        return {"bool": {**query["bool"], "_name": name}}
    return {"bool": {"must": [query], "_name": name}}


def clause_query(clause: Clause) -> Query:
    """A word or phrase in either language's analysis of any searched field; title weighs most.

    A word is a one-word phrase: `covid-19` then needs its parts together, as in the embedded
    engine, and a single token compiles to a plain term query.
    """
    if isinstance(clause, Prefix):
        return {
            "multi_match": {
                "query": clause.text,
                "type": "phrase_prefix",
                "fields": searched_fields((WORDS_SUBFIELD,)),
                "max_expansions": MAX_PREFIX_EXPANSIONS,
            }
        }
    return {
        "multi_match": {
            "query": clause.text,
            "type": "phrase",
            "fields": searched_fields(LANGUAGE_SUBFIELDS),
        }
    }


def searched_fields(subfields: tuple[str, ...]) -> list[str]:
    return [
        f"{field}.{subfield}" + ("" if boost == 1 else f"^{boost:g}")
        for field, boost in FIELD_BOOSTS.items()
        for subfield in subfields
    ]


def has_searchable_word(clause: Clause | Phrase) -> bool:
    """False when the analysers would drop every word (a lone `l'`): the clause is ignored."""
    return any(
        word.lower() not in ELIDED_WORDS and len(word) <= MAX_TOKEN_CHARS
        for word in _WORD.findall(clause.text)
    )


def _or_ids(text: Query, ids: frozenset[int]) -> Query:
    """The text query, or any of these ids (SearchRequest.also_ids), which score nothing."""
    if not ids:
        return text
    by_id = {"constant_score": {"filter": {"terms": {"id": sorted(ids)}}, "boost": 0}}
    return {"bool": {"should": [text, by_id], "minimum_should_match": 1}}


# -- filters -------------------------------------------------------------------------------------


def _scope_filters(request: SearchRequest, *, with_years: bool = True) -> list[Query]:
    filters = [
        access_filter(request.access_filter),
        withheld_filter(request.withheld),
        within_filter(request.within),
    ]
    if with_years:
        filters.append(year_filter(request.year_from, request.year_to))
    return [query for query in filters if query is not None]


def access_filter(allowed: AccessFilter | None) -> Query | None:
    """The policy's filter (research.access): any group, each with every field; None: all."""
    if allowed is None:
        return None
    groups = []
    for group in allowed:
        fields = [_field_in(name, values) for name, values in group.items()]
        groups.append(fields[0] if len(fields) == 1 else _bool(filter=fields))
    return {"bool": {"should": groups, "minimum_should_match": 1}}


def withheld_filter(ids: frozenset[int]) -> Query | None:
    """Every document but these (SearchRequest.withheld); None when none is withheld."""
    return {"bool": {"must_not": [{"terms": {"id": sorted(ids)}}]}} if ids else None


def within_filter(ids: frozenset[int] | None) -> Query | None:
    """Only these documents (SearchRequest.within); None when the request names none."""
    return None if ids is None else {"terms": {"id": sorted(ids)}}


def _field_in(name: str, values: tuple[str, ...]) -> Query:
    return {"term": {name: values[0]}} if len(values) == 1 else {"terms": {name: list(values)}}


def year_filter(year_from: int | None, year_to: int | None) -> Query | None:
    bounds = {"gte": year_from, "lte": year_to}
    bounds = {name: year for name, year in bounds.items() if year is not None}
    return {"range": {"year": bounds}} if bounds else None


def facet_filters(request: SearchRequest, *, except_facet: str | None = None) -> list[Query]:
    """Any of a facet's values (OR within), every facet (AND across)."""
    return [
        {"terms": {name: list(values)}}
        for name, values in request.filters.items()
        if name != except_facet
    ]


# -- aggregations --------------------------------------------------------------------------------


def _aggregations(request: SearchRequest, text: Query) -> dict[str, Any]:
    aggregations = {
        name: {
            "filter": _all_of(facet_filters(request, except_facet=name)),
            "aggs": {VALUES: _terms(name)},
        }
        for name in request.facets
    }
    if request.histogram:
        aggregations[YEARS] = _year_histogram(request, text)
    return aggregations


def _year_histogram(request: SearchRequest, text: Query) -> dict[str, Any]:
    histogram = {"histogram": {"field": "year", "interval": 1, "min_doc_count": 1}}
    if year_filter(request.year_from, request.year_to) is None:
        return {"filter": _all_of(facet_filters(request)), "aggs": {VALUES: histogram}}
    # The query holds the year range; only a global aggregation can count outside it.
    everything_but_years = [*_scope_filters(request, with_years=False), *facet_filters(request)]
    matching = {"filter": _bool(must=[text], filter=everything_but_years)}
    return {"global": {}, "aggs": {MATCHING: {**matching, "aggs": {VALUES: histogram}}}}


def _terms(field: str) -> dict[str, Any]:
    # One shard per index keeps the counts exact; ties are broken by value, as in the answer.
    order = [{"_count": "desc"}, {"_key": "asc"}]
    return {"terms": {"field": field, "size": FACET_SIZES.get(field, ALL_VALUES), "order": order}}


# -- highlights ----------------------------------------------------------------------------------


def highlight() -> dict[str, Any]:
    """Every language's analysis of each highlighted field; results.py keeps the best one."""
    fields = {}
    for field in HIGHLIGHT_FIELDS:
        if field in FRAGMENT_CHARS:
            options = {"fragment_size": FRAGMENT_CHARS[field], "number_of_fragments": 1}
        else:
            options = {"number_of_fragments": 0}  # the whole title
        for subfield in (*LANGUAGE_SUBFIELDS, WORDS_SUBFIELD):
            fields[f"{field}.{subfield}"] = dict(options)
    return {
        "type": "unified",
        "encoder": "default",  # results.py escapes, so '…' can be decided on the plain text
        "pre_tags": [MARK_START],
        "post_tags": [MARK_END],
        "require_field_match": True,
        "max_analyzed_offset": HIGHLIGHT_MAX_CHARS,
        "fields": fields,
    }


# -- helpers -------------------------------------------------------------------------------------


def _bool(**occurrences: list[Query]) -> Query:
    return {"bool": {name: queries for name, queries in occurrences.items() if queries}}


def _all_of(queries: list[Query]) -> Query:
    return _bool(filter=queries) if queries else {"match_all": {}}
