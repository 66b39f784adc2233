"""GET /api/v1/search: the JSON search contract of SPEC §6."""

from __future__ import annotations

import dataclasses
import logging
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from portal.tokens import user_for_token
from research.access import viewer_for
from search.backends import SearchUnavailable
from search.query import SearchError, SearchRequest, SearchResponse, Viewer
from search.service import (
    LANGUAGES,
    UNAVAILABLE_MESSAGE,
    FacetLabels,
    expansions_shown,
    labelled_facets,
    parse_search_params,
    requested_language,
    search,
    url_in_language,
)

logger = logging.getLogger(__name__)

UNAUTHORISED_MESSAGE = gettext_lazy(
    "This API token is not valid or has been revoked. Ask for a new one with "
    "`python manage.py member token USERNAME`."
)


@require_GET
def search_api(request: HttpRequest) -> JsonResponse:
    """Search what the viewer may see; labels in `lang`, else the Accept-Language language.

    Besides SPEC §6's keys the answer carries `years`: [{"year", "count"}], oldest first, the
    histogram of the matching items under every filter except the year range (for range pickers);
    `expansions`: [{"query", "terms": [{"term", "language"}]}], what the thesaurus added to the
    query (none with `expand=0`); and in each hit `matched_terms`: [{"query", "term", "language",
    "expanded"}], what the item matched of each expanded part of the query.
    """
    try:
        language = requested_language(request.GET) or _negotiated_language()
        with translation.override(language):  # error messages in the labels' language
            search_request = parse_search_params(request.GET, _viewer(request), histogram=True)
            payload = _payload(search_request, search(search_request), FacetLabels(language))
        response = JsonResponse(payload)
    except SearchError as error:
        response = JsonResponse({"error": str(error)}, status=400)
    except Unauthorised:
        with translation.override(language):
            message = str(UNAUTHORISED_MESSAGE)
        response = JsonResponse({"error": message}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="passerelle"'
    except SearchUnavailable:
        logger.exception("search API: the search engine could not answer")
        with translation.override(language):
            response = JsonResponse({"error": str(UNAVAILABLE_MESSAGE)}, status=503)
        response["Retry-After"] = "30"
    # The results depend on who asks and in which language.
    patch_cache_control(response, private=True)
    patch_vary_headers(response, ("Accept-Language", "Cookie", "Authorization"))
    return response


def _negotiated_language() -> str:
    # LocaleMiddleware has read the language cookie and Accept-Language for this unprefixed URL.
    language = (translation.get_language() or "")[:2]
    return language if language in LANGUAGES else LANGUAGES[0]


class Unauthorised(Exception):
    """An Authorization header that does not name a valid, unrevoked personal token."""


def _viewer(request: HttpRequest) -> Viewer:
    """A personal token (Authorization: Bearer …) when one is sent, else the session's user."""
    header = request.headers.get("Authorization")
    if header is None:
        return viewer_for(request.user)
    scheme, _, token = header.strip().partition(" ")
    user = user_for_token(token.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        raise Unauthorised
    return viewer_for(user)


def _payload(
    search_request: SearchRequest, response: SearchResponse, labels: FacetLabels
) -> dict[str, Any]:
    return {
        "total": response.total,
        "page": search_request.page,
        "size": search_request.size,
        "took_ms": response.took_ms,
        "hits": [
            {
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
            }
            for hit in response.hits
        ],
        "facets": labelled_facets(response.facets, labels),
        "years": [{"year": year, "count": count} for year, count in response.years],
        "expansions": expansions_shown(search_request.query.expansions),
    }
