"""What the search page shows, as plain data built from the query string and the engine's answer.

The page's state lives in its query string, so every control is a link to another query string.
"""

from __future__ import annotations

from math import ceil
from typing import Any

from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from search.labels import FACET_TITLES, FacetLabels
from search.presentation import expansions_shown, url_in_language
from search.query import FACET_NAMES, MAX_RESULT_WINDOW, MatchedTerm, SearchRequest, SearchResponse
from search.thesaurus import current_thesaurus

YEAR_PARAMS = ("year_from", "year_to")
# What a visitor keeps when dropping every filter: the words, the order, the page size and
# whether the thesaurus expands the words.
KEPT_WITHOUT_FILTERS = ("q", "sort", "size", "expand")


def link(params: QueryDict, **changes: list[str]) -> str:
    """A query string ('?…') with parameters replaced; the page goes back to 1 unless given."""
    updated = QueryDict(mutable=True)
    for name, values in params.lists():
        kept = [value for value in values if value.strip()]
        if kept and name != "page":
            updated.setlist(name, kept)
    for name, values in changes.items():
        if values:
            updated.setlist(name, values)
        else:
            updated.pop(name, None)
    return f"?{updated.urlencode()}"


def without_value(params: QueryDict, name: str, value: str) -> str:
    remaining = [other for other in params.getlist(name) if other.strip() != value]
    return link(params, **{name: remaining})


def without_filters(params: QueryDict) -> str:
    return link(params, **{name: [] for name in params if name not in KEPT_WITHOUT_FILTERS})


def form_state(params: QueryDict) -> dict[str, Any]:
    """What the form shows however the search ends: the words, order, years, size, expansion."""
    return {
        "query": params.get("q", ""),
        "sort": params.get("sort", "relevance"),
        "year_from": params.get("year_from", ""),
        "year_to": params.get("year_to", ""),
        "size": params.get("size", ""),
        "expand_off": params.get("expand", "").strip() == "0",
        "keyword_only": params.get("mode", "").strip() == "keyword",
        "clear_url": without_filters(params),
    }


def refusal(params: QueryDict, message: str) -> dict[str, Any]:
    """A refused search: the reason, and whether there are filters to remove. No chip per value:
    a refused request may carry thousands, and each chip is a link holding all the others."""
    names = (*FACET_NAMES, *YEAR_PARAMS)
    filtered = any(value.strip() for name in names for value in params.getlist(name))
    return {"error": message, "filtered": filtered}


def active_filters(params: QueryDict, labels: FacetLabels) -> list[dict[str, str]]:
    """Each selected facet value and year bound, with a link that removes only it."""
    active = []
    for name in FACET_NAMES:
        for value in dict.fromkeys(value.strip() for value in params.getlist(name)):
            if value:
                active.append(
                    {
                        "title": str(FACET_TITLES[name]),
                        "label": labels.label(name, value),
                        "remove_url": without_value(params, name, value),
                    }
                )
    titles = {"year_from": _("From"), "year_to": _("Until")}
    for name in YEAR_PARAMS:
        value = params.get(name, "").strip()
        if value:
            active.append(
                {"title": titles[name], "label": value, "remove_url": link(params, **{name: []})}
            )
    return active


def facet_groups(response: SearchResponse, labels: FacetLabels) -> list[dict[str, Any]]:
    """One fieldset per facet with values, in FACET_NAMES order; each value a checkbox."""
    groups = []
    for name in FACET_NAMES:
        values = response.facets.get(name) or []
        if values:
            groups.append(
                {
                    "name": name,
                    "title": FACET_TITLES[name],
                    "values": [
                        {
                            "id": f"facet-{name}-{position}",
                            "value": value.value,
                            "label": labels.label(name, value.value),
                            "count": value.count,
                            "count_text": _count_text(value.count),
                            "selected": value.selected,
                        }
                        for position, value in enumerate(values)
                    ],
                }
            )
    return groups


def _count_text(count: int) -> str:
    # Below a thousand no language groups digits: the common case skips the locale lookups.
    return str(count) if 0 <= count < 1000 else number_format(count, force_grouping=True)


def hit_cards(response: SearchResponse, labels: FacetLabels) -> list[dict[str, Any]]:
    """Hits with labelled metadata; `title_html` and `snippets` are the engine's escaped HTML."""
    return [
        {
            "url": url_in_language(hit.url, labels.language),
            "title": hit.title,
            "title_html": (hit.highlights.get("title") or [None])[0],
            "snippets": [
                *hit.highlights.get("summary", []),
                *hit.highlights.get("files_text", []),
            ],
            "organisation": labels.label("organisation", hit.organisation),
            "year": hit.year,
            "type": labels.label("type", hit.type) if hit.type else "",
            "language": hit.language,
            "access": hit.access,
            "language_label": labels.label("language", hit.language),
            "related_terms": related_terms(hit.matched_terms),
            "related_passage": hit.related_passage,
        }
        for hit in response.hits
    ]


def related_terms(matched: tuple[MatchedTerm, ...]) -> list[MatchedTerm]:
    """The thesaurus terms an item was found through, for the parts whose words it lacks."""
    with_words = {term.query for term in matched if not term.expanded}
    return [term for term in matched if term.expanded and term.query not in with_words]


def expansion_notice(params: QueryDict, search_request: SearchRequest) -> dict[str, Any] | None:
    """What the thesaurus added to the query, with a link to search the words alone; when
    expansion is off (`expand=0`), what it would add, with a link to turn it back on."""
    if search_request.thesaurus is not None:
        expansions = search_request.query.expansions
        toggle_url = link(params, expand=["0"])
    else:
        expansions = current_thesaurus().expand(search_request.parsed).expansions
        toggle_url = link(params, expand=[])
    if not expansions:
        return None
    return {
        "on": search_request.thesaurus is not None,
        "expansions": expansions_shown(expansions),
        "toggle_url": toggle_url,
    }


def meaning_notice(
    params: QueryDict, search_request: SearchRequest, response: SearchResponse
) -> dict[str, Any] | None:
    """Whether meaning was searched too, with a link to search the words alone (or back)."""
    if search_request.mode == "keyword" and search_request.parsed.typed_clauses:
        return {"mode": "keyword", "toggle_url": link(params, mode=[], page=[])}
    if response.mode == "keyword":
        return None  # no words, or meaning is not searched on this portal
    return {"mode": response.mode, "toggle_url": link(params, mode=["keyword"], page=[])}


def page_links(
    params: QueryDict, search_request: SearchRequest, total: int
) -> dict[str, Any] | None:
    """Previous/next links within the pages the engine will serve; None for a single page."""
    last = min(ceil(total / search_request.size), MAX_RESULT_WINDOW // search_request.size)
    if last <= 1:
        return None
    number = search_request.page
    return {
        "number": number,
        "count": last,
        "previous_url": _page_link(params, number - 1) if number > 1 else None,
        "next_url": _page_link(params, number + 1) if number < last else None,
    }


def _page_link(params: QueryDict, number: int) -> str:
    return link(params, page=[str(number)] if number > 1 else [])
