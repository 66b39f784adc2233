"""The search page: a GET form whose state lives in the query string, so results can be shared."""

import logging

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from research.access import viewer_for
from search import page
from search.backends import SearchUnavailable
from search.labels import FacetLabels
from search.params import parse_search_params
from search.presentation import UNAVAILABLE_MESSAGE
from search.query import SearchError
from search.service import search

logger = logging.getLogger(__name__)


@require_GET
@cache_control(private=True)  # the results depend on who is signed in
def search_page(request: HttpRequest) -> HttpResponse:
    params = request.GET
    labels = FacetLabels((get_language() or "fr")[:2])
    context = {
        "query": params.get("q", ""),
        "sort": params.get("sort", "relevance"),
        "year_from": params.get("year_from", ""),
        "year_to": params.get("year_to", ""),
        "size": params.get("size", ""),
        "expand_off": params.get("expand", "").strip() == "0",
        "active_filters": page.active_filters(params, labels),
        "clear_url": page.without_filters(params),
    }
    try:
        search_request = parse_search_params(params, viewer_for(request.user))
    except SearchError as error:
        context["error"] = str(error)
        return render(request, "search/search_page.html", context, status=400)
    try:
        response = search(search_request)
    except SearchUnavailable:
        logger.exception("search page: the search engine could not answer")
        context["error"] = UNAVAILABLE_MESSAGE
        return render(request, "search/search_page.html", context, status=503)
    context |= {
        "search_request": search_request,
        "response": response,
        "hits": page.hit_cards(response, labels),
        "facet_groups": page.facet_groups(response, labels),
        "pages": page.page_links(params, search_request, response.total),
        "expansion": page.expansion_notice(params, search_request),
    }
    return render(request, "search/search_page.html", context)
