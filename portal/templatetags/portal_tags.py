from django import template
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.urls import translate_url
from django.utils import translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
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


# The site's sections, children of the home page: menu entries by their model's name.
SECTION_MODELS = (
    "researchindexpage",
    "editionindexpage",
    "collectionindexpage",
    "strategicplanindexpage",
)


@register.simple_tag(takes_context=True)
def section_urls(context) -> dict[str, str]:
    """Each section's address in the active language (/en/studies/), by model name.

    The sections of the French tree, linked as every page is (portal.page_paths).
    """
    request = context.get("request")
    # Selected by their few content types (an indexed column): a filter on depth or locale
    # would read every page of the language, 100,000 studies on a large portal (30 ms a page).
    types = [ContentType.objects.get_by_natural_key("research", name) for name in SECTION_MODELS]
    sections = (
        Page.objects.live()
        .filter(content_type__in=types)
        .select_related("content_type", "locale")
        .order_by("path")
    )
    urls = {}
    for section in sections:
        if section.depth == 3 and section.locale.language_code == settings.LANGUAGE_CODE:
            urls.setdefault(section.content_type.model, section.specific_deferred.get_url(request))
    return urls


# The label beside a text shown in another language than the interface's, by that language.
ONLY_IN = {"fr": _("French only"), "en": _("English only")}


def _shown_in_other_language(value) -> str | None:
    """The language of `value` (a TextInLanguage, a page, or a code) when not the active one."""
    language = getattr(value, "language", None) or getattr(value, "text_language", None) or value
    if language not in dict(settings.LANGUAGES):
        return None
    active = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return language if language != active else None


@register.filter
def lang_attr(value) -> str:
    """` lang="fr"` on an element whose text is not in the interface language, else nothing."""
    language = _shown_in_other_language(value)
    return format_html(' lang="{}"', language) if language else ""


@register.simple_tag
def only_in(value) -> str:
    """The discreet "French only" label beside a text shown in another language than the
    interface's (in the interface's language, so it may sit inside the text's element)."""
    language = _shown_in_other_language(value)
    if language is None or language not in ONLY_IN:
        return ""
    active = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    return format_html(' <span class="only-in" lang="{}">{}</span>', active, ONLY_IN[language])
