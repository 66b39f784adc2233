"""The engine contract on the embedded tantivy engine."""

import pytest

from search.backends.tantivy import TantivyBackend
from tests.search.contract import EngineContract


class TestTantivyEngine(EngineContract):
    @pytest.fixture
    def make_backend(self, tmp_path):
        return lambda: TantivyBackend(tmp_path / "search-index", writer_threads=1)
