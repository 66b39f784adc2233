"""Hands out the configured search engine; no other code asks which engine it is."""

from __future__ import annotations

import os
import threading

from search.backends.base import (
    EngineHealth,
    IndexOutOfDate,
    SearchBackend,
    SearchDocument,
    SearchUnavailable,
    VectorMatch,
)

__all__ = [
    "EngineHealth",
    "IndexOutOfDate",
    "SearchBackend",
    "SearchDocument",
    "SearchUnavailable",
    "VectorMatch",
    "get_search_backend",
    "reset_search_backend",
]

# (process id, engine): a forked worker must not reuse its parent's engine and its threads.
_backend: tuple[int, SearchBackend] | None = None
_backend_lock = threading.Lock()


def get_search_backend() -> SearchBackend:
    """The engine named by settings.SEARCH_BACKEND, created once per process."""
    global _backend
    with _backend_lock:
        if _backend is None or _backend[0] != os.getpid():
            _backend = (os.getpid(), _configured_backend())
        return _backend[1]


def reset_search_backend() -> None:
    """Forget the engine, so the next call reads the settings again (tests, settings changes)."""
    global _backend
    with _backend_lock:
        _backend = None


def _configured_backend() -> SearchBackend:
    # Each engine (and its client library) is imported only when it is the one configured: the
    # embedded run never loads elasticsearch-py or opensearch-py, and the pure modules here need
    # no settings.
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    name = getattr(settings, "SEARCH_BACKEND", "tantivy") or "tantivy"
    if name == "tantivy":
        index_dir = getattr(settings, "SEARCH_INDEX_DIR", None)
        if not index_dir:
            raise ImproperlyConfigured("SEARCH_INDEX_DIR must name a folder for the search index.")
        from search.backends.tantivy import TantivyBackend
        from search.backends.tantivy.vectors import NEAREST_ANSWERS
        from search.shared import shared_cache

        answers = getattr(settings, "SEARCH_NEAREST_CACHE", NEAREST_ANSWERS)
        return TantivyBackend(index_dir, nearest_answers=answers, shared_answers=shared_cache())
    if name == "elasticsearch":
        url = getattr(settings, "ELASTICSEARCH_URL", "")
        if not url:
            raise ImproperlyConfigured("ELASTICSEARCH_URL must name the Elasticsearch server.")
        from search.backends.elasticsearch import ElasticsearchBackend

        return ElasticsearchBackend.from_url(
            url,
            index=getattr(settings, "ELASTICSEARCH_INDEX", "passerelle") or "passerelle",
            api_key=getattr(settings, "ELASTICSEARCH_API_KEY", None) or None,
            username=getattr(settings, "ELASTICSEARCH_USERNAME", None) or None,
            password=getattr(settings, "ELASTICSEARCH_PASSWORD", None) or None,
            verify_certs=getattr(settings, "ELASTICSEARCH_VERIFY_CERTS", True),
            ca_certs=getattr(settings, "ELASTICSEARCH_CA_CERTS", None) or None,
            timeout=float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 10) or 10),
        )
    if name == "opensearch":
        url = getattr(settings, "OPENSEARCH_URL", "")
        if not url:
            raise ImproperlyConfigured("OPENSEARCH_URL must name the OpenSearch server.")
        from search.backends.opensearch import OpenSearchBackend

        return OpenSearchBackend.from_url(
            url,
            index=getattr(settings, "OPENSEARCH_INDEX", "passerelle") or "passerelle",
            username=getattr(settings, "OPENSEARCH_USERNAME", None) or None,
            password=getattr(settings, "OPENSEARCH_PASSWORD", None) or None,
            verify_certs=getattr(settings, "OPENSEARCH_VERIFY_CERTS", True),
            ca_certs=getattr(settings, "OPENSEARCH_CA_CERTS", None) or None,
            timeout=float(getattr(settings, "OPENSEARCH_TIMEOUT", 10) or 10),
        )
    raise ImproperlyConfigured(
        f"Unknown SEARCH_BACKEND {name!r}; "
        "the available engines are 'tantivy', 'elasticsearch' and 'opensearch'."
    )
