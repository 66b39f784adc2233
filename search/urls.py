"""Search URLs: the JSON API (unprefixed, stable for outside tools) and the translated page."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from search import api, views

# Included at the root, outside i18n_patterns: /api/v1/search.
api_urlpatterns = [
    path("api/v1/search", api.search_api, name="search_api"),
]

# Included inside i18n_patterns, before Wagtail's catch-all: /fr/recherche/, /en/search/.
page_urlpatterns = [
    path(_("search/"), views.search_page, name="search_page"),
]
