"""Searches that found (almost) nothing: their words normalised, grouped by meaning.

Plain Python on search.query and search.expansion: a query is stored as its parsed form,
written back canonically; two queries mean the same when their words, read through the
bilingual thesaurus, name the same concepts and leave the same other words (in any order,
accents, case and plurals aside), under the same filters.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

from search.expansion import Thesaurus, term_key
from search.query import AnyOf, Expansion, ParsedQuery, Phrase, Prefix, SearchRequest, parse_query

# A search with this many results or fewer is recorded.
UNMET_TOTAL = 2
MAX_STORED_CHARS = 500


def normalised_query(text: str) -> str:
    """The query as the engines read it, written back: lower case, one space, quotes kept."""
    return written(parse_query(text))[:MAX_STORED_CHARS]


def written(parsed: ParsedQuery) -> str:
    parts = [_clause(item) for item in parsed.required]
    parts += [f"-{_clause(clause)}" for clause in parsed.excluded]
    return " ".join(parts).lower()


def _clause(item) -> str:
    if isinstance(item, AnyOf):
        return " OR ".join(_clause(option) for option in item.options)
    if isinstance(item, Phrase):
        return f'"{" ".join(item.text.split())}"'
    if isinstance(item, Prefix):
        return f"{item.text}*"
    return item.text


def filter_parameters(search_request: SearchRequest) -> str:
    """The request's filters and year range as a canonical query string (no words, no paging)."""
    pairs = [
        (name, value)
        for name in sorted(search_request.filters)
        for value in sorted(search_request.filters[name])
    ]
    for name in ("year_from", "year_to"):
        value = getattr(search_request, name)
        if value is not None:
            pairs.append((name, str(value)))
    if search_request.thesaurus is None and search_request.text.strip():
        pairs.append(("expand", "0"))
    return urlencode(pairs)[:2000]


def is_unmet(search_request: SearchRequest, total: int) -> bool:
    """Recorded: a search that asked for something (words or filters) and found at most 2."""
    asked = bool(search_request.text.strip()) or bool(search_request.filters)
    return asked and total <= UNMET_TOTAL


def meaning_key(query: str, parameters: str, thesaurus: Thesaurus) -> tuple:
    """What a query asks, language aside: its concepts and other words, sorted, and its filters."""
    expanded = thesaurus.expand(parse_query(query))
    parts = sorted({_meaning(item) for item in expanded.required})
    excluded = sorted({"-" + _meaning(clause) for clause in expanded.excluded})
    return (*parts, *excluded, f"?{parameters}")


def _meaning(item) -> str:
    if isinstance(item, Expansion):
        return "concept:" + "+".join(sorted(item.concepts))
    if isinstance(item, AnyOf):
        return "(" + "|".join(sorted(_meaning(option) for option in item.options)) + ")"
    prefix = "*" if isinstance(item, Prefix) else ""
    return " ".join(term_key(item.text)) + prefix


@dataclass
class QueryForm:
    """One way a question was asked: its words, filters and language, and how often."""

    query: str
    parameters: str
    language: str
    count: int


@dataclass
class UnmetQuestion:
    """Queries that mean the same thing, the most frequent form first."""

    key: tuple
    forms: list[QueryForm] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(form.count for form in self.forms)

    @property
    def main(self) -> QueryForm:
        return self.forms[0]

    @property
    def languages(self) -> list[str]:
        return sorted({form.language for form in self.forms})


def grouped(rows: Iterable[Mapping], thesaurus: Thesaurus) -> list[UnmetQuestion]:
    """Rows of {query, parameters, language, count} grouped by meaning, most asked first."""
    groups: dict[tuple, UnmetQuestion] = {}
    for row in rows:
        key = meaning_key(row["query"], row["parameters"], thesaurus)
        group = groups.setdefault(key, UnmetQuestion(key))
        group.forms.append(
            QueryForm(row["query"], row["parameters"], row["language"], int(row["count"]))
        )
    for group in groups.values():
        group.forms.sort(key=lambda form: (-form.count, form.language, form.query))
    return sorted(groups.values(), key=lambda group: (-group.count, group.main.query))


def search_link(query: str, parameters: str) -> str:
    """The query string that runs the search again (`?q=…&theme=…`)."""
    words = urlencode({"q": query}) if query else ""
    return "?" + "&".join(part for part in (words, parameters) if part)
