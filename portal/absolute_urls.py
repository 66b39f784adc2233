"""Absolute URLs for what leaves the page: feeds, sitemap, OAI-PMH, citations, calendars, e-mails.

One rule, here: on the scheme, host and port the request came to, or under `SITE_URL` outside a
request (a task, a command). Never from Wagtail's Site record, whose host and port a
development server or a reverse proxy does not match (`http://localhost/…` without the port).
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.http import HttpRequest


def site_root(request: HttpRequest | None = None) -> str:
    """`scheme://host[:port]`, without a trailing slash."""
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return settings.SITE_URL.rstrip("/")


def site_host(request: HttpRequest | None = None) -> str:
    """The host name alone (no port): what names the portal in identifiers (UIDs, OAI)."""
    return urlsplit(site_root(request)).hostname or ""


def absolute_url(location: str, request: HttpRequest | None = None) -> str:
    """A path (`/fr/…`) as an absolute URL on the portal; an absolute URL is returned as it is."""
    if urlsplit(location).scheme:
        return location
    return urljoin(site_root(request) + "/", location)


def page_url(page, request: HttpRequest | None = None) -> str:
    """A Wagtail page's absolute URL in the active language, or "" when it is not routable.

    The portal is one site: the page's path is kept and its site's root replaced.
    """
    parts = page.get_url_parts(request)
    if parts is None or parts[2] is None:
        return ""
    return absolute_url(parts[2], request)
