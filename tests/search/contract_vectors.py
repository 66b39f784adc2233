"""The engine contract for search by meaning: vectors kept with the documents, nearest items
found among those the viewer may see (access before ranking), and the id clauses the service
uses to count what meaning adds (also_ids, within).

Part of EngineContract (tests/search/contract.py). An engine without vector search declares
`supports_vectors = False`: its vector tests are skipped, the id clauses still hold.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from research.access import Viewer
from search.documents import PassageVectors
from search.query import MAX_PAGE_SIZE, SearchRequest
from tests.search.documents import research_documents

EVERYONE = Viewer(unrestricted=True)
ANONYMOUS = Viewer()
COMMUNITY = Viewer(community=True)
SPVM_MEMBER = Viewer(community=True, organisations=frozenset({"spvm"}))
SQ_ONLY = Viewer(organisations=frozenset({"sq"}))
MODEL = "test-model"
DIMENSION = 16


def unit(*weights: float) -> np.ndarray:
    vector = np.zeros(DIMENSION, dtype=np.float32)
    vector[: len(weights)] = weights
    return vector / np.linalg.norm(vector)


def direction(number: int) -> np.ndarray:
    """Item 101 + n points mostly along axis n, a little along the shared axis 15."""
    vector = np.zeros(DIMENSION, dtype=np.float32)
    vector[number] = 1.0
    vector[15] = 0.3
    return vector / np.linalg.norm(vector)


def with_vectors(doc, *rows: np.ndarray, model: str = MODEL):
    return replace(doc, vectors=PassageVectors(model, np.stack(rows).astype(np.float32)))


def embedded_documents():
    """The contract's ten items, each with two passages: its own direction, and a weak one."""
    docs = []
    for number, doc in enumerate(research_documents()):
        weak = unit(*([0.0] * 15), 1.0)
        docs.append(with_vectors(doc, direction(number), weak))
    return docs


class VectorContract:
    @pytest.fixture
    def embedded(self, make_backend):
        backend = make_backend()
        if not backend.supports_vectors:
            pytest.skip("this engine declares no vector search (the service uses keywords)")
        backend.index_documents(embedded_documents())
        return backend

    def nearest(self, backend, vector, viewer=EVERYONE, limit=10, **options):
        request = SearchRequest(viewer=viewer, **options)
        return backend.nearest(request, vector, MODEL, limit)

    def test_the_nearest_item_comes_first_with_its_best_passage(self, embedded):
        (first, *_rest) = self.nearest(embedded, direction(2))
        assert (first.id, first.passage) == (103, 0)
        assert first.similarity == pytest.approx(1.0, abs=1e-5)

    def test_each_item_counts_once_ranked_by_its_best_passage(self, embedded):
        matches = self.nearest(embedded, unit(*([0.0] * 15), 1.0), limit=100)
        assert sorted(match.id for match in matches) == list(range(101, 111))
        assert {match.passage for match in matches} == {1}

    @pytest.mark.parametrize(
        ("viewer", "visible"),
        [
            (ANONYMOUS, {101, 103, 104, 105, 106, 110}),
            (COMMUNITY, {101, 102, 103, 104, 105, 106, 109, 110}),
            (SPVM_MEMBER, {101, 102, 103, 104, 105, 106, 108, 109, 110}),
            (SQ_ONLY, {101, 103, 104, 105, 106, 107, 110}),
            (EVERYONE, set(range(101, 111))),
        ],
    )
    def test_a_hidden_item_never_takes_a_place(self, embedded, viewer, visible):
        # Aimed straight at each item in turn: a hidden one is never returned, and the places
        # are all taken by visible ones.
        for number in range(10):
            matches = self.nearest(embedded, direction(number), viewer=viewer, limit=3)
            assert {match.id for match in matches} <= visible
            assert len(matches) == 3
        everything = self.nearest(embedded, direction(0), viewer=viewer, limit=100)
        assert {match.id for match in everything} == visible

    def test_withheld_items_are_left_out(self, embedded):
        matches = self.nearest(embedded, direction(2), withheld=frozenset({103}), limit=100)
        assert 103 not in {match.id for match in matches}

    def test_vectors_of_another_model_are_never_compared(self, embedded):
        other = with_vectors(research_documents()[2], direction(2), model="another-model")
        embedded.index_documents([other])
        assert 103 not in {m.id for m in self.nearest(embedded, direction(2), limit=100)}

    def test_reindexing_without_vectors_drops_the_old_ones(self, embedded):
        embedded.index_documents([research_documents()[2]])
        assert 103 not in {m.id for m in self.nearest(embedded, direction(2), limit=100)}

    def test_deleted_and_cleared_items_leave_the_vectors(self, embedded):
        embedded.delete_documents([103])
        assert 103 not in {m.id for m in self.nearest(embedded, direction(2), limit=100)}
        embedded.clear()
        assert self.nearest(embedded, direction(2)) == []

    def test_a_rebuild_keeps_the_vectors_it_was_given(self, embedded, make_backend):
        embedded.rebuild([embedded_documents()[2]])
        assert [m.id for m in self.nearest(make_backend(), direction(2), limit=100)] == [103]

    # -- the id clauses (every engine) --------------------------------------------------------

    def test_also_ids_match_without_the_words_and_are_counted_under_the_filters(self, backend):
        request = SearchRequest(
            text="autoroutes", viewer=EVERYONE, also_ids=frozenset({103, 104}), size=MAX_PAGE_SIZE
        )
        response = backend.search(request)
        assert next(hit.id for hit in response.hits) == 107  # the words rank first
        assert {hit.id for hit in response.hits} == {103, 104, 107}
        assert response.total == 3
        assert sum(value.count for value in response.facets["language"]) == 3
        filtered = backend.search(replace(request, filters={"language": ("fr",)}))
        assert {hit.id for hit in filtered.hits} == {103, 107}

    def test_also_ids_never_reveal_a_hidden_item(self, backend):
        request = SearchRequest(
            text="autoroutes", viewer=ANONYMOUS, also_ids=frozenset({102, 108, 103})
        )
        response = backend.search(request)
        assert {hit.id for hit in response.hits} == {103}
        assert response.total == 1

    def test_within_restricts_a_listing(self, backend):
        request = SearchRequest(viewer=COMMUNITY, within=frozenset({101, 102, 107}))
        assert {hit.id for hit in backend.search(request).hits} == {101, 102}
        assert backend.search(replace(request, within=frozenset())).total == 0
