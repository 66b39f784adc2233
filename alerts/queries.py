"""A saved search's parameters: checked by the search's own interpreter, kept in one shape.

The shape is the API's: {"q": "…", "theme": ["youth", "edi"]}, a single parameter as text and a
repeated one (a facet) as a list. `page` is not kept: a saved search opens at its first page.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils.translation import gettext

from research.access import Viewer
from search.params import REPEATED_PARAMETERS, SINGLE_PARAMETERS, parse_search_params
from search.query import SearchError, SearchRequest

NOT_KEPT = ("page",)


def saved_query(raw: Any, viewer: Viewer) -> dict[str, str | list[str]]:
    """The parameters to keep, refused (SearchError, in the active language) as a search would
    refuse them, or when a name is not a search parameter."""
    if not isinstance(raw, Mapping):
        raise SearchError(gettext("query must be an object of search parameters."))
    query: dict[str, str | list[str]] = {}
    for name, given in raw.items():
        values = _texts(name, given)
        if name in REPEATED_PARAMETERS:
            if values:
                query[name] = list(dict.fromkeys(values))
        elif name in SINGLE_PARAMETERS:
            if len(values) > 1:
                raise SearchError(gettext("%(name)s takes a single value."), name=name)
            if values and name not in NOT_KEPT:
                query[name] = values[0]
        else:
            raise SearchError(gettext("%(name)s is not a search parameter."), name=str(name)[:50])
    parse_search_params(query, viewer)
    return query


def query_from_string(query_string: str, viewer: Viewer) -> dict[str, str | list[str]]:
    """`saved_query` of a search page's query string (`q=…&theme=youth`)."""
    params = QueryDict(query_string)
    return saved_query({name: params.getlist(name) for name in params}, viewer)


def query_string(query: Mapping[str, str | list[str]]) -> str:
    """The query string of the search page (and the API) that runs this saved search."""
    return urlencode(query, doseq=True)


def search_request(query: Mapping[str, Any], viewer: Viewer, **changes: Any) -> SearchRequest:
    """The saved search as a SearchRequest for `viewer`, with `changes` (sort, within, …)."""
    return dataclasses.replace(parse_search_params(query, viewer), **changes)


def _texts(name: Any, given: Any) -> list[str]:
    values = given if isinstance(given, list) else [given]
    for value in values:
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise SearchError(
                gettext("%(name)s must be text, or a list of texts for a repeated parameter."),
                name=str(name)[:50],
            )
    return [str(value).strip() for value in values if str(value).strip()]
