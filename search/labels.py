"""Facet titles and the labels of facet values, in the reader's language.

Vocabulary labels are read from the database in one query and shared by every process through
the cache; saving a labelled row forgets them (search.signals).
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Mapping
from typing import Any

from django.core.cache import cache
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast
from django.utils import translation
from django.utils.translation import gettext_lazy
from redis.exceptions import RedisError

from portal.models import Organisation
from research.models import (
    Approach,
    ContentLanguage,
    EditionPage,
    Effect,
    EvidenceLevel,
    Outcome,
    Practice,
    ResearchType,
    StrategicObjective,
    StudyDesign,
    Theme,
)
from search.params import LANGUAGES
from search.query import FacetCount

logger = logging.getLogger(__name__)

# Facet label tables per language, shared by every process through the cache.
LABELS_CACHE_KEY = "search:facet-labels:%s"
LABELS_CACHE_SECONDS = 300
CACHE_ERRORS = (RedisError, OSError)

FACET_TITLES: Mapping[str, Any] = {
    "organisation": gettext_lazy("Organisation"),
    "type": gettext_lazy("Type"),
    "theme": gettext_lazy("Theme"),
    "design": gettext_lazy("Study design"),
    "evidence": gettext_lazy("Evidence strength"),
    "approach": gettext_lazy("Approach"),
    "language": gettext_lazy("Language"),
    "region": gettext_lazy("Region"),
    "edition": gettext_lazy("Edition"),
    "tag": gettext_lazy("Keyword"),
    "objective": gettext_lazy("Strategic objective"),
    "outcome": gettext_lazy("Outcome measured"),
    "effect": gettext_lazy("Effect found"),
    "practice": gettext_lazy("Practice evaluated"),
}


def _vocabularies() -> dict[str, tuple[Any, str, str, str]]:
    """Facet name → (model, value field, French label field, English label field)."""
    return {
        "organisation": (Organisation, "slug", "name_fr", "name_en"),
        "type": (ResearchType, "slug", "label_fr", "label_en"),
        "theme": (Theme, "slug", "label_fr", "label_en"),
        "design": (StudyDesign, "slug", "label_fr", "label_en"),
        "evidence": (EvidenceLevel, "slug", "label_fr", "label_en"),
        "approach": (Approach, "slug", "label_fr", "label_en"),
        "objective": (StrategicObjective, "code", "title_fr", "title_en"),
        "outcome": (Outcome, "slug", "label_fr", "label_en"),
        "effect": (Effect, "slug", "label_fr", "label_en"),
        "practice": (Practice, "slug", "label_fr", "label_en"),
    }


def labelled_models() -> list:
    """The models whose rows name facet values: vocabularies, organisations, editions."""
    return [model for model, *_fields in _vocabularies().values()] + [EditionPage]


class FacetLabels:
    """Labels of facet values in one language: every vocabulary in one query, at first need.

    Make one per HTTP request: what it read is never refreshed, so it must not outlive one.
    """

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else LANGUAGES[0]
        self._tables: dict[str, dict[str, str]] | None = None

    def label(self, name: str, value: str) -> str:
        """The value's label; free facets (region, tag) and unknown values are their value."""
        if name == "language":
            return _language_labels(self.language).get(value, value)
        if self._tables is None:
            self._tables = _vocabulary_labels(self.language)
        return self._tables.get(name, {}).get(value, value)


def _vocabulary_labels(language: str) -> dict[str, dict[str, str]]:
    """Facet name → value → label for every facet stored in a table, from the shared cache.

    Saving or deleting any labelled row (editions and strategic objectives included) forgets
    the cached tables (search.signals); LABELS_CACHE_SECONDS bounds what a bulk update, which
    sends no signal, leaves stale. A cache that fails is passed by, never fatal to a search.
    """
    key = LABELS_CACHE_KEY % language
    try:
        tables = cache.get(key)
    except CACHE_ERRORS:
        logger.warning("search: the cache is unreachable, facet labels read from the database")
        return _read_vocabulary_labels(language)
    if tables is None:
        tables = _read_vocabulary_labels(language)
        with contextlib.suppress(*CACHE_ERRORS):
            cache.set(key, tables, LABELS_CACHE_SECONDS)
    return tables


def forget_facet_labels(**_signal_arguments) -> None:
    """Drop the cached label tables: a vocabulary, edition or objective changed."""
    try:
        cache.delete_many([LABELS_CACHE_KEY % language for language in LANGUAGES])
    except CACHE_ERRORS:
        logger.exception("search: the cache is unreachable, facet labels may stay stale")


def _read_vocabulary_labels(language: str) -> dict[str, dict[str, str]]:
    """The label tables of every facet stored in a table, read in one UNION query."""

    def rows(queryset, name: str, key, french: str, english: str):
        return (
            queryset.order_by()
            .annotate(
                facet=Value(name, output_field=CharField()),
                value=key,
                french=F(french),
                english=F(english),
            )
            .values_list("facet", "value", "french", "english")
        )

    parts = [
        rows(model.objects.all(), name, F(key), french, english)
        for name, (model, key, french, english) in _vocabularies().items()
    ]
    # An edition's facet value is its year; its title is the same in both languages.
    parts.append(
        rows(
            EditionPage.objects.all(),
            "edition",
            Cast("year", output_field=CharField()),
            "title",
            "title",
        )
    )
    tables: dict[str, dict[str, str]] = {name: {} for name in (*_vocabularies(), "edition")}
    for name, value, french, english in parts[0].union(*parts[1:], all=True):
        first, second = (english, french) if language == "en" else (french, english)
        tables[name][str(value)] = first or second or str(value)
    return tables


@functools.cache
def _language_labels(language: str) -> dict[str, str]:
    """The content languages' names, fixed in the code: read once per process and language."""
    with translation.override(language):
        return {choice.value: str(choice.label) for choice in ContentLanguage}


def labelled_facets(
    facets: Mapping[str, list[FacetCount]], labels: FacetLabels
) -> dict[str, list[dict[str, Any]]]:
    """The engine's facet counts with a label for each value, in the engine's order."""
    return {
        name: [
            {
                "value": value.value,
                "label": labels.label(name, value.value),
                "count": value.count,
                "selected": value.selected,
            }
            for value in values
        ]
        for name, values in facets.items()
    }
