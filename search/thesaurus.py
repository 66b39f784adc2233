"""The thesaurus that expands queries, read from the database once and kept while it is current.

Each process keeps the Thesaurus it built with a fingerprint of the concepts table (how many rows,
the latest change, the highest id). Saving, adding or deleting a concept in any process changes
the fingerprint, so every process rebuilds its copy on its next search; checking it is one small
aggregate query instead of reading some hundreds of concepts for every search.
"""

from __future__ import annotations

import threading

from django.db.models import Count, Max

from search.expansion import Thesaurus
from search.models import ThesaurusConcept

_cached: tuple[tuple, Thesaurus] | None = None
_lock = threading.Lock()


def current_thesaurus() -> Thesaurus:
    """The thesaurus as the database holds it now."""
    global _cached
    fingerprint = _fingerprint()
    cached = _cached
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    with _lock:
        concepts = ThesaurusConcept.objects.order_by("pk")
        thesaurus = Thesaurus.from_records(concept.as_record() for concept in concepts)
        _cached = (fingerprint, thesaurus)
    return thesaurus


def _fingerprint() -> tuple:
    summary = ThesaurusConcept.objects.aggregate(
        count=Count("pk"), changed=Max("updated_at"), last=Max("pk")
    )
    return (summary["count"], summary["changed"], summary["last"])
