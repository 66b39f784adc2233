"""Where a page of the French tree is served in another language: one rule for every link.

Editorial pages may be translated into a second tree (/en/studies/ translates /fr/etudes/);
research items, editions, plans and collections live in the French tree only and are served
under every prefix. A French page's path in another language is its path with its deepest
translated ancestor's path swapped for that translation's (/fr/etudes/<item>/ →
/en/studies/<item>/); with no translated ancestor, only the language prefix changes. Page URLs
(`InterfaceLanguageUrlMixin.get_url_parts`), stored search paths, the sitemap and the redirect
of French slugs under /en/ all go through `path_in_language`.

The translated paths are few (the home page, sections, standard pages) and read on every link:
they are kept in the cache, forgotten whenever a page is saved, moved or deleted, and kept a
few minutes at most (a change made while the cache did not answer is seen after that). Without
a cache that answers, they are read from the database each time: links never fail with it.
"""

from __future__ import annotations

from contextlib import suppress

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from redis.exceptions import RedisError

CACHE_KEY = "portal:translated-page-paths"
CACHE_SECONDS = 300


def path_in_language(path: str, language: str) -> str:
    """`path` (served under any language prefix) as served under `language`'s prefix.

    Paths outside the language prefixes (/api/…, '') are returned as they are.
    """
    prefix, _, rest = path.lstrip("/").partition("/")
    languages = {code for code, _name in settings.LANGUAGES}
    if prefix not in languages or language not in languages:
        return path
    # The deepest translated page the path is under, by its path in any language.
    matches = [
        (source, paths[language])
        for paths in translated_paths()
        if language in paths
        for source in paths.values()
        if path.startswith(source)
    ]
    if not matches:
        return f"/{language}/{rest}"
    source, target = max(matches, key=lambda match: len(match[0]))
    return target + path[len(source) :]


def translated_paths() -> list[dict[str, str]]:
    """Per French page with a live translation: its path in each language it is served in."""
    try:
        paths = cache.get(CACHE_KEY)
    except (RedisError, OSError):
        return _read_translated_paths()
    if paths is None:
        paths = _read_translated_paths()
        with suppress(RedisError, OSError):
            cache.set(CACHE_KEY, paths, CACHE_SECONDS)
    return paths


def _read_translated_paths() -> list[dict[str, str]]:
    from wagtail.models import Page

    default = settings.LANGUAGE_CODE
    translations = (
        Page.objects.live()
        .exclude(locale__language_code=default)
        .filter(depth__gt=1)
        .select_related("locale")
    )
    by_key: dict = {}
    for page in translations:
        by_key.setdefault(page.translation_key, []).append(page)
    if not by_key:
        return []
    originals = Page.objects.filter(
        translation_key__in=list(by_key), locale__language_code=default
    ).select_related("locale")
    roots = _site_roots()
    groups = []
    for original in originals:
        paths = {default: _served_path(original, roots)}
        for page in by_key[original.translation_key]:
            paths[page.locale.language_code] = _served_path(page, roots)
        paths = {language: path for language, path in paths.items() if path}
        if default in paths and len(paths) > 1:
            groups.append(paths)
    return groups


def _site_roots() -> list[tuple[str, str]]:
    """(tree path, language) of each site's home page and its translations, deepest first.

    Read here rather than through Wagtail's cached copy: links must not need the cache."""
    from wagtail.models import Page, Site

    homes = Site.objects.values_list("root_page__translation_key", flat=True)
    pages = Page.objects.filter(translation_key__in=list(homes)).select_related("locale")
    roots = [(page.url_path, page.locale.language_code) for page in pages]
    return sorted(roots, key=lambda root: len(root[0]), reverse=True)


def _served_path(page, roots) -> str | None:
    """Where Wagtail serves `page`: its path under its home page, behind its language prefix."""
    for root_path, language in roots:
        if page.url_path.startswith(root_path):
            try:
                with translation.override(language):
                    return reverse("wagtail_serve", args=(page.url_path[len(root_path) :],))
            except NoReverseMatch:
                return None
    return None


def forget_translated_paths(**kwargs) -> None:
    with suppress(RedisError, OSError):
        cache.delete(CACHE_KEY)


def _page_changed(sender, instance, **kwargs) -> None:
    from wagtail.models import Locale, Page

    if isinstance(instance, Page | Locale):
        forget_translated_paths()


def connect_signal_handlers() -> None:
    from wagtail.signals import post_page_move

    post_save.connect(_page_changed, dispatch_uid="portal-translated-paths-save")
    post_delete.connect(_page_changed, dispatch_uid="portal-translated-paths-delete")
    post_page_move.connect(forget_translated_paths, dispatch_uid="portal-translated-paths-move")
