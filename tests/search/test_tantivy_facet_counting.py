"""The embedded engine counts vocabulary facets by combinations of values: the counts must be
exactly those of counting value by value, whatever the index holds."""

from __future__ import annotations

import random
from collections import Counter

import pytest

from research.access import Viewer
from search.backends.tantivy import TantivyBackend, engine
from search.backends.tantivy.compiler import TextQueryCompiler
from search.backends.tantivy.schema import SET_COUNTED_FACETS
from search.query import FACET_NAMES, FacetCount, SearchRequest
from tests.search.bilingual_documents import shipped_thesaurus
from tests.search.documents import _item

EVERYONE = Viewer(unrestricted=True)
# Values an editor may well type into a vocabulary, and some that would break a naive encoding.
ODD_VALUES = ["a,b", '"quoted"', "[bracket]", "\\back", "unicode-é-ü", "two words", "x\u001fy"]


def generated_documents(count: int, seed: str = "facets") -> list[dict]:
    rng = random.Random(seed)
    pools = {name: [f"{name}-{number}" for number in range(8)] + ODD_VALUES for name in FACET_NAMES}
    documents = []
    for number in range(count):
        fields = {
            name: rng.sample(pools[name], k=rng.choice((0, 1, 1, 2, 3)))
            for name in ("approach", "theme", "region", "edition", "tag", "objective")
        }
        for name in ("organisation", "type", "design", "evidence"):
            fields[name] = rng.choice(["", *pools[name][:4]])
        words = "alpha" if number % 3 else "alpha beta"
        documents.append(
            _item(
                1_000 + number,
                rng.choice(("fr", "en")),
                f"{rng.randint(2005, 2024)}-06-01",
                title=f"Report {number} {words}",
                **fields,
            )
        )
    return documents


def expected_counts(documents, name: str, filters: dict, text: str = "") -> Counter:
    """Counted in Python: the documents matching every filter but this facet's own selection."""
    counts: Counter = Counter()
    for document in documents:
        if text and text not in document.title:
            continue
        if all(
            set(_values(document, other)) & set(selected)
            for other, selected in filters.items()
            if other != name
        ):
            counts.update(set(_values(document, name)))
    return counts


def _values(document, name: str) -> list[str]:
    value = getattr(document, name)
    return [value] if isinstance(value, str) and value else list(value or ())


def engine_counts(backend, name: str, **options) -> Counter:
    response = backend.search(SearchRequest(viewer=EVERYONE, size=1, **options))
    return Counter({value.value: value.count for value in response.facets[name] if value.count})


@pytest.fixture
def backend(tmp_path):
    return TantivyBackend(tmp_path / "index", writer_threads=1)


@pytest.fixture
def documents(backend):
    documents = generated_documents(400)
    # Two writes leave two segments: counts must add up across segments too.
    backend.index_documents(documents[:250])
    backend.index_documents(documents[250:])
    assert backend._live_index().searcher().num_segments == 2
    return documents


SEARCHES = [
    {},
    {"q": "beta"},
    {"filters": {"theme": ("theme-1", "a,b")}},
    {"filters": {"theme": ("theme-2",), "approach": ('"quoted"', "approach-0")}},
    {"q": "alpha", "filters": {"organisation": ("organisation-1",), "region": ("x\u001fy",)}},
]


@pytest.mark.parametrize("search", SEARCHES)
def test_counts_by_combinations_equal_counts_by_value(backend, documents, search):
    query = search.get("q", "")
    filters = search.get("filters", {})
    for name in SET_COUNTED_FACETS:
        expected = expected_counts(documents, name, filters, query)
        assert engine_counts(backend, name, text=query, filters=filters) == expected, name


def test_more_combinations_than_one_pass_keeps_are_counted_by_value(
    backend, documents, monkeypatch
):
    monkeypatch.setattr(engine, "COMBINATIONS", 3)
    filters = {"theme": ("theme-1",)}
    for name in ("theme", "approach", "region"):
        expected = expected_counts(documents, name, filters)
        assert engine_counts(backend, name, filters=filters) == expected, name


MANY = [name for name in SET_COUNTED_FACETS if name != "language"][:7]


def test_more_combinations_than_tantivy_allows_in_one_aggregation_still_count(backend):
    # Seven facets of 10,000 combinations each: past tantivy's 65,000 buckets per aggregation.
    many = [
        _item(
            number,
            "fr",
            "2020-01-01",
            title="alpha",
            **{name: [f"{name}-{number}"] for name in MANY},
        )
        for number in range(10_000)
    ]
    backend.index_documents(many)
    response = backend.search(SearchRequest(viewer=EVERYONE, size=1, text="alpha"))
    assert response.total == 10_000
    for name in MANY:
        values = response.facets[name]
        assert len(values) == 10_000
        assert {value.count for value in values} == {1}


def test_items_without_a_value_count_nowhere(backend):
    backend.index_documents([_item(1, "fr", "2020-01-01"), _item(2, "fr", "2020-01-01")])
    response = backend.search(SearchRequest(viewer=EVERYONE))
    assert response.total == 2
    assert response.facets.pop("language") == [FacetCount("fr", 2, False)]
    assert all(values == [] for values in response.facets.values())


def test_counting_leaves_out_alternatives_that_hold_a_one_word_way(backend, documents):
    request = SearchRequest(text="itinérance", thesaurus=shipped_thesaurus())
    (expansion,) = request.query.required
    compiler = TextQueryCompiler(backend.schema, backend._live_index().searcher())
    ways = [clauses for _term, clauses in expansion.candidates()]
    kept = [" ".join(clause.text for clause in way) for way in compiler._necessary(ways)]
    # "people experiencing homelessness" holds homelessness and "personnes en situation
    # d'itinérance" holds itinérance; "homeless people" does not hold homelessness in both
    # analysers' forms, so it stays.
    assert "people experiencing homelessness" not in kept
    assert "personnes en situation d'itinérance" not in kept
    assert kept == ["itinérance", "homelessness", "homeless people", "sans-abri"]
