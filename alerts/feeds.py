"""A saved search's private Atom feed: its address holds a revocable token; what it lists is
what the search finds for its owner, whoever's feed reader asks."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from alerts.models import SavedSearch
from alerts.queries import query_string, search_request
from exchange.feeds import FEED_SIZE, FeedContent, ResearchFeed, feed_response
from exchange.records import items_with_metadata
from exchange.results import matching_items
from research.access import viewer_for
from research.models import ResearchPage


@dataclass(frozen=True)
class SavedSearchFeedContent(FeedContent):
    name: str = ""


class SavedSearchFeed(ResearchFeed):
    def get_object(self, request: HttpRequest, saved_id: int, token: str) -> FeedContent:
        saved = SavedSearch.objects.select_related("owner").filter(pk=saved_id).first()
        if saved is None or not saved.feed_token_matches(token) or not saved.owner.is_active:
            raise Http404("No such feed.")
        search = search_request(saved.query, viewer_for(saved.owner), sort="newest")
        queryset = items_with_metadata(ResearchPage.objects.all())
        items = matching_items(search, queryset, limit=FEED_SIZE)
        return SavedSearchFeedContent(search, query_string(saved.query), items, saved.name)

    def title(self, content: SavedSearchFeedContent) -> str:
        return _("Passerelle: %(name)s") % {"name": content.name}

    def link(self, content: FeedContent) -> str:
        return f"{reverse('search_page')}?{content.query_string}"


def saved_search_feed(request: HttpRequest, saved_id: int, token: str) -> HttpResponse:
    response = feed_response(request, SavedSearchFeed, saved_id=saved_id, token=token)
    # The owner's items, restricted ones included: no shared cache keeps them.
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response
