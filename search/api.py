"""GET /api/v1/search: the JSON search contract of SPEC §6."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from portal.security.ratelimit import client_identity, seconds_to_wait
from portal.tokens import user_for_token
from research.access import Viewer, item_access_organisations, viewer_for
from research.models import ResearchPage
from search.backends import SearchUnavailable
from search.events import search_answered
from search.indexing import live_items
from search.labels import FacetLabels, labelled_facets
from search.params import (
    LANGUAGES,
    interpret,
    parse_search_params,
    related_size,
    requested_language,
)
from search.presentation import (
    UNAVAILABLE_MESSAGE,
    expansions_shown,
    hit_evidence,
    url_in_language,
)
from search.query import SearchError, SearchHit, SearchRequest, SearchResponse
from search.related import related_items
from search.service import search, withheld_items
from search.throttling import throttled_message

logger = logging.getLogger(__name__)

NOT_FOUND_MESSAGE = gettext_lazy("No research item you may see has this id.")
UNAUTHORISED_MESSAGE = gettext_lazy(
    "This API token is not valid or has been revoked. Ask for a new one with "
    "`python manage.py member token USERNAME`."
)


@require_GET
def search_api(request: HttpRequest) -> HttpResponse:
    """Search what the viewer may see; labels in `lang`, else the Accept-Language language.

    Besides SPEC §6's keys the answer carries `years`: [{"year", "count"}], oldest first, the
    histogram of the matching items under every filter except the year range (for range pickers);
    `expansions`: [{"query", "terms": [{"term", "language"}]}], what the thesaurus added to the
    query (none with `expand=0`); and in each hit `matched_terms`: [{"query", "term", "language",
    "expanded"}], what the item matched of each expanded part of the query, and
    `related_passage`: for an item found by its meaning alone, its closest passage (escaped
    HTML); `mode`: how the hits were found (hybrid, keyword, keyword-fallback).
    """
    return answer(request, _search_payload)


def _search_payload(request: HttpRequest, language: str) -> HttpResponse:
    search_request = parse_search_params(request.GET, api_viewer(request), histogram=True)
    response = search(search_request)
    search_answered.send(
        sender=search_api,
        request=request,
        search_request=search_request,
        total=response.total,
        language=language,
    )
    return JsonResponse(_payload(search_request, response, FacetLabels(language)))


def answer(request: HttpRequest, respond: Callable[[HttpRequest, str], HttpResponse]):
    """Run `respond(request, language)` the API's way: rate limit, errors as JSON.

    Every API view goes through here, so each answers bad parameters (400), bad tokens (401),
    too many requests (429 with Retry-After) and an unreachable engine (503) the same way, in
    the labels' language. Each client (a token's or session's user, else the address) has
    SEARCH_API_RATE_LIMIT requests.
    """
    try:
        user = _requesting_user(request)
    except Unauthorised:
        user = None  # counted against its address, then refused below
    wait = seconds_to_wait(
        request, "search-api", settings.SEARCH_API_RATE_LIMIT, client_identity(request, user)
    )
    response = _throttled(wait) if wait else _answer(request, respond)
    # The results depend on who asks and in which language.
    patch_cache_control(response, private=True)
    patch_vary_headers(response, ("Accept-Language", "Cookie", "Authorization"))
    return response


def _throttled(seconds: int) -> JsonResponse:
    with translation.override(_negotiated_language()):
        message = throttled_message(seconds)
    response = JsonResponse({"error": message}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def _answer(
    request: HttpRequest, respond: Callable[[HttpRequest, str], HttpResponse]
) -> HttpResponse:
    language = LANGUAGES[0]
    try:
        language = requested_language(request.GET) or _negotiated_language()
        with translation.override(language):  # error messages in the labels' language
            response = respond(request, language)
    except SearchError as error:
        response = JsonResponse({"error": str(error)}, status=400)
    except Unauthorised as refusal:
        with translation.override(language):
            message = str(refusal.message or UNAUTHORISED_MESSAGE)
        response = JsonResponse({"error": message}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="passerelle"'
    except SearchUnavailable:
        logger.exception("search API: the search engine could not answer")
        with translation.override(language):
            response = JsonResponse({"error": str(UNAVAILABLE_MESSAGE)}, status=503)
        response["Retry-After"] = "30"
    return response


def _negotiated_language() -> str:
    # LocaleMiddleware has read the language cookie and Accept-Language for this unprefixed URL.
    language = (translation.get_language() or "")[:2]
    return language if language in LANGUAGES else LANGUAGES[0]


class Unauthorised(Exception):
    """An Authorization header that does not name a valid, unrevoked personal token, or (with
    its own `message`) a request that must come from someone signed in."""

    def __init__(self, message=None) -> None:
        super().__init__(message)
        self.message = message


def api_viewer(request: HttpRequest) -> Viewer:
    """The viewer of a personal token (Authorization: Bearer …) or else of the session."""
    return viewer_for(_requesting_user(request))


def api_user(request: HttpRequest):
    """The user a personal token (Authorization: Bearer …) or else the session names (possibly
    anonymous); Unauthorised for a wrong or revoked token."""
    return _requesting_user(request)


def _requesting_user(request: HttpRequest):
    """A personal token's user (Authorization: Bearer …) when one is sent, else the session's.

    Looked up once per request: the rate limit and the search both ask.
    """
    if not hasattr(request, "_search_api_user"):
        request._search_api_user = _user_from_headers(request)
    if request._search_api_user is None:
        raise Unauthorised
    return request._search_api_user


def _user_from_headers(request: HttpRequest):
    header = request.headers.get("Authorization")
    if header is None:
        return request.user
    scheme, _, token = header.strip().partition(" ")
    return user_for_token(token.strip()) if scheme.lower() == "bearer" else None


@require_GET
def related_api(request: HttpRequest, item_id: int) -> HttpResponse:
    """Up to `size` (1 to 20, default 5) items related to this one, as search hits; 404 when the
    viewer may not see the item (its existence is not confirmed)."""
    return answer(request, lambda request, language: _related_payload(request, language, item_id))


def _related_payload(request: HttpRequest, language: str, item_id: int) -> HttpResponse:
    size = interpret(request.GET, related_size)["size"]
    viewer = api_viewer(request)
    item = visible_item(item_id, viewer)
    if item is None:
        return JsonResponse({"error": str(NOT_FOUND_MESSAGE)}, status=404)
    labels = FacetLabels(language)
    hits = related_items(item, viewer, size, withheld=withheld_items(viewer))
    return JsonResponse({"item": item.pk, "hits": [hit_payload(hit, labels) for hit in hits]})


def visible_item(item_id: int, viewer: Viewer) -> ResearchPage | None:
    """The live item when this viewer may see it, else None."""
    item = live_items().filter(pk=item_id).select_related("organisation").first()
    if item is None:
        return None
    if not viewer.may_see(item.access, item_access_organisations(item)):
        return None
    return item


def hit_payload(hit: SearchHit, labels: FacetLabels) -> dict[str, Any]:
    return {
        "id": hit.id,
        "url": url_in_language(hit.url, labels.language),
        "title": hit.title,
        "year": hit.year,
        "language": hit.language,
        "organisation": {
            "slug": hit.organisation,
            "label": labels.label("organisation", hit.organisation),
        },
        "type": hit.type,
        "access": hit.access,
        "highlights": hit.highlights,
        "matched_terms": [dataclasses.asdict(term) for term in hit.matched_terms],
        "related_passage": hit.related_passage or None,
        **hit_evidence(hit, labels),
    }


def _payload(
    search_request: SearchRequest, response: SearchResponse, labels: FacetLabels
) -> dict[str, Any]:
    return {
        "total": response.total,
        "page": search_request.page,
        "size": search_request.size,
        "took_ms": response.took_ms,
        "hits": [hit_payload(hit, labels) for hit in response.hits],
        "facets": labelled_facets(response.facets, labels),
        "years": [{"year": year, "count": count} for year, count in response.years],
        "expansions": expansions_shown(search_request.query.expansions),
        "mode": response.mode,
    }
