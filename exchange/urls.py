"""Exchange URLs: stable unprefixed ones for tools, translated ones for people."""

from django.urls import path, register_converter
from django.utils.translation import gettext_lazy as _

from exchange import evidence_exports, exports, feeds, views
from exchange.oai.views import oai_endpoint
from exchange.sitemaps import sitemap_xml
from portal.database_ids import DatabaseIdConverter

register_converter(DatabaseIdConverter, "database_id")

# Included at the root, outside i18n_patterns.
root_urlpatterns = [
    path("api/v1/search/export", exports.search_export, name="search_export"),
    path("api/v1/schema", views.api_schema, name="api_schema"),
    path("oai", oai_endpoint, name="oai"),
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

# Included inside i18n_patterns, before Wagtail's catch-all.
page_urlpatterns = [
    path(_("feed/"), feeds.research_feed, name="research_feed"),
    path(
        _("citation/<database_id:item_id>.<str:extension>"),
        views.item_citation,
        name="item_citation",
    ),
    path(_("api/"), views.api_documentation, name="api_documentation"),
    path(_("evidence-map/grid.csv"), evidence_exports.evidence_map_csv, name="evidence_map_csv"),
    path(_("evidence-map/grid.svg"), evidence_exports.evidence_map_svg, name="evidence_map_svg"),
]
