"""Search URLs: the JSON API (unprefixed, stable for outside tools) and the translated page."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from search import api, evidence_api, evidence_pages, views

# Included at the root, outside i18n_patterns: /api/v1/search.
api_urlpatterns = [
    path("api/v1/search", api.search_api, name="search_api"),
    path("api/v1/items/<int:item_id>/related", api.related_api, name="related_api"),
    path("api/v1/practices", evidence_api.practices_api, name="practices_api"),
    path("api/v1/practices/<slug:slug>", evidence_api.practice_api, name="practice_api"),
    path("api/v1/evidence-map", evidence_api.evidence_map_api, name="evidence_map_api"),
]

# Included inside i18n_patterns, before Wagtail's catch-all: /fr/recherche/, /en/search/.
page_urlpatterns = [
    path(_("search/"), views.search_page, name="search_page"),
    path(_("practices/<slug:slug>/"), evidence_pages.practice_page, name="practice"),
    path(_("evidence-map/"), evidence_pages.evidence_map, name="evidence_map"),
    path(_("evidence-map/method/"), evidence_pages.evidence_rule, name="evidence_rule"),
]
