"""The query-text syntax and search request validation, without any engine."""

import pytest

from research.access import Viewer
from search.query import (
    FACET_NAMES,
    MAX_QUERY_CHARS,
    MAX_TERMS,
    AnyOf,
    ParsedQuery,
    Phrase,
    Prefix,
    SearchError,
    SearchRequest,
    Term,
    parse_query,
)
from tests.search.contract import ODD_INPUTS


@pytest.mark.parametrize(
    ("text", "required", "excluded"),
    [
        ("violence conjugale", (Term("violence"), Term("conjugale")), ()),
        ('"violence conjugale" appels', (Phrase("violence conjugale"), Term("appels")), ()),
        ("«profilage racial»", (Phrase("profilage racial"),), ()),
        ("“street gangs”", (Phrase("street gangs"),), ()),
        ("collisions -autoroutes", (Term("collisions"),), (Term("autoroutes"),)),
        ('gangs -"street gangs"', (Term("gangs"),), (Phrase("street gangs"),)),
        ("interpel*", (Prefix("interpel"),), ()),
        ("interpel***", (Prefix("interpel"),), ()),
        ("po*", (Prefix("po"),), ()),
        ("l'égalité", (Term("l'égalité"),), ()),
        ("covid-19", (Term("covid-19"),), ()),
        ("fraude OR gangs", (AnyOf((Term("fraude"), Term("gangs"))),), ()),
        (
            'a OR "b c" OR d* e',
            (AnyOf((Term("a"), Phrase("b c"), Term("d"))), Term("e")),
            (),
        ),
        ("fraude or gangs", (Term("fraude"), Term("or"), Term("gangs")), ()),
    ],
)
def test_syntax(text, required, excluded):
    assert parse_query(text) == ParsedQuery(required, excluded)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"unbalanced', ParsedQuery((Term("unbalanced"),))),
        ('violence "conjugale', ParsedQuery((Term("violence"), Term("conjugale")))),
        ("-", ParsedQuery()),
        ("- violence", ParsedQuery((Term("violence"),))),
        ("OR", ParsedQuery()),
        ("OR violence", ParsedQuery((Term("violence"),))),
        ("violence OR", ParsedQuery((Term("violence"),))),
        ("a OR OR b", ParsedQuery((AnyOf((Term("a"), Term("b"))),))),
        ("a OR -b", ParsedQuery((Term("a"),), (Term("b"),))),
        ("-a OR b", ParsedQuery((Term("b"),), (Term("a"),))),
        ("-OR", ParsedQuery((), (Term("OR"),))),
        ("***", ParsedQuery()),
        ("a*", ParsedQuery((Term("a"),))),
        ("<>  --  ''", ParsedQuery()),
        ("<script>", ParsedQuery((Term("<script>"),))),
        ('""', ParsedQuery()),
    ],
)
def test_lenient_reading(text, expected):
    assert parse_query(text) == expected


@pytest.mark.parametrize("text", [*ODD_INPUTS, None, 42])
def test_never_raises(text):
    assert isinstance(parse_query(text), ParsedQuery)


def test_long_text_is_cut():
    parsed = parse_query("x" * 10_000)
    assert parsed == ParsedQuery((Term("x" * MAX_QUERY_CHARS),))


def test_clause_count_is_capped():
    parsed = parse_query(" ".join(f"w{number}" for number in range(100)))
    assert len(parsed.required) == MAX_TERMS
    parsed = parse_query(" OR ".join(f"w{number}" for number in range(100)))
    assert len(parsed.required[0].options) == MAX_TERMS


def test_positive_clauses_exclude_exclusions():
    parsed = parse_query('a OR "b c" d -e')
    assert parsed.positive_clauses == (Term("a"), Phrase("b c"), Term("d"))


def test_empty_query():
    assert parse_query("").is_empty
    assert parse_query("  *** ").is_empty
    assert not parse_query("-violence").is_empty


def test_request_defaults():
    request = SearchRequest()
    assert (request.page, request.size, request.sort, request.facets) == (
        1,
        20,
        "relevance",
        FACET_NAMES,
    )
    assert request.viewer == Viewer()
    assert request.effective_sort == "newest"
    assert SearchRequest(text="violence").effective_sort == "relevance"
    assert SearchRequest(text="violence", sort="title").effective_sort == "title"


def test_request_filters_are_normalised():
    request = SearchRequest(
        filters={"theme": ["youth", "youth", ""], "type": (), "region": "Québec"}
    )
    assert request.filters == {"theme": ("youth",), "region": ("Québec",)}


def test_request_offset():
    assert SearchRequest(page=3, size=20).offset == 40


def test_viewer_organisations_become_a_frozenset():
    assert Viewer(organisations={"spvm"}).organisations == frozenset({"spvm"})


def test_too_many_filter_values_are_refused():
    with pytest.raises(SearchError, match="Too many values"):
        SearchRequest(filters={"tag": tuple(f"t{number}" for number in range(51))})
