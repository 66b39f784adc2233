"""Words and meaning together: the keyword ranking and the vector ranking fused (RRF).

How an item found by meaning alone enters a search: the engine's vector search ranks the items
the viewer may see (the access filter applies before ranking) by their best passage; in each
language, the SEMANTIC_ENTRIES closest within ENTRY_MARGIN of that language's closest, whose
similarity reaches the model's min_similarity, join the keyword matches through the engine
itself (SearchRequest.also_ids), so filters, facets, totals and the year histogram count them
exactly as the hits shown. Ordered by relevance, the first FUSION_WINDOW keyword hits and those
items are ordered by reciprocal rank fusion of the keyword ranking and the vector ranking (made
fair between languages: language_fair); further pages continue in keyword order. Other sorts
simply sort the union. A query with exclusions (-word) takes no item by meaning alone, since
its words cannot be checked against them.
The constants were chosen on the even-numbered judged queries of bench/relevance_queries.py
and checked on the odd ones (README, Search by meaning).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence

from django.utils.html import escape

from research.models import ResearchPage
from search.backends import SearchBackend, VectorMatch
from search.embedding import current_embedder, meaning_indexed, query_vector, semantic_problem
from search.models import ItemEmbedding
from search.query import MAX_PAGE_SIZE, SearchHit, SearchRequest, SearchResponse

# Nearest items read to rank by meaning, and how many of them may enter by meaning alone.
VECTOR_CANDIDATES = 50
SEMANTIC_ENTRIES = 10
ENTRY_MARGIN = 0.05
# How much closer a multilingual model rates a text in the query's language than its
# translation, at most: the vector ranking makes up this much of each language's distance.
LANGUAGE_GAP = 0.02
# Reciprocal rank fusion: each ranking adds weight / (RRF_K + rank).
RRF_K = 60
KEYWORD_WEIGHT = 1.0
VECTOR_WEIGHT = 1.0
FUSION_WINDOW = 100


def searched_text(request: SearchRequest) -> str:
    """The words whose meaning is searched: what was typed, without exclusions."""
    return " ".join(clause.text for clause in request.parsed.typed_clauses)


def wants_meaning(request: SearchRequest) -> bool:
    return request.mode == "hybrid" and bool(request.parsed.typed_clauses)


def hybrid_search(request: SearchRequest, backend: SearchBackend) -> SearchResponse:
    """The hybrid answer, or the keyword one (mode says which, and why)."""
    if not wants_meaning(request):
        return backend.search(request)
    if not backend.supports_vectors or (current_embedder() is None and not semantic_problem()):
        return backend.search(request)  # meaning is off here: words only, as documented
    embedder = current_embedder()
    if embedder is not None and not meaning_indexed(embedder.name):
        return backend.search(request)  # nothing is embedded yet: a query's vector finds nothing
    vector = query_vector(searched_text(request))
    if embedder is None or vector is None:
        response = backend.search(request)
        if semantic_problem():
            return dataclasses.replace(response, mode="keyword-fallback")
        return response
    matches = backend.nearest(request, vector, embedder.name, VECTOR_CANDIDATES)
    return fused(request, backend, matches, embedder.min_similarity)


def fused(
    request: SearchRequest,
    backend: SearchBackend,
    matches: Sequence[VectorMatch],
    min_similarity: float,
) -> SearchResponse:
    """The keyword search with the items close in meaning added and ranked in."""
    language_of = languages(matches)
    entering = [] if request.parsed.excluded else entries(matches, min_similarity, language_of)
    also = frozenset(match.id for match in entering)
    if request.effective_sort != "relevance":
        response = backend.search(dataclasses.replace(request, also_ids=also))
        return _with_passages(dataclasses.replace(response, mode="hybrid"), entering)
    # The window is ranked bare (ids and scores: loading and highlighting 100 hits cost most of
    # such a search); only the page shown is asked in full, below. Facets, totals and years come
    # from the window.
    window = dataclasses.replace(request, also_ids=also, page=1, size=FUSION_WINDOW, bare=True)
    first = backend.search(window)
    scores = {hit.id: hit.score for hit in first.hits}
    word_ids = [hit.id for hit in first.hits if hit.score]
    found = {hit.id for hit in first.hits}
    missing = also - found
    if missing:  # past the window: which of them the filters let through
        within = missing if request.within is None else missing & request.within
        listing = _bare(request, text="", within=within, size=len(missing))
        found.update(hit.id for hit in backend.search(listing).hits)
    by_meaning_only = [m.id for m in entering if m.id in found and m.id not in word_ids]
    by_meaning = [match.id for match in language_fair(matches, language_of) if match.id in found]
    order = _fused_order(word_ids, by_meaning)
    shown = set(word_ids) | set(by_meaning_only)
    order = [doc_id for doc_id in order if doc_id in shown]
    start, stop = request.offset, request.offset + request.size
    page = _page_hits(request, backend, order[start:stop], scores)
    if stop > len(order) and first.total > len(order):
        page += _keyword_tail(
            request, backend, start=max(start, len(order)), stop=stop, shown=set(order)
        )
    response = dataclasses.replace(first, hits=page, mode="hybrid")
    return _with_passages(response, entering, only=set(by_meaning_only))


def _bare(request: SearchRequest, **changes) -> SearchRequest:
    """The request for bare hits alone: no facets, no year histogram."""
    return dataclasses.replace(
        request,
        facets=(),
        histogram=False,
        bare=True,
        also_ids=frozenset(),
        page=1,
        **changes,
    )


def _page_hits(
    request: SearchRequest,
    backend: SearchBackend,
    ids: list[int],
    scores: Mapping[int, float | None],
) -> list[SearchHit]:
    """The hits of the page shown, in fused order, with their highlights and the scores the
    keyword ranking gave them (none by meaning alone: 0). They are fetched, not ranked again:
    each came from a search under the same access and filters."""
    if not ids:
        return []
    shown = dataclasses.replace(
        _bare(request, within=frozenset(ids), size=len(ids)),
        bare=request.bare,
        ranked=False,
        # An engine that ranks anyway finds the items found by meaning alone so.
        also_ids=frozenset(doc_id for doc_id in ids if not scores.get(doc_id)),
    )
    hits = {hit.id: hit for hit in backend.search(shown).hits}
    return [
        dataclasses.replace(hits[doc_id], score=scores.get(doc_id) or 0.0)
        for doc_id in ids
        if doc_id in hits
    ]


def entries(
    matches: Sequence[VectorMatch], min_similarity: float, languages: Mapping[int, str]
) -> list[VectorMatch]:
    """The nearest items that enter by meaning alone, closest first: in each language, among
    its first SEMANTIC_ENTRIES, those within ENTRY_MARGIN of its closest one and at least at
    the model's floor. A model's similarities shift with the query (a short query scores
    everything lower), so the margin is relative; the floor keeps out a query that nothing
    answers. The margin counts per language because a multilingual model rates a text in the
    query's own language higher than its translation: measured from the closest item of all,
    it would keep out the other language's closest items (README, Search by meaning)."""
    by_language: dict[str, list[VectorMatch]] = {}
    for match in matches:
        by_language.setdefault(languages.get(match.id, ""), []).append(match)
    entering: list[VectorMatch] = []
    for group in by_language.values():
        bar = max(min_similarity, group[0].similarity - ENTRY_MARGIN)
        entering += [match for match in group[:SEMANTIC_ENTRIES] if match.similarity >= bar]
    return sorted(entering, key=lambda match: -match.similarity)


def language_fair(
    matches: Sequence[VectorMatch], languages: Mapping[int, str]
) -> list[VectorMatch]:
    """The matches ranked for fusion: each item's similarity raised by how far its language's
    closest item lies behind the closest of all, up to LANGUAGE_GAP, so that the closest
    studies in the other language are not ranked behind weaker ones in the query's own."""
    closest: dict[str, float] = {}
    for match in matches:
        closest.setdefault(languages.get(match.id, ""), match.similarity)
    best = max(closest.values(), default=0.0)

    def fair(match: VectorMatch) -> float:
        behind = best - closest[languages.get(match.id, "")]
        return match.similarity + min(behind, LANGUAGE_GAP)

    return sorted(matches, key=fair, reverse=True)


def languages(matches: Sequence[VectorMatch]) -> dict[int, str]:
    """The language of each item matched."""
    ids = [match.id for match in matches]
    return dict(ResearchPage.objects.filter(pk__in=ids).values_list("pk", "language"))


def _fused_order(by_words: list[int], by_meaning: list[int]) -> list[int]:
    scores: dict[int, float] = {}
    for rank, doc_id in enumerate(by_words, 1):
        scores[doc_id] = scores.get(doc_id, 0.0) + KEYWORD_WEIGHT / (RRF_K + rank)
    for rank, doc_id in enumerate(by_meaning, 1):
        scores[doc_id] = scores.get(doc_id, 0.0) + VECTOR_WEIGHT / (RRF_K + rank)
    word_rank = {doc_id: rank for rank, doc_id in enumerate(by_words)}
    last = len(by_words)
    return sorted(scores, key=lambda doc_id: (-scores[doc_id], word_rank.get(doc_id, last)))


def _keyword_tail(
    request: SearchRequest, backend: SearchBackend, *, start: int, stop: int, shown: set[int]
) -> list[SearchHit]:
    """Positions [start, stop) of the answer past the fused window: keyword order, without
    what the window showed. The window holds the first FUSION_WINDOW keyword hits and the items
    found by meaning alone, so position p is about keyword hit p - (its items by meaning)."""
    extra = len(shown) - FUSION_WINDOW
    first_needed = max(FUSION_WINDOW, start - extra)
    wanted = stop - start
    found: list[int] = []
    scores: dict[int, float | None] = {}
    page = first_needed // MAX_PAGE_SIZE + 1
    skip = first_needed - (page - 1) * MAX_PAGE_SIZE
    while len(found) < wanted and page * MAX_PAGE_SIZE <= 10_000:
        plain = dataclasses.replace(_bare(request, size=MAX_PAGE_SIZE), page=page)
        batch = backend.search(plain).hits[skip:]
        if not batch:
            break
        found += [hit.id for hit in batch if hit.id not in shown]
        scores.update((hit.id, hit.score) for hit in batch)
        page, skip = page + 1, 0
    return _page_hits(request, backend, found[:wanted], scores)


def _with_passages(
    response: SearchResponse, entering: Iterable[VectorMatch], only: set[int] | None = None
) -> SearchResponse:
    """Items found by meaning alone show their closest passage, escaped, as the reason."""
    best = {match.id: match.passage for match in entering}
    wanted = {
        hit.id
        for hit in response.hits
        if hit.id in best and (only is None or hit.id in only) and not hit.score
    }
    if not wanted:
        return response
    passages = dict(
        ItemEmbedding.objects.filter(item_id__in=wanted).values_list("item_id", "passages")
    )

    def shown(hit: SearchHit) -> SearchHit:
        texts = passages.get(hit.id) or []
        number = best.get(hit.id, -1)
        if hit.id not in wanted or not 0 <= number < len(texts):
            return hit
        return dataclasses.replace(hit, related_passage=str(escape(texts[number])))

    return dataclasses.replace(response, hits=[shown(hit) for hit in response.hits])
