"""The search request as HTTP parameters say it: one small interpreter per parameter, chained.

Each interpreter reads its parameters from a QueryDict (or any mapping) and either returns
SearchRequest keyword arguments or raises SearchError; the limits a request shares with code
that builds one directly are search.query's rules. Refusals reach the reader in their language.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext, gettext_noop

from search.query import (
    DEFAULT_PAGE_SIZE,
    FACET_NAMES,
    NOT_A_WHOLE_NUMBER,
    SearchError,
    SearchRequest,
    Viewer,
    check_filter_values,
    check_mode,
    check_paging,
    check_sort,
    check_year_range,
)
from search.thesaurus import current_thesaurus

Params = Mapping[str, Any]
Interpreter = Callable[[Params], dict[str, Any]]

LANGUAGES: tuple[str, ...] = ("fr", "en")
# Outside this range a "year" is a typing mistake, and engines store years in 64-bit integers.
MIN_YEAR, MAX_YEAR = 1, 9999
# Longer search text is refused, not read: a pasted paragraph fits, and is cut to the query
# language's own limit (query.MAX_QUERY_CHARS); past this it is abuse or a mistake.
MAX_QUERY_PARAM_CHARS = 1_000
MAX_FILTER_VALUE_CHARS = 200
# Related items (search.related) listed at most, and by default.
MAX_RELATED, DEFAULT_RELATED = 20, 5

_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,18}")


def _in_reader_language(interpret: Callable) -> Callable:
    """Raise the interpreter's refusals in the active language: their template is the msgid."""

    @functools.wraps(interpret)
    def interpreted(*args, **kwargs):
        try:
            return interpret(*args, **kwargs)
        except SearchError as refusal:
            message = gettext(refusal.template)
            translated = SearchError(message % refusal.params if refusal.params else message)
            raise translated.about(*refusal.fields) from refusal

    return interpreted


# -- the interpreters, in the order their refusals are reported ---------------------------------


def paging(params: Params) -> dict[str, Any]:
    page = _whole_number(params, "page", default=1)
    size = _whole_number(params, "size", default=DEFAULT_PAGE_SIZE)
    check_paging(page, size)
    return {"page": page, "size": size}


def sort(params: Params) -> dict[str, Any]:
    chosen = _single(params, "sort") or "relevance"
    check_sort(chosen)
    return {"sort": chosen}


def years(params: Params) -> dict[str, Any]:
    year_from, year_to = _year(params, "year_from"), _year(params, "year_to")
    check_year_range(year_from, year_to)
    return {"year_from": year_from, "year_to": year_to}


def language(params: Params) -> dict[str, Any]:
    """`lang` chooses the labels' language (search.api); here it is only checked."""
    _language(params)
    return {}


def facet_filters(params: Params) -> dict[str, Any]:
    filters = {name: _facet_values(params, name) for name in FACET_NAMES}
    for name, values in filters.items():
        check_filter_values(name, values)
    return {"filters": filters}


def expansion(params: Params) -> dict[str, Any]:
    """`expand=0` searches the words alone; by default the thesaurus adds related terms."""
    value = _single(params, "expand")
    if value not in ("", "0", "1"):
        raise SearchError(gettext_noop("expand must be 0 or 1."))
    return {"thesaurus": None if value == "0" else current_thesaurus()}


def search_mode(params: Params) -> dict[str, Any]:
    """`mode=keyword` searches the words alone; `hybrid` (the default) adds their meaning."""
    chosen = _single(params, "mode") or "hybrid"
    check_mode(chosen)
    return {"mode": chosen}


def query_text(params: Params) -> dict[str, Any]:
    text = _single(params, "q")
    if len(text) > MAX_QUERY_PARAM_CHARS:
        raise SearchError(
            gettext_noop("The search text is too long: at most %(max)d characters."),
            max=MAX_QUERY_PARAM_CHARS,
        )
    return {"text": text}


def related_size(params: Params) -> dict[str, Any]:
    """`size` of a list of related items: 1 to MAX_RELATED, DEFAULT_RELATED when absent."""
    from_size = _whole_number(params, "size", default=DEFAULT_RELATED)
    if not 1 <= from_size <= MAX_RELATED:
        raise SearchError(gettext_noop("size must be between 1 and %(max)d."), max=MAX_RELATED)
    return {"size": from_size}


INTERPRETERS: tuple[Interpreter, ...] = (
    paging,
    sort,
    years,
    language,
    facet_filters,
    expansion,
    search_mode,
    query_text,
)
# Every parameter the interpreters read: what a saved search may keep (alerts). The facets may
# repeat; the others are read once.
SINGLE_PARAMETERS: tuple[str, ...] = (
    "q",
    "page",
    "size",
    "sort",
    "year_from",
    "year_to",
    "lang",
    "expand",
    "mode",
)
REPEATED_PARAMETERS: tuple[str, ...] = FACET_NAMES


@_in_reader_language
def parse_search_params(
    params: Params, viewer: Viewer, *, histogram: bool = False
) -> SearchRequest:
    """Read query-string parameters into a SearchRequest; SearchError names the bad one."""
    arguments: dict[str, Any] = {}
    for interpret in INTERPRETERS:
        arguments |= interpret(params)
    return SearchRequest(**arguments, viewer=viewer, histogram=histogram)


@_in_reader_language
def interpret(params: Params, *interpreters: Interpreter) -> dict[str, Any]:
    """What these interpreters read from the parameters, for requests other than a search."""
    arguments: dict[str, Any] = {}
    for interpreter in interpreters:
        arguments |= interpreter(params)
    return arguments


def evidence_scope(params: Params) -> dict[str, Any]:
    """`local=1` keeps the studies evaluated in Québec or Ontario (the evidence map)."""
    value = _single(params, "local")
    if value not in ("", "0", "1"):
        raise SearchError(gettext_noop("local must be 0 or 1."))
    return {"local_only": value == "1"}


@_in_reader_language
def requested_language(params: Params) -> str | None:
    """The `lang` parameter (fr or en) when given, else None."""
    return _language(params)


# -- reading values -----------------------------------------------------------------------------


def _language(params: Params) -> str | None:
    chosen = _single(params, "lang")
    if chosen and chosen not in LANGUAGES:
        raise SearchError(gettext_noop("lang must be fr or en."))
    return chosen or None


def _facet_values(params: Params, name: str) -> tuple[str, ...]:
    values = _multiple(params, name)
    if any(len(value) > MAX_FILTER_VALUE_CHARS for value in values):
        raise SearchError(
            gettext_noop("A %(name)s value is too long: at most %(max)d characters."),
            name=name,
            max=MAX_FILTER_VALUE_CHARS,
        )
    return values


def _year(params: Params, name: str) -> int | None:
    if not _single(params, name):
        return None
    year = _whole_number(params, name, default=0)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise SearchError(
            gettext_noop("%(name)s must be a year between %(min)d and %(max)d."),
            name=name,
            min=MIN_YEAR,
            max=MAX_YEAR,
        ).about(name)
    return year


def _whole_number(params: Params, name: str, default: int) -> int:
    text = _single(params, name)
    if not text:
        return default
    # int() also accepts "١٢", "1_000" and " +3"; a number here is plain ASCII digits.
    if not _WHOLE_NUMBER.fullmatch(text):
        raise SearchError(NOT_A_WHOLE_NUMBER, name=name)
    return int(text)


def _single(params: Params, name: str) -> str:
    value = params.get(name)
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    return str(value).strip() if value is not None else ""


def _multiple(params: Params, name: str) -> tuple[str, ...]:
    if hasattr(params, "getlist"):
        values = params.getlist(name)
    else:
        values = params.get(name) or ()
        values = (values,) if isinstance(values, str) else values
    return tuple(str(value).strip() for value in values if str(value).strip())
