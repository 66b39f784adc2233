"""Related research: the items closest to one item, among those a viewer may see.

Closeness is the similarity of the item's passages (their mean direction) to each other item's
best passage, found by the engine's vector search after the viewer's access filter, plus a small
bonus for each practice, theme and strategic objective they share. Without vectors (no model,
an engine without vector search, an item not embedded yet) the items sharing most of its
practices, themes and objectives come first, newest first among equals. The hits themselves come
from the engine, restricted to those ids under the same access filter, so nothing hidden shows.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from research.access import Viewer
from research.models import ResearchPage
from search.backends import get_search_backend
from search.embedding import current_embedder
from search.models import ItemEmbedding
from search.params import DEFAULT_RELATED, MAX_RELATED
from search.query import SearchHit, SearchRequest

# Candidates read from the vector search before the shared-vocabulary bonus reorders them.
CANDIDATES_PER_PLACE = 4
SHARED_BONUS = {"practices": 0.03, "objectives": 0.02, "themes": 0.015}


def related_items(
    item: ResearchPage, viewer: Viewer, size: int = DEFAULT_RELATED, *, withheld=frozenset()
) -> list[SearchHit]:
    """Up to `size` items related to `item` that `viewer` may see, closest first."""
    size = max(1, min(size, MAX_RELATED))
    backend = get_search_backend()
    request = SearchRequest(viewer=viewer, withheld=frozenset({item.pk}) | withheld)
    limit = size * CANDIDATES_PER_PLACE
    scores = _by_meaning(item, request, backend, limit)
    # The bonus reorders the items found by meaning; only when those are too few do the items
    # sharing most vocabulary join (on a large portal a practice is shared by thousands).
    among = frozenset(scores) if len(scores) >= size else None
    for doc_id, bonus in _shared_vocabulary(item, among, limit).items():
        scores[doc_id] = scores.get(doc_id, 0.0) + bonus
    if not scores:
        return []
    listing = SearchRequest(
        viewer=viewer,
        withheld=request.withheld,
        within=frozenset(scores),
        size=min(len(scores), 100),
        sort="newest",
    )
    hits = backend.search(listing).hits
    order = {hit.id: position for position, hit in enumerate(hits)}
    hits.sort(key=lambda hit: (-scores[hit.id], order[hit.id]))
    return hits[:size]


def _by_meaning(item, request, backend, limit: int) -> dict[int, float]:
    embedder = current_embedder()
    if embedder is None or not backend.supports_vectors:
        return {}
    stored = ItemEmbedding.objects.filter(item=item, model=embedder.name).first()
    if stored is None or not stored.passages:
        return {}
    centre = stored.matrix().mean(axis=0)
    norm = float(np.linalg.norm(centre))
    if not norm:
        return {}
    matches = backend.nearest(request, centre / norm, embedder.name, limit)
    return {match.id: match.similarity for match in matches}


def _shared_vocabulary(
    item: ResearchPage, among: frozenset[int] | None, limit: int
) -> dict[int, float]:
    """Other live items → bonus for the practices, themes and objectives they share with it:
    those `among` these ids, or else the `limit` sharing most (the newest first among equals).

    Read through .all(): a draft or preview holds its relations in memory (modelcluster), where
    values_list() is not available."""
    bonus: Counter = Counter()
    newest: dict[int, tuple[bool, object]] = {}
    relations = {
        "practices": ("practices", [entry.pk for entry in item.practices.all()]),
        "themes": ("themes", [entry.pk for entry in item.themes.all()]),
        "objectives": (
            "objective_links__objective",
            [link.objective_id for link in item.objective_links.all()],
        ),
    }
    for name, (lookup, values) in relations.items():
        if not values:
            continue
        others = ResearchPage.objects.live().filter(**{f"{lookup}__in": values})
        others = others.exclude(pk=item.pk)
        if among is not None:
            others = others.filter(pk__in=among)
        for doc_id, published in others.values_list("pk", "publication_date"):
            bonus[doc_id] += SHARED_BONUS[name]
            newest[doc_id] = (published is not None, published)
    if among is not None:
        return dict(bonus)
    ranked = sorted(bonus, key=lambda doc_id: (bonus[doc_id], newest[doc_id]), reverse=True)
    return {doc_id: bonus[doc_id] for doc_id in ranked[:limit]}
