"""sitemap.xml: every public page, in French and English, each with its `hreflang` alternates."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from wagtail.models import Locale, Page

from portal.absolute_urls import site_root
from research.models import AccessLevel, ResearchPage


def sitemap_xml(request: HttpRequest) -> HttpResponse:
    """Django's sitemap view, its links on the portal's root for this request."""
    return sitemap(request, sitemaps={"pages": PublicPagesSitemap(site_root(request))})


class PublicPagesSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True

    def __init__(self, root: str) -> None:
        self.root = urlsplit(root)

    def get_protocol(self, protocol=None) -> str:
        return self.root.scheme

    def get_domain(self, site=None) -> str:
        return self.root.netloc

    def items(self) -> QuerySet[Page]:
        # Search engines see what anonymous visitors may open: nothing restricted, no aliases.
        restricted = ResearchPage.objects.exclude(access=AccessLevel.PUBLIC).values("pk")
        return (
            Page.objects.live()
            .public()
            .filter(depth__gt=1, alias_of__isnull=True, locale=Locale.get_default())
            .exclude(pk__in=restricted)
            .order_by("path")
        )

    def location(self, page: Page) -> str:
        """The page's address in the active language (its translation's, for a translated page;
        portal.page_paths for the French tree's pages served under every prefix)."""
        return page.specific_deferred.get_url_parts()[2]

    def lastmod(self, page: Page):
        return page.last_published_at
