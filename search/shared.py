"""What searches share between the server's processes: the cache SEARCH_SHARED_CACHE names.

Each gunicorn process keeps its own recent query vectors and nearest items; this cache lets
the others reuse them (page 2 of a search often reaches another process). A cache that fails,
a Redis that is down or hangs or a full disk, is a miss and never an error: the search is
computed as if nothing had been kept, and the failure is logged once until the cache works
again.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from typing import Any

from django.conf import settings
from django.core.cache import caches

logger = logging.getLogger(__name__)


def shared_key(*parts: object) -> str:
    """A short key for these parts (each with an exact, stable repr: str, int, tuples of them)."""
    return hashlib.blake2b(repr(parts).encode(), digest_size=20).hexdigest()


class SharedCache:
    """get and set on a Django cache, through which a failure is a miss."""

    def __init__(self, alias: str) -> None:
        self.alias = alias
        self._failing = False

    def get(self, key: str) -> Any:
        try:
            value = caches[self.alias].get(key)
        except Exception:  # any failure of the cache is a miss
            self._failed("reading")
            return None
        self._failing = False
        return value

    def set(self, key: str, value: Any) -> None:
        try:
            caches[self.alias].set(key, value)
        except Exception:  # what could not be kept is computed again
            self._failed("writing")
            return
        self._failing = False

    def _failed(self, doing: str) -> None:
        if not self._failing:
            logger.warning(
                "search: %s the shared cache %r failed; searching without it", doing, self.alias
            )
        self._failing = True


def shared_cache() -> SharedCache | None:
    """The shared cache of the settings, or None when they name none."""
    alias = getattr(settings, "SEARCH_SHARED_CACHE", "")
    if not alias or alias not in settings.CACHES:
        return None
    return _shared(alias)


@functools.cache
def _shared(alias: str) -> SharedCache:
    return SharedCache(alias)  # one per alias: its failures are logged once
