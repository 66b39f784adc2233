"""The thesaurus that expands queries, read from the database once and kept while it is current.

Each process keeps the Thesaurus it built with a fingerprint of the concepts table (how many rows,
the latest change, the highest id). Saving, adding or deleting a concept in any process changes
the fingerprint, so every process rebuilds its copy once it checks again; checking is one small
aggregate query instead of reading some hundreds of concepts. A process checks at most once
every RECHECK_SECONDS (not for every search: the query cost more than expanding), and at once
after a concept is saved or deleted in the process itself.
"""

from __future__ import annotations

import threading
import time

from django.db.models import Count, Max

from search.expansion import Thesaurus
from search.models import ThesaurusConcept

# How long another process's edit may take to reach this one's searches.
RECHECK_SECONDS = 2.0

_cached: tuple[tuple, Thesaurus, float] | None = None
_lock = threading.Lock()


def current_thesaurus() -> Thesaurus:
    """The thesaurus as the database holds it (as of at most RECHECK_SECONDS ago)."""
    global _cached
    cached = _cached
    now = time.monotonic()
    if cached is not None and now - cached[2] < RECHECK_SECONDS:
        return cached[1]
    fingerprint = _fingerprint()
    if cached is not None and cached[0] == fingerprint:
        _cached = (fingerprint, cached[1], now)
        return cached[1]
    with _lock:
        concepts = ThesaurusConcept.objects.order_by("pk")
        thesaurus = Thesaurus.from_records(concept.as_record() for concept in concepts)
        _cached = (fingerprint, thesaurus, now)
    return thesaurus


def forget_thesaurus(**_signal_arguments) -> None:
    """A concept changed in this process: the next search reads the thesaurus again."""
    global _cached
    _cached = None


def _fingerprint() -> tuple:
    summary = ThesaurusConcept.objects.aggregate(
        count=Count("pk"), changed=Max("updated_at"), last=Max("pk")
    )
    return (summary["count"], summary["changed"], summary["last"])
