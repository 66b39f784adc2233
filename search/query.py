"""What a search asks for and what it answers, and the query-text syntax shared by every engine.

Plain dataclasses, so the engines, the service and the tests share one vocabulary. Who may see
what comes from the access policy (research.access), which needs no configured Django either.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Literal

# Marks refusals' English for the catalogue; search.params says them in the reader's language.
from django.utils.translation import gettext_noop

from research.access import ANONYMOUS, AccessFilter, Viewer

if TYPE_CHECKING:
    from search.expansion import Thesaurus

FACET_NAMES: tuple[str, ...] = (
    "organisation",
    "type",
    "theme",
    "design",
    "evidence",
    "approach",
    "language",
    "region",
    "edition",
    "tag",
    "objective",
    # What the studies found: outcomes measured, effects found, practices evaluated.
    "outcome",
    "effect",
    "practice",
)
# The tag vocabulary is free, so only its most frequent values are worth showing.
FACET_SIZES: Mapping[str, int] = {"tag": 20}
# `evidence`: the strongest studies first (Maryland SMS level, 5 to 1, then unrated), each level
# by relevance (newest first without words).
SORTS: tuple[str, ...] = ("relevance", "newest", "oldest", "title", "evidence")
# hybrid: the words and their meaning (search.service fuses both rankings); keyword: the words.
MODES: tuple[str, ...] = ("hybrid", "keyword")
HIGHLIGHT_FIELDS: tuple[str, ...] = ("title", "summary", "files_text")

MAX_QUERY_CHARS = 500
MAX_TERMS = 32
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
# Deep pages cost every engine a full sort of everything before them; nobody reads page 500.
MAX_RESULT_WINDOW = 10_000
MAX_FILTER_VALUES = 50
# A prefix shorter than this would expand to most of the vocabulary.
MIN_PREFIX_CHARS = 2

Sort = Literal["relevance", "newest", "oldest", "title", "evidence"]
Mode = Literal["hybrid", "keyword"]


class SearchError(Exception):
    """A search request that cannot be answered; the message is safe to show to the user.

    `template` (an English msgid) and `params` let the web layer say it in the reader's language;
    `fields` names the request parameters at fault when a form can show the message beside them.
    """

    fields: tuple[str, ...] = ()

    def __init__(self, template: str, **params: object) -> None:
        super().__init__(template % params if params else template)
        self.template = template
        self.params = params

    def about(self, *fields: str) -> SearchError:
        """This refusal, naming the request parameters at fault."""
        self.fields = fields
        return self


@dataclass(frozen=True)
class SearchRequest:
    """One search: text, facet filters, year range, sort, page and the viewer it is for."""

    text: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    facets: tuple[str, ...] = FACET_NAMES
    year_from: int | None = None
    year_to: int | None = None
    sort: Sort = "relevance"
    page: int = 1
    size: int = DEFAULT_PAGE_SIZE
    viewer: Viewer = ANONYMOUS
    histogram: bool = False
    # Items the engine leaves out whatever its index says: the service names those changed in
    # the database, not yet in the index, that the viewer may no longer see (search.service).
    withheld: frozenset[int] = frozenset()
    # Only these items may be found (alerts ask which of the items changed since a time match a
    # saved search; hybrid search lists the items found by meaning); None: any item.
    within: frozenset[int] | None = None
    # The concepts that expand the query (search.expansion); None searches the words alone.
    thesaurus: Thesaurus | None = field(default=None, compare=False, repr=False)
    # Whether the service adds what the words mean (search.service); engines ignore it.
    mode: Mode = "hybrid"
    # Items that match as if they had the words (found by meaning; they score nothing);
    # filters, access and `within` apply to them too.
    also_ids: frozenset[int] = frozenset()
    # Hits with their id and score alone (no stored fields, highlights or matched terms):
    # hybrid search ranks its fusion window so, then asks for the page shown in full.
    bare: bool = False
    # False: the items of `within` that pass the access and filters, with the highlights and
    # matched terms of the words, neither checked against the words nor ranked by them (no
    # score). Hybrid search fetches its page so: the window ranked and scored those items,
    # and ranking again by a phrase costs a pass over the whole index. An engine may rank
    # anyway; the caller orders the hits itself.
    ranked: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", self.text or "")
        object.__setattr__(self, "facets", tuple(self.facets))
        object.__setattr__(self, "filters", _normalised_filters(self.filters))
        object.__setattr__(self, "withheld", frozenset(int(pk) for pk in self.withheld))
        if self.within is not None:
            object.__setattr__(self, "within", frozenset(int(pk) for pk in self.within))
        object.__setattr__(self, "also_ids", frozenset(int(pk) for pk in self.also_ids))
        self.validate()

    def validate(self) -> None:
        """Raise SearchError naming the first thing wrong with this request."""
        for name in (*self.filters, *self.facets):
            check_facet_name(name)
        check_sort(self.sort)
        check_mode(self.mode)
        for name in ("page", "size", "year_from", "year_to"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise SearchError(NOT_A_WHOLE_NUMBER, name=name)
        check_paging(self.page, self.size)
        check_year_range(self.year_from, self.year_to)
        for name, values in self.filters.items():
            check_filter_values(name, values)

    @property
    def access_filter(self) -> AccessFilter | None:
        """The viewer's filter in engine-neutral terms (research.access); None: everything."""
        return self.viewer.search_filter()

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    @cached_property
    def parsed(self) -> ParsedQuery:
        return parse_query(self.text)

    @cached_property
    def query(self) -> ParsedQuery:
        """What the engines search: the parsed words, with the thesaurus's expansions if any."""
        if self.thesaurus is None:
            return self.parsed
        return self.thesaurus.expand(self.parsed)

    @property
    def effective_sort(self) -> Sort:
        """Relevance means nothing without words, so a listing shows the newest first."""
        if self.sort == "relevance" and self.parsed.is_empty:
            return "newest"
        return self.sort

    @property
    def within_level_sort(self) -> Sort:
        """How `evidence` orders the studies of one level: relevance, or newest without words."""
        return "newest" if self.parsed.is_empty else "relevance"


def _normalised_filters(filters: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Keep each facet's distinct, non-empty values in the order given; drop empty facets."""
    if isinstance(filters, str | bytes):
        raise SearchError("Filters are given per facet name.")
    normalised = {}
    for name, values in filters.items():
        if isinstance(values, str):
            values = (values,)
        kept = tuple(dict.fromkeys(str(value) for value in values if str(value)))
        if kept:
            normalised[name] = kept
    return normalised


# -- the limits of a request ----------------------------------------------------------------
# Each rule and its message live here once: search.params applies them to HTTP parameters and
# SearchRequest to itself, so a request built in code obeys the same limits.

NOT_A_WHOLE_NUMBER = gettext_noop("%(name)s must be a whole number.")


def check_sort(sort: str) -> None:
    if sort not in SORTS:
        raise SearchError(gettext_noop("sort must be one of %(sorts)s."), sorts=", ".join(SORTS))


def check_mode(mode: str) -> None:
    if mode not in MODES:
        raise SearchError(gettext_noop("mode must be one of %(modes)s."), modes=", ".join(MODES))


def check_paging(page: int, size: int) -> None:
    """A page starts at 1, holds at most MAX_PAGE_SIZE hits and ends within MAX_RESULT_WINDOW."""
    if page < 1:
        raise SearchError(gettext_noop("page must be 1 or more."))
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise SearchError(gettext_noop("size must be between 1 and %(max)d."), max=MAX_PAGE_SIZE)
    if page * size > MAX_RESULT_WINDOW:
        raise SearchError(
            gettext_noop(
                "page %(page)d is too deep: only the first %(window)d results can be paged "
                "through. Narrow the search instead."
            ),
            page=page,
            window=MAX_RESULT_WINDOW,
        )


# Said by the refusal, on the search page and by the API, and by the API's description
# (exchange.openapi): in the words of the search form's fields, which the API's users see too.
REVERSED_YEARS = gettext_noop("The publication year “From” must not come after “Until”.")
YEAR_FIELDS = ("year_from", "year_to")


def check_year_range(year_from: int | None, year_to: int | None) -> None:
    if year_from is not None and year_to is not None and year_from > year_to:
        raise SearchError(REVERSED_YEARS).about(*YEAR_FIELDS)


def check_facet_name(name: str) -> None:
    # Only code can name a facet that does not exist: HTTP parameters are read by facet name.
    if name not in FACET_NAMES:
        raise SearchError(
            "Unknown facet %(name)r; expected one of %(names)s.", name=name, names=FACET_NAMES
        )


def check_filter_values(name: str, values: Iterable[str]) -> None:
    if len(set(values)) > MAX_FILTER_VALUES:
        raise SearchError(
            gettext_noop("Too many values for %(name)s (at most %(max)d)."),
            name=name,
            max=MAX_FILTER_VALUES,
        )


@dataclass(frozen=True)
class SearchHit:
    id: int
    url: str
    title: str
    year: int | None
    language: str
    organisation: str
    type: str
    access: str
    # Field name -> HTML fragments: escaped text with matches wrapped in <mark>.
    highlights: dict[str, list[str]] = field(default_factory=dict)
    # None when the hits are ordered by something other than relevance.
    score: float | None = None
    # For each expanded part of the query, what this item matched: the words or a related term.
    matched_terms: tuple[MatchedTerm, ...] = ()
    # How rigorous the study is and what it found: slugs, labelled by whoever shows the hit.
    design: str = ""
    evidence: str = ""
    findings: tuple[tuple[str, str], ...] = ()  # (outcome, effect), in the item's order
    practices: tuple[str, ...] = ()
    # Found by meaning without the words: its closest passage, escaped HTML (search.service).
    related_passage: str = ""


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class SearchResponse:
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetCount]]
    # (year, number of items), oldest year first; empty unless the request asked for it.
    years: list[tuple[int, int]]
    took_ms: int
    # How the hits were found: "hybrid" (words and meaning), "keyword" (words only, as asked or
    # for lack of a text), or "keyword-fallback" (meaning asked but unavailable: a notice says so).
    mode: str = "keyword"


# ---------------------------------------------------------------------------------------------
# Query text syntax
#
#   words            every word must match
#   "a phrase"       the words next to each other, in order («» and “” work too)
#   -word, -"a b"    exclude items matching it
#   a OR b           either (uppercase OR, between words or phrases)
#   prefix*          any word starting with the prefix (at least MIN_PREFIX_CHARS long)
#
# Anything else is read leniently and never rejected: an unbalanced quote is ignored, a lone
# "-" or "OR" is ignored, an OR next to an exclusion is ignored, words with no letter or digit
# ("***", "<>", "--") are dropped. Only the first MAX_QUERY_CHARS characters and MAX_TERMS
# clauses count.
# ---------------------------------------------------------------------------------------------

OPENING_QUOTES = '"“«'
CLOSING_QUOTES = '"”»'
_QUOTES = set(OPENING_QUOTES + CLOSING_QUOTES)


@dataclass(frozen=True)
class Term:
    """A word as typed; the engine analyses it (a word like `l'égalité` may yield one token)."""

    text: str


@dataclass(frozen=True)
class Phrase:
    text: str


@dataclass(frozen=True)
class Prefix:
    text: str


Clause = Term | Phrase | Prefix


@dataclass(frozen=True)
class Alternative:
    """A thesaurus term searched in place of the words of the query, as a phrase."""

    text: str
    language: str


@dataclass(frozen=True)
class MatchedTerm:
    """How an item matched one expanded part of the query."""

    query: str  # the words of the query that name the concept
    term: str  # what the item contains: those words, or one of the concept's terms
    language: str  # the language of `term` in the thesaurus
    expanded: bool  # True when `term` is a thesaurus term, not the words typed


@dataclass(frozen=True)
class Expansion:
    """Words of the query that name a thesaurus concept, also searched as its other terms.

    Built by search.expansion and compiled by each engine: an item matches when it has the
    words (every clause, as typed) or any alternative; having the words ranks it first.
    """

    words: tuple[Clause, ...]
    text: str
    language: str
    alternatives: tuple[Alternative, ...]
    concepts: tuple[str, ...] = ()

    def candidates(self) -> tuple[tuple[MatchedTerm, tuple[Clause, ...]], ...]:
        """Each way to match, with the clauses it needs: the words first, then each alternative."""
        exact = MatchedTerm(self.text, self.text, self.language, expanded=False)
        return (
            (exact, self.words),
            *(
                (MatchedTerm(self.text, alt.text, alt.language, True), (Phrase(alt.text),))
                for alt in self.alternatives
            ),
        )


@dataclass(frozen=True)
class AnyOf:
    """Clauses joined by OR: at least one must match."""

    options: tuple[Clause | Expansion, ...]


@dataclass(frozen=True)
class ParsedQuery:
    required: tuple[Clause | AnyOf | Expansion, ...] = ()
    excluded: tuple[Clause, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.required and not self.excluded

    @property
    def expansions(self) -> tuple[Expansion, ...]:
        """The expanded parts of the query, left to right (engines number them in this order)."""
        found: list[Expansion] = []
        for item in self.required:
            for option in item.options if isinstance(item, AnyOf) else (item,):
                if isinstance(option, Expansion) and option not in found:
                    found.append(option)
        return tuple(found)

    @property
    def positive_clauses(self) -> tuple[Clause, ...]:
        """Every clause that may match: the words typed, then the thesaurus's alternatives."""
        alternatives = tuple(
            Phrase(alternative.text)
            for expansion in self.expansions
            for alternative in expansion.alternatives
        )
        return self.typed_clauses + alternatives

    @property
    def typed_clauses(self) -> tuple[Clause, ...]:
        """The clauses that may match as the user typed them, without the alternatives."""
        clauses: list[Clause] = []
        for item in self.required:
            for option in item.options if isinstance(item, AnyOf) else (item,):
                clauses.extend(option.words if isinstance(option, Expansion) else (option,))
        return tuple(clauses)


_OR = object()


def parse_query(text: str) -> ParsedQuery:
    """Read query text into required, OR-ed and excluded clauses; never raises."""
    if not isinstance(text, str):
        return ParsedQuery()
    required: list[Clause | AnyOf] = []
    excluded: list[Clause] = []
    clause_count = 0
    or_pending = False
    last_was_required = False
    for lexeme in _lexemes(text[:MAX_QUERY_CHARS]):
        if lexeme is _OR:
            or_pending = last_was_required
            continue
        clause, negated = lexeme
        if clause_count >= MAX_TERMS:
            break
        clause_count += 1
        if negated:
            excluded.append(clause)
            last_was_required = False
        elif or_pending:
            required[-1] = _joined(required[-1], clause)
            last_was_required = True
        else:
            required.append(clause)
            last_was_required = True
        or_pending = False
    return ParsedQuery(tuple(required), tuple(excluded))


def _joined(previous: Clause | AnyOf, clause: Clause) -> AnyOf:
    if isinstance(previous, AnyOf):
        return AnyOf((*previous.options, clause))
    return AnyOf((previous, clause))


def _lexemes(text: str):
    """Yield _OR or (clause, negated) pairs, left to right."""
    position, length = 0, len(text)
    negated = False
    while position < length:
        char = text[position]
        if char.isspace():
            negated = False
            position += 1
        elif char == "-" and not negated:
            negated = True
            position += 1
        elif char in OPENING_QUOTES:
            closing = _find_closing_quote(text, position + 1)
            if closing is None:
                position += 1  # an unbalanced quote is ignored; the words after it stay words
                continue
            phrase = text[position + 1 : closing].strip()
            if _has_word_character(phrase):
                yield Phrase(phrase), negated
            negated = False
            position = closing + 1
        else:
            end = position
            while end < length and not text[end].isspace() and text[end] not in _QUOTES:
                end += 1
            word = text[position:end] or char
            position = max(end, position + 1)
            lexeme = _word_lexeme(word, negated)
            negated = False
            if lexeme is not None:
                yield lexeme


def _find_closing_quote(text: str, start: int) -> int | None:
    for index in range(start, len(text)):
        if text[index] in CLOSING_QUOTES:
            return index
    return None


def _word_lexeme(word: str, negated: bool):
    if word == "OR" and not negated:
        return _OR
    stripped = word.rstrip("*")
    if not _has_word_character(stripped):
        return None
    if stripped != word and sum(char.isalnum() for char in stripped) >= MIN_PREFIX_CHARS:
        return Prefix(stripped), negated
    return Term(stripped), negated


def _has_word_character(text: str) -> bool:
    return any(char.isalnum() for char in text)
