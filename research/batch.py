"""Batch writes (the manifest import, the demo content): the entries their rows name, loaded
once, and Wagtail's own indexes deferred.

Creating, revising and publishing a page saves it three times, and after each save Wagtail
updates its reference index and its admin search index (the database search behind the
admin's page and document search). Inside `wagtail_indexes_deferred()` neither follows the
saves; `update_wagtail_indexes()` then brings both up to date once per object written.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator

from django.db.models.signals import post_save
from modelsearch import index as admin_search
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from research.models import EditionPage, vocabulary_models


class UnknownEntry(LookupError):
    """A slug (or an edition's year) that names no entry of its kind."""


class Lookups:
    """Organisations and vocabulary entries by slug, and editions by year, loaded once."""

    def __init__(self) -> None:
        self.tables = {
            kind: {entry.slug: entry for entry in model.objects.all()}
            for kind, model in vocabulary_models().items()
        }
        # Editions by year, as the manifest's `edition` column names them.
        editions = EditionPage.objects.all()
        self.tables["edition"] = {str(edition.year): edition for edition in editions}

    def known(self) -> dict[str, set[str]]:
        return {kind: set(table) for kind, table in self.tables.items()}

    def one(self, kind: str, slug: str):
        try:
            return self.tables[kind][slug]
        except KeyError:
            raise UnknownEntry(f"No {kind} with slug {slug!r}") from None

    def many(self, kind: str, slugs: Iterable[str]) -> list:
        return [self.one(kind, slug) for slug in slugs]


# Django's signals are process-wide: two batches at once in one process must not reconnect
# the admin search handler while the other still relies on it being paused.
_pause_lock = threading.Lock()


@contextlib.contextmanager
def wagtail_indexes_deferred() -> Iterator[None]:
    """Saves inside update neither the reference index nor the admin search index."""
    with disable_reference_index_auto_update(), _admin_search_paused():
        yield


def publish_new_page(parent, page) -> None:
    """Add `page` under `parent` and publish it, validated once (by the first save)."""
    parent.add_child(instance=page)
    page.save_revision(clean=False).publish()


def update_wagtail_indexes(objects: Iterable) -> None:
    """What the deferred saves would have done, once for each of `objects`."""
    for instance in objects:
        ReferenceIndex.create_or_update_for_object(instance)
        if admin_search.class_is_indexed(type(instance)):
            admin_search.insert_or_update_object(instance)


@contextlib.contextmanager
def _admin_search_paused() -> Iterator[None]:
    # Meant for management commands (one thread); a web request saving a page in another
    # thread meanwhile would miss its admin search update until the next save.
    with _pause_lock:
        paused = [
            model
            for model in admin_search.get_indexed_models()
            if post_save.disconnect(post_save_signal_handler, sender=model)
        ]
        try:
            yield
        finally:
            for model in paused:
                post_save.connect(post_save_signal_handler, sender=model)
