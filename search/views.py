"""The search page: a GET form whose state lives in the query string, so results can be shared."""

import logging

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from research.access import viewer_for
from search import page
from search.backends import SearchUnavailable
from search.events import search_answered
from search.labels import FacetLabels
from search.params import parse_search_params
from search.presentation import UNAVAILABLE_MESSAGE
from search.query import SearchError
from search.service import search
from search.throttling import page_wait, throttled_message

logger = logging.getLogger(__name__)
TEMPLATE = "search/search_page.html"


@require_GET
@cache_control(private=True)  # the results depend on who is signed in
def search_page(request: HttpRequest) -> HttpResponse:
    params = request.GET
    context = page.form_state(params)
    wait = page_wait(request)
    if wait:
        context["error"] = throttled_message(wait)
        response = render(request, TEMPLATE, context, status=429)
        response["Retry-After"] = str(wait)
        return response
    # Checked before anything is built from the parameters: a refused request costs nothing.
    try:
        search_request = parse_search_params(params, viewer_for(request.user))
    except SearchError as error:
        return render(request, TEMPLATE, context | page.refusal(params, error), status=400)
    labels = FacetLabels((get_language() or "fr")[:2])
    context |= {"active_filters": page.active_filters(params, labels)}
    try:
        response = search(search_request)
    except SearchUnavailable:
        logger.exception("search page: the search engine could not answer")
        return render(request, TEMPLATE, context | {"error": UNAVAILABLE_MESSAGE}, status=503)
    search_answered.send(
        sender=search_page,
        request=request,
        search_request=search_request,
        total=response.total,
        language=labels.language,
    )
    beyond = page.past_the_end(params, search_request, response.total)
    if beyond is not None:
        last_page_url, notice = beyond
        messages.info(request, notice)
        return redirect(request.path + last_page_url)
    context |= {
        "search_request": search_request,
        "response": response,
        "hits": page.hit_cards(response, labels),
        "facet_groups": page.facet_groups(response, labels),
        "pages": page.page_links(params, search_request, response.total),
        "expansion": page.expansion_notice(params, search_request),
        "meaning": page.meaning_notice(params, search_request, response),
    }
    return render(request, TEMPLATE, context)
