from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import get_language_info
from wagtail.models import Page

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to the current page in every other interface language.

    A CMS page links to its translation when one is live (its own address, e.g. /en/about/),
    else to itself under the other prefix; any other view to its translated URL pattern.
    """
    request = context.get("request")
    current = (context.get("LANGUAGE_CODE") or settings.LANGUAGE_CODE)[:2]
    page = context.get("page")
    links = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        if isinstance(page, Page) and request is not None:
            url = _page_url_in(page, code, request)
        else:
            url = translate_url(request.get_full_path() if request else "/", code)
        links.append({"code": code, "name": get_language_info(code)["name_local"], "url": url})
    return {"links": links}


def _page_url_in(page: Page, language: str, request) -> str:
    with translation.override(language):
        # `localized`: the live translation into the active language, else the page itself.
        target = page.localized.specific if getattr(page, "translated_in_cms", True) else page
        url = target.get_url(request)
    query = request.META.get("QUERY_STRING", "")
    return f"{url}?{query}" if query else url


@register.filter
def long_date(value) -> str:
    """A date written out in the active language: 6 octobre 2023, 1er mai 2024, 6 October 2023."""
    if not value:
        return ""
    if (translation.get_language() or "")[:2] == "fr" and value.day == 1:
        return date_format(value, "1\\e\\r F Y")  # French writes the first of the month 1er
    return date_format(value, "j F Y")
