"""How a search's answer is shown, the same way by the API and the search page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy

from portal.page_paths import path_in_language
from search.query import Expansion, SearchHit

if TYPE_CHECKING:
    from search.labels import FacetLabels

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


def labelled(labels: FacetLabels, name: str, value: str) -> dict[str, str] | None:
    """{"value", "label"} of one facet value in the labels' language; None without a value."""
    return {"value": value, "label": labels.label(name, value)} if value else None


def hit_evidence(hit: SearchHit, labels: FacetLabels) -> dict[str, Any]:
    """How rigorous the study is and what it found, labelled: the API hit's `evidence`,
    `design`, `findings` (outcome → effect, in the item's order) and `practices`."""
    return {
        "evidence": labelled(labels, "evidence", hit.evidence),
        "design": labelled(labels, "design", hit.design),
        "findings": [
            {
                "outcome": labelled(labels, "outcome", outcome),
                "effect": labelled(labels, "effect", effect),
            }
            for outcome, effect in hit.findings
        ],
        "practices": [labelled(labels, "practice", practice) for practice in hit.practices],
    }
