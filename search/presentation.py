"""How a search's answer is shown, the same way by the API and the search page."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy

from portal.page_paths import path_in_language
from search.query import Expansion

UNAVAILABLE_MESSAGE = gettext_lazy(
    "Search is unavailable for the moment. Please try again in a few minutes."
)


def url_in_language(url: str, language: str) -> str:
    """An indexed item path (/fr/etudes/…) as served in the viewer's language (/en/studies/…).

    Items are served under every language prefix; keeping the viewer's language keeps their
    interface language when they open a hit (portal.page_paths: the rule every link follows).
    """
    return path_in_language(url, language)


def expansions_shown(expansions: tuple[Expansion, ...]) -> list[dict[str, Any]]:
    """What the thesaurus added to a query: per expanded part, the words and the terms added."""
    return [
        {
            "query": expansion.text,
            "terms": [
                {"term": alternative.text, "language": alternative.language}
                for alternative in expansion.alternatives
            ],
        }
        for expansion in expansions
    ]
