"""get_search_backend() reads the settings; needs Django settings (pytest-django)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from search.backends import SearchBackend, get_search_backend, reset_search_backend


@pytest.fixture(autouse=True)
def fresh_backend():
    reset_search_backend()
    yield
    reset_search_backend()


def test_the_embedded_engine_is_handed_out_once_per_process(settings, tmp_path):
    settings.SEARCH_BACKEND = "tantivy"
    settings.SEARCH_INDEX_DIR = tmp_path / "search-index"
    backend = get_search_backend()
    assert isinstance(backend, SearchBackend)
    assert get_search_backend() is backend
    assert backend.health().ok


def test_an_unknown_engine_is_named_in_the_error(settings):
    settings.SEARCH_BACKEND = "solr"
    with pytest.raises(ImproperlyConfigured, match="'solr'"):
        get_search_backend()
