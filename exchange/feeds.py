"""Atom feeds of new research: everything, or what one search finds (per edition, theme, …).

/fr/flux/?theme=youth follows the search page's parameters; newest first, what the viewer may
see (feed readers sign in as nobody: public items).
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from exchange.records import items_with_metadata
from exchange.results import matching_items
from portal.absolute_urls import absolute_url, page_url
from research.access import viewer_for
from research.models import ResearchPage
from search.backends import SearchUnavailable
from search.params import parse_search_params
from search.presentation import UNAVAILABLE_MESSAGE
from search.query import SearchError, SearchRequest
from search.throttling import page_wait, throttled_message

logger = logging.getLogger(__name__)

FEED_SIZE = 50


@dataclass(frozen=True)
class FeedContent:
    search_request: SearchRequest
    query_string: str
    items: list[ResearchPage]


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose entry summaries are declared text: a summary is typed text, never markup.

    Django declares them HTML, so a reader turned an escaped `<script>` back into markup.
    """

    def add_item_elements(self, handler, item) -> None:
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class ResearchFeed(Feed):
    """Made per request: its links are absolute on the host the request came to."""

    feed_type = PlainTextAtomFeed

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def get_object(self, request: HttpRequest) -> FeedContent:
        params = request.GET.copy()
        for name in ("page", "size", "sort"):
            params.pop(name, None)
        search_request = dataclasses.replace(
            parse_search_params(params, viewer_for(request.user)), sort="newest"
        )
        items = matching_items(
            search_request, items_with_metadata(ResearchPage.objects.all()), limit=FEED_SIZE
        )
        return FeedContent(search_request, params.urlencode(), items)

    def title(self, content: FeedContent) -> str:
        if content.query_string:
            return _("Passerelle: new research for this search")
        return _("Passerelle: new research")

    def subtitle(self, content: FeedContent) -> str:
        return _("Research published by police organisations in Québec and Ontario.")

    def link(self, content: FeedContent) -> str:
        query = f"?{content.query_string}" if content.query_string else ""
        return absolute_url(reverse("search_page") + query, self.request)

    def items(self, content: FeedContent) -> list[ResearchPage]:
        return content.items

    def item_title(self, item: ResearchPage) -> str:
        return item.title

    def item_description(self, item: ResearchPage) -> str:
        return item.summary

    def item_link(self, item: ResearchPage) -> str:
        return page_url(item, self.request)

    def item_guid(self, item: ResearchPage) -> str:
        return f"tag:passerelle,{item.first_published_at:%Y-%m-%d}:research/{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item: ResearchPage) -> datetime.datetime:
        day = item.publication_date
        return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)

    def item_updateddate(self, item: ResearchPage) -> datetime.datetime:
        return item.last_published_at or timezone.now()

    def item_author_name(self, item: ResearchPage) -> str:
        names = [author.name for author in item.authors.all()]
        return ", ".join(names) or item.organisation.name

    def item_categories(self, item: ResearchPage) -> list[str]:
        return [theme.label for theme in item.themes.all()]


def research_feed(request: HttpRequest) -> HttpResponse:
    return feed_response(request, ResearchFeed)


def feed_response(request: HttpRequest, feed: type[Feed], **arguments) -> HttpResponse:
    """The feed, with a plain-text 400, 429 or 503 a feed reader can show when it cannot be made."""
    try:
        response = _rate_limited(request) or feed(request)(request, **arguments)
    except SearchError as error:
        response = HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    except SearchUnavailable:
        logger.exception("feed: the search engine could not answer")
        response = HttpResponse(
            str(UNAVAILABLE_MESSAGE), status=503, content_type="text/plain; charset=utf-8"
        )
        response["Retry-After"] = "30"
    if request.user.is_authenticated:
        patch_cache_control(response, private=True)
    patch_vary_headers(response, ("Cookie",))
    return response


def _rate_limited(request: HttpRequest) -> HttpResponse | None:
    wait = page_wait(request)
    if not wait:
        return None
    response = HttpResponse(
        throttled_message(wait), status=429, content_type="text/plain; charset=utf-8"
    )
    response["Retry-After"] = str(wait)
    return response
