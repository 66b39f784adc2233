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
    scores = _by_meaning(item, request, backend, size * CANDIDATES_PER_PLACE)
    shared = _shared_vocabulary(item)
    for doc_id, count in shared.items():
        scores[doc_id] = scores.get(doc_id, 0.0) + count
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


def _shared_vocabulary(item: ResearchPage) -> Counter:
    """Other live items → bonus for the practices, themes and objectives they share with it.

    Read through .all(): a draft or preview holds its relations in memory (modelcluster), where
    values_list() is not available."""
    bonus: Counter = Counter()
    relations = {
        "practices": ("practices", [entry.pk for entry in item.practices.all()]),
        "themes": ("themes", [entry.pk for entry in item.themes.all()]),
        "objectives": (
            "objective_links__objective",
            [link.objective_id for link in item.objective_links.all()],
        ),
    }
    for name, (lookup, values) in relations.items():
        values = list(values)
        if not values:
            continue
        others = (
            ResearchPage.objects.live()
            .filter(**{f"{lookup}__in": values})
            .exclude(pk=item.pk)
            .values_list("pk", flat=True)
        )
        for doc_id in others:
            bonus[doc_id] += SHARED_BONUS[name]
    return bonus
