"""The HTTP parameters read into a SearchRequest by one chain of interpreters."""

import pytest
from django.http import QueryDict
from django.utils import translation

from search.params import parse_search_params
from search.query import ANONYMOUS, SearchError, SearchRequest


def parse(query_string: str) -> SearchRequest:
    # expand=0 leaves the thesaurus, and so the database, out of these tests.
    return parse_search_params(QueryDict(f"expand=0&{query_string}"), ANONYMOUS)


def test_each_parameter_reaches_the_request():
    request = parse("q=police&page=2&size=5&sort=title&year_from=2019&year_to=2024&theme=youth")
    assert (request.text, request.page, request.size, request.sort) == ("police", 2, 5, "title")
    assert (request.year_from, request.year_to) == (2019, 2024)
    assert request.filters == {"theme": ("youth",)}
    assert request.thesaurus is None


@pytest.mark.parametrize(
    ("query_string", "options"),
    [
        ("year_from=2024&year_to=2020", {"year_from": 2024, "year_to": 2020}),
        ("size=101", {"size": 101}),
        ("page=0", {"page": 0}),
        ("sort=random", {"sort": "random"}),
        ("&".join(f"tag=t{number}" for number in range(51)), {"filters": {"tag": range(51)}}),
    ],
)
def test_a_limit_says_the_same_over_http_and_in_code(query_string, options):
    with translation.override("en"), pytest.raises(SearchError) as over_http:
        parse(query_string)
    with pytest.raises(SearchError) as in_code:
        SearchRequest(**options)
    assert str(over_http.value) == str(in_code.value)


def test_a_limit_is_explained_in_the_reader_language():
    with translation.override("fr"), pytest.raises(SearchError) as refused:
        parse("size=101")
    assert str(refused.value) == "size doit être compris entre 1 et 100."


class _ReadNames(QueryDict):
    """Parameters that remember which names were asked for."""

    def __init__(self):
        super().__init__("expand=0", mutable=True)
        self.read_once, self.read_repeated = set(), set()

    def get(self, key, default=None):
        self.read_once.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        self.read_repeated.add(key)
        return super().getlist(key, default)


def test_the_declared_parameter_names_are_exactly_those_the_interpreters_read():
    # Saved searches keep only these names (alerts): a new parameter must be declared.
    from search.params import REPEATED_PARAMETERS, SINGLE_PARAMETERS

    params = _ReadNames()
    parse_search_params(params, ANONYMOUS)
    assert params.read_once == set(SINGLE_PARAMETERS)
    assert params.read_repeated == set(REPEATED_PARAMETERS)
