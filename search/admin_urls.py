"""Indexing's admin page, mounted by the site under the pipeline's namespace (portal)."""

from django.urls import path

from search.admin_views import SearchIndexView

urlpatterns = [
    path("search-index/", SearchIndexView.as_view(), name="search_index"),
]
