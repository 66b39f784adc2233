"""/api/v1/saved-searches: a member's saved searches, by session or personal token like search.

POST takes JSON `{"name", "query": {search parameters}, "frequency", "language"?}` and answers
201 with the saved search; GET lists them; DELETE /api/v1/saved-searches/<id> answers 204.
Anonymous: 401; another member's id: 404; a bad field or query: 400 naming it. POST needs
`Content-Type: application/json`, which no other site's page can send without the browser
asking first (CORS), so session-authenticated writes need no CSRF token.
"""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alerts.models import Frequency, SavedSearch
from alerts.novelty import count_new
from alerts.saving import save_search
from alerts.views import feed_path
from search.api import Unauthorised, answer, api_user
from search.query import SearchError

SIGN_IN_MESSAGE = gettext_lazy(
    "Sign in, or send a personal API token (Authorization: Bearer …), to use saved searches."
)
FIELDS = {"name", "query", "frequency", "language"}


@csrf_exempt
@require_http_methods(["GET", "POST"])
def saved_searches_api(request: HttpRequest) -> HttpResponse:
    return answer(request, _create if request.method == "POST" else _list)


@csrf_exempt
@require_http_methods(["DELETE"])
def saved_search_api(request: HttpRequest, saved_id: int) -> HttpResponse:
    return answer(request, partial(_delete, saved_id=saved_id))


def _list(request: HttpRequest, language: str) -> HttpResponse:
    saved_searches = SavedSearch.objects.filter(owner=_member(request))
    return JsonResponse({"saved_searches": [payload(request, saved) for saved in saved_searches]})


def _create(request: HttpRequest, language: str) -> HttpResponse:
    owner = _member(request)
    if request.content_type != "application/json":
        message = gettext("Send the saved search as JSON (Content-Type: application/json).")
        return JsonResponse({"error": message}, status=415)
    body = _json_object(request)
    saved = save_search(
        owner,
        body.get("name"),
        body.get("query", {}),
        body.get("frequency", Frequency.NONE),
        body.get("language", language),
    )
    return JsonResponse(payload(request, saved), status=201)


def _delete(request: HttpRequest, language: str, saved_id: int) -> HttpResponse:
    deleted, _ = SavedSearch.objects.filter(pk=saved_id, owner=_member(request)).delete()
    if not deleted:
        return JsonResponse({"error": gettext("There is no such saved search.")}, status=404)
    return HttpResponse(status=204)


def payload(request: HttpRequest, saved: SavedSearch) -> dict[str, Any]:
    return {
        "id": saved.pk,
        "name": saved.name,
        "query": saved.query,
        "frequency": saved.frequency,
        "language": saved.language,
        "feed_url": request.build_absolute_uri(feed_path(saved)),
        "new_items": count_new(saved, saved.last_seen_at),
    }


def _member(request: HttpRequest):
    user = api_user(request)
    if not user.is_authenticated:
        raise Unauthorised(SIGN_IN_MESSAGE)
    return user


def _json_object(request: HttpRequest) -> dict[str, Any]:
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError) as error:
        raise SearchError(gettext("The body is not valid JSON.")) from error
    if not isinstance(body, dict):
        raise SearchError(gettext("The body must be a JSON object."))
    unknown = sorted(set(body) - FIELDS)
    if unknown:
        raise SearchError(gettext("Unknown field: %(name)s."), name=str(unknown[0])[:50])
    return body
