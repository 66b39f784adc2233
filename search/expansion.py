"""Query expansion with the bilingual thesaurus, shared by every engine.

Words of a query that name a thesaurus concept (`racial profiling`) are also searched as the
concept's other terms (`profilage racial`, `profilage ethnique`, …), so a study written in one
language is found by a query in the other. The result is an ordinary ParsedQuery whose expanded
parts are `Expansion` nodes; each engine's compiler turns them into its own queries, ranking an
item that has the words typed above one found through an alternative alone.

Plain Python without Django: the service loads the concepts from the database (search.thesaurus)
and hands them over.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from search.analysis import ELIDED_WORDS
from search.query import Alternative, AnyOf, Clause, Expansion, ParsedQuery, Phrase, Term

LANGUAGES: tuple[str, ...] = ("fr", "en")

# An alternative counts this much of the words' own score. The bonus, a constant added to the
# score of every item that has the words typed, puts them all above the items found through an
# alternative alone: relevance scores of a whole query stay in the tens or hundreds.
EXPANSION_WEIGHT = 0.5
EXACT_MATCH_BONUS = 10_000.0

# Bounds on what one query may add, so a query naming many concepts stays fast.
MAX_ALTERNATIVES_PER_EXPANSION = 12
MAX_ALTERNATIVES_PER_QUERY = 36
# The most words of a query read as one thesaurus term.
MAX_SPAN_CLAUSES = 8
# Longer terms are refused when a concept is saved: no query could name them.
MAX_TERM_WORDS = 8
MAX_TERM_CHARS = 120

# Ignored when words are compared with thesaurus terms, so `prévention de la criminalité`,
# `prévention criminalité` and `la prévention de la criminalité` name the same concept.
# Elided articles (`l'`, `d'`) are dropped like the engines' analysers drop them.
_IGNORED_WORDS = frozenset(
    {
        # French
        *ELIDED_WORDS,
        "le", "la", "les", "un", "une", "des", "de", "du", "au", "aux", "a", "et", "ou",
        "en", "dans", "par", "pour", "sur", "avec", "entre", "envers",
        # English
        "the", "an", "of", "and", "or", "in", "on", "for", "to", "by", "with", "against",
    }
)  # fmt: skip
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Concept:
    """One idea with its terms in each language, the preferred term first."""

    key: str
    french: tuple[str, ...]
    english: tuple[str, ...]

    def terms(self) -> list[Alternative]:
        return [Alternative(text, "fr") for text in self.french] + [
            Alternative(text, "en") for text in self.english
        ]


def term_key(text: str) -> tuple[str, ...]:
    """The words that identify a term: folded, singular, without articles and prepositions."""
    return tuple(
        _singular(word) for word in _WORD.findall(_folded(text)) if word not in _IGNORED_WORDS
    )


def _folded(text: str) -> str:
    text = text.lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _singular(word: str) -> str:
    """A crude plural folding, the same for queries and terms (`gangs`, `sociaux`, `policies`)."""
    if len(word) > 5 and word.endswith("aux"):
        return word[:-3] + "al"
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def term_problem(text: str) -> str | None:
    """Why a term cannot be used (in English, for the caller to translate), or None."""
    if len(text) > MAX_TERM_CHARS:
        return "too-long"
    key = term_key(text)
    if not key:
        return "no-word"
    if len(key) > MAX_TERM_WORDS:
        return "too-many-words"
    return None


class Thesaurus:
    """Concepts indexed by the key of each of their terms."""

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self.concepts = tuple(concepts)
        self._by_key: dict[tuple[str, ...], list[Concept]] = {}
        for concept in self.concepts:
            for term in concept.terms():
                key = term_key(term.text)
                if key and concept not in self._by_key.setdefault(key, []):
                    self._by_key[key].append(concept)

    @classmethod
    def from_records(cls, records: Iterable[Mapping]) -> Thesaurus:
        """From {"slug", "fr": [terms…], "en": [terms…]} records, the shape of the shipped file."""
        return cls(
            Concept(str(record["slug"]), _texts(record.get("fr")), _texts(record.get("en")))
            for record in records
        )

    def __len__(self) -> int:
        return len(self.concepts)

    def concepts_named(self, text: str) -> list[Concept]:
        """The concepts one of whose terms is `text` (compared by key)."""
        return list(self._by_key.get(term_key(text), ()))

    def expand(self, parsed: ParsedQuery) -> ParsedQuery:
        """The same query with each run of words that names a concept replaced by an Expansion."""
        budget = _Budget(MAX_ALTERNATIVES_PER_QUERY)
        required: list = []
        items, position = parsed.required, 0
        while position < len(items):
            item = items[position]
            if isinstance(item, Term):
                end, expansion = self._longest_run(items, position, budget)
                if expansion is not None:
                    required.append(expansion)
                    position = end
                    continue
            elif isinstance(item, Phrase):
                item = self._expansion((item,), budget) or item
            elif isinstance(item, AnyOf):
                item = AnyOf(tuple(self._option(option, budget) for option in item.options))
            required.append(item)
            position += 1
        # Exclusions are left as typed: excluding more than the user named would surprise.
        return ParsedQuery(tuple(required), parsed.excluded)

    def _option(self, option, budget: _Budget):
        if isinstance(option, Term | Phrase):
            return self._expansion((option,), budget) or option
        return option

    def _longest_run(self, items: Sequence, start: int, budget: _Budget):
        """The longest run of plain words from `start` that names a concept, and its expansion."""
        run_end = start
        while run_end < len(items) and run_end - start < MAX_SPAN_CLAUSES:
            if not isinstance(items[run_end], Term):
                break
            run_end += 1
        if not term_key(items[start].text):
            return start, None  # a run never starts or ends on an article
        for end in range(run_end, start, -1):
            if term_key(items[end - 1].text):
                expansion = self._expansion(tuple(items[start:end]), budget)
                if expansion is not None:
                    return end, expansion
        return start, None

    def _expansion(self, words: tuple[Clause, ...], budget: _Budget) -> Expansion | None:
        text = " ".join(clause.text for clause in words)
        key = term_key(text)
        concepts = self._by_key.get(key)
        if not concepts or budget.left <= 0:
            return None
        language = _language_of(concepts, key)
        alternatives = _alternatives(concepts, key, language)
        alternatives = budget.take(alternatives[:MAX_ALTERNATIVES_PER_EXPANSION])
        if not alternatives:
            return None
        concept_keys = tuple(concept.key for concept in concepts)
        return Expansion(words, text, language, tuple(alternatives), concept_keys)


class _Budget:
    def __init__(self, left: int) -> None:
        self.left = left

    def take(self, alternatives: list[Alternative]) -> list[Alternative]:
        taken = alternatives[: max(self.left, 0)]
        self.left -= len(taken)
        return taken


def _language_of(concepts: list[Concept], key: tuple[str, ...]) -> str:
    """The language of the term the words matched (French when they match in both)."""
    for concept in concepts:
        for term in concept.terms():
            if term_key(term.text) == key:
                return term.language
    return LANGUAGES[0]


def _alternatives(
    concepts: list[Concept], key: tuple[str, ...], language: str
) -> list[Alternative]:
    """The concepts' other terms: the other language's first, then synonyms in the same one."""
    ordered = [
        term
        for concept in concepts
        for term in sorted(concept.terms(), key=lambda term: term.language == language)
    ]
    seen = {key}
    alternatives = []
    for term in ordered:
        term_words = term_key(term.text)
        if term_words and term_words not in seen:
            seen.add(term_words)
            alternatives.append(term)
    return alternatives


def _texts(values: object) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = values.splitlines()
    return tuple(text.strip() for text in values if str(text).strip())
