"""Alerts URLs: the JSON API (unprefixed) and the member's pages (translated)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from alerts import api, feeds, views

# Included at the root, outside i18n_patterns.
api_urlpatterns = [
    path("api/v1/saved-searches", api.saved_searches_api, name="saved_searches_api"),
    path("api/v1/saved-searches/<int:saved_id>", api.saved_search_api, name="saved_search_api"),
]

# Included inside i18n_patterns, before Wagtail's catch-all: /fr/compte/, /en/account/, …
page_urlpatterns = [
    path(_("account/"), views.account, name="alerts_account"),
    path(_("account/saved-searches/new/"), views.save, name="alerts_save"),
    path(_("account/saved-searches/<int:saved_id>/"), views.open_saved_search, name="alerts_open"),
    path(_("account/saved-searches/<int:saved_id>/edit/"), views.edit, name="alerts_edit"),
    path(_("account/saved-searches/<int:saved_id>/delete/"), views.delete, name="alerts_delete"),
    path(
        _("account/saved-searches/<int:saved_id>/new-feed-address/"),
        views.new_feed_address,
        name="alerts_new_feed_address",
    ),
    path(_("account/follow/"), views.follow, name="alerts_follow"),
    path(_("unsubscribe/<str:token>/"), views.unsubscribe_link, name="alerts_unsubscribe"),
    path(
        _("feed/saved-search/<int:saved_id>/<str:token>/"),
        feeds.saved_search_feed,
        name="alerts_feed",
    ),
]
