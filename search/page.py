"""What the search page shows, as plain data built from the query string and the engine's answer.

The page's state lives in its query string, so every control is a link to another query string.
"""

from __future__ import annotations

from math import ceil
from typing import Any

from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from search.labels import FACET_TITLES, FacetLabels
from search.presentation import distinct_snippets, expansions_shown, hit_evidence, url_in_language
from search.query import (
    FACET_NAMES,
    MAX_RESULT_WINDOW,
    YEAR_FIELDS,
    MatchedTerm,
    SearchError,
    SearchRequest,
    SearchResponse,
)
from search.thesaurus import current_thesaurus

YEAR_PARAMS = YEAR_FIELDS
# Each facet shows its most frequent values, the rest behind "show more"; a selected value is
# always in view.
SHOWN_VALUES = 5
# A facet with more values than this gets a box to find one by typing (objectives, keywords).
FILTER_BOX_FROM = 10
# Open unless the reader closed them; any facet with a selected value opens too.
OPEN_FACETS = frozenset({"organisation", "type", "theme", "evidence"})
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
        "filter_count": filter_count(params),
    }


def filter_count(params: QueryDict) -> int:
    """How many facet values and year bounds the search is narrowed by (the phone's button)."""
    return sum(
        len({value.strip() for value in params.getlist(name) if value.strip()})
        for name in (*FACET_NAMES, *YEAR_PARAMS)
    )


def refusal(params: QueryDict, error: SearchError) -> dict[str, Any]:
    """A refused search: the reason (beside the year fields when it is theirs), and whether there
    are filters to remove. No chip per value: a refused request may carry thousands, and each
    chip is a link holding all the others."""
    return {
        "error": str(error),
        "year_error": str(error) if set(error.fields) & set(YEAR_PARAMS) else "",
        "filtered": filter_count(params) > 0,
    }


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
    """One collapsible fieldset per facet with values, in FACET_NAMES order; each value a
    checkbox, the first SHOWN_VALUES (and every selected one) in view, the rest in `more`."""
    groups = []
    for name in FACET_NAMES:
        values = [
            {
                "id": f"facet-{name}-{position}",
                "value": value.value,
                "label": labels.label(name, value.value),
                "count": value.count,
                "count_text": _count_text(value.count),
                "selected": value.selected,
            }
            for position, value in enumerate(response.facets.get(name) or [])
        ]
        if not values:
            continue
        shown: list[dict[str, Any]] = []
        more: list[dict[str, Any]] = []
        for rank, value in enumerate(values):
            (shown if rank < SHOWN_VALUES or value["selected"] else more).append(value)
        selected = sum(value["selected"] for value in values)
        groups.append(
            {
                "name": name,
                "title": FACET_TITLES[name],
                "shown": shown,
                "more": more,
                "selected_count": selected,
                "open": bool(selected) or name in OPEN_FACETS,
                "filterable": len(values) > FILTER_BOX_FROM,
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
            "snippets": distinct_snippets(hit.title, hit.highlights),
            "organisation": labels.label("organisation", hit.organisation),
            "year": hit.year,
            "type": labels.label("type", hit.type) if hit.type else "",
            "language": hit.language,
            "access": hit.access,
            "language_label": labels.label("language", hit.language),
            "related_terms": related_terms(hit.matched_terms),
            **hit_evidence(hit, labels),
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


def last_page(search_request: SearchRequest, total: int) -> int:
    """The last page of results the engine will serve (1 when there are none)."""
    pages = min(ceil(total / search_request.size), MAX_RESULT_WINDOW // search_request.size)
    return max(pages, 1)


def past_the_end(
    params: QueryDict, search_request: SearchRequest, total: int
) -> tuple[str, str] | None:
    """For a page beyond the last: the last page's query string and a notice saying so."""
    last = last_page(search_request, total)
    if search_request.page <= last:
        return None
    notice = ngettext(
        "Page %(asked)d does not exist: this search has %(count)d page. Here it is.",
        "Page %(asked)d does not exist: this search has %(count)d pages. Here is the last one.",
        last,
    ) % {"asked": search_request.page, "count": last}
    return _page_link(params, last), notice


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
    last = last_page(search_request, total)
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
