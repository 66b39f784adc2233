"""How a search's answer is shown, the same way by the API and the search page."""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from collections.abc import Mapping
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


# Headings a file's text opens its summary with; they are no content of their own.
SUMMARY_HEADINGS = frozenset({"resume", "summary", "abstract", "sommaire"})
# A fragment says something else when at least this share of its word pairs is new.
NEW_WORDS_SHARE = 0.5
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")
# An engine's fragment read token by token: tags, character references, words.
_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|\w+")
# What may stand between a fragment's cut-off title and the text after it.
_SEPARATORS = " \t\r\n:.,;\u00b7\u2022\u2013\u2014-\u2026"


def distinct_snippets(title: str, highlights: Mapping[str, list[str]]) -> list[str]:
    """The summary's fragments, then the files' text's, less what repeats what is shown.

    A report's text often opens with its title, a "Résumé" heading and the summary: that
    opening is cut from a fragment, and a fragment that then mostly repeats the summary's
    fragment (or another one) is dropped.
    """
    title_words = _words(title)
    shown = _word_pairs(title_words)
    kept = []
    for whole in (*highlights.get("summary", ()), *highlights.get("files_text", ())):
        fragment = _after_titles(whole, title_words)
        words = [word for word in _words(fragment) if word not in SUMMARY_HEADINGS]
        pairs = _word_pairs(words)
        if not pairs or len(pairs - shown) < NEW_WORDS_SHARE * len(pairs):
            continue
        kept.append(fragment)
        shown |= pairs
    return kept


def _after_titles(fragment: str, title_words: list[str]) -> str:
    """The fragment without the title it opens with, however often (a cover page, then the
    first heading), and a heading after it."""
    while True:
        rest = _after_title(fragment, title_words)
        if rest == fragment:
            return fragment
        fragment = rest


def _after_title(fragment: str, title_words: list[str]) -> str:
    """The fragment without its opening words when they are the title (and a heading after)."""
    matched, cut = 0, 0
    for token in _TOKEN.finditer(fragment):
        text = token.group()
        if text[0] in "<&":
            # The closing tag of a marked last title word goes with the title.
            if matched == len(title_words) and cut == token.start() and text.startswith("</"):
                cut = token.end()
            continue
        if matched < len(title_words):
            if _fold(text) != title_words[matched]:
                return fragment
            matched += 1
        elif _fold(text) not in SUMMARY_HEADINGS:
            break
        cut = token.end()
    return fragment[cut:].lstrip(_SEPARATORS) if matched else fragment


def _words(fragment: str) -> list[str]:
    """The words of an engine's fragment (escaped text with <mark>), without case or accents."""
    return _WORD.findall(_fold(html.unescape(_TAG.sub("", fragment))))


def _fold(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in folded if not unicodedata.combining(char))


def _word_pairs(words: list[str]) -> set[tuple[str, ...]]:
    """Adjacent pairs, so a fragment is compared by phrasing, not by common words alone."""
    if len(words) == 1:
        return {(words[0],)}
    return set(itertools.pairwise(words))


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
