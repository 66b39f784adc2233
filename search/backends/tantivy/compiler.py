"""Parsed query text, facet filters, year range and viewer → tantivy queries."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import tantivy

from search.analysis import FIELD_BOOSTS
from search.backends.tantivy.schema import (
    ANALYZERS,
    ENGLISH,
    FRENCH,
    WORDS,
    WORDS_FIELD,
    analysed_field,
)
from search.expansion import EXACT_MATCH_BONUS, EXPANSION_WEIGHT
from search.query import (
    AccessFilter,
    AnyOf,
    Clause,
    Expansion,
    MatchedTerm,
    ParsedQuery,
    Prefix,
)

# A prefix matching more words than this keeps its most frequent ones.
MAX_PREFIX_EXPANSIONS = 64

# One way a clause can match under one analyser: tokens as (position, token).
TokenSequence = tuple[tuple[int, str], ...]
# Per analyser (tokenizer name), the alternatives; an empty list means "matches nothing".
ClauseTokens = dict[str, list[TokenSequence]]


class TextQueryCompiler:
    """Compiles one parsed query against one searcher (prefixes expand over its vocabulary)."""

    def __init__(self, schema: tantivy.Schema, searcher: tantivy.Searcher) -> None:
        self.schema = schema
        self.searcher = searcher
        self._tokens: dict[Clause, ClauseTokens | None] = {}

    def compile(self, parsed: ParsedQuery, *, scored: bool = True) -> tantivy.Query:
        """The scored query; everything matches when no clause has a searchable word.

        Unscored, the query matches the same items at less cost, for counting them: it leaves
        out what only adds to scores (the words' bonus, repeating them) and thesaurus
        alternatives that cannot match an item the others miss.
        """
        subqueries = []
        for item in parsed.required:
            options = item.options if isinstance(item, AnyOf) else (item,)
            query = _any_of([self._option_query(option, scored) for option in options])
            if query is not None:
                subqueries.append((tantivy.Occur.Must, query))
        if not subqueries:
            subqueries.append((tantivy.Occur.Must, tantivy.Query.all_query()))
        for clause in parsed.excluded:
            query = self._clause_query(clause)
            if query is not None:
                subqueries.append((tantivy.Occur.MustNot, query))
        return tantivy.Query.boolean_query(subqueries)

    def highlight_query(self, clauses: Iterable[Clause], field: str, tokenizer: str):
        """The clauses on one analysed field, for the snippet generator; or None."""
        queries = []
        for clause in clauses:
            tokens = self._clause_tokens(clause)
            if tokens:
                queries.append(
                    self._field_query(analysed_field(field, tokenizer), tokens[tokenizer])
                )
        return _any_of(queries)

    def highlight_terms(self, clauses: Iterable[Clause], field: str, tokenizer: str):
        """Any single term of the clauses on one analysed field, or None: what the snippet
        generator marks (it marks each word of a phrase wherever it occurs)."""
        name = analysed_field(field, tokenizer)
        terms = set()
        for clause in clauses:
            tokens = self._clause_tokens(clause)
            if tokens:
                terms.update(
                    token for sequence in tokens[tokenizer] for _position, token in sequence
                )
        return any_term(self.schema, name, sorted(terms)) if terms else None

    def highlight_tokens(self, clauses: Iterable[Clause]) -> set[str]:
        """Every analysed token the clauses may match, in either language."""
        tokens = set()
        for clause in clauses:
            for sequences in (self._clause_tokens(clause) or {}).values():
                tokens.update(token for sequence in sequences for _position, token in sequence)
        return tokens

    def matched_terms(
        self, expansions: Sequence[Expansion], hits: Mapping[tuple[int, int], int]
    ) -> dict[int, tuple[MatchedTerm, ...]]:
        """For each hit, what it matched of each expansion: the words typed, or which term.

        `hits` maps each hit's (segment, document) address to its id; one small query per way
        to match, restricted to those ids, answers for every hit at once.
        """
        if not expansions or not hits:
            return {}
        found: dict[int, list[MatchedTerm]] = {doc_id: [] for doc_id in hits.values()}
        among_hits = tantivy.Query.const_score_query(
            any_term(self.schema, "id", sorted(found)), 0.0
        )
        for expansion in expansions:
            for term, clauses in expansion.candidates():
                query = self._all_of(clauses)
                if query is None:
                    continue
                restricted = tantivy.Query.boolean_query(
                    [(tantivy.Occur.Must, query), (tantivy.Occur.Must, among_hits)]
                )
                for _score, address in self.searcher.search(restricted, limit=len(hits)).hits:
                    doc_id = hits.get((address.segment_ord, address.doc))
                    if doc_id is not None:
                        found[doc_id].append(term)
        return {doc_id: tuple(terms) for doc_id, terms in found.items()}

    def _option_query(self, option: Clause | Expansion, scored: bool) -> tantivy.Query | None:
        if isinstance(option, Expansion):
            if not scored:
                ways = self._necessary([clauses for _term, clauses in option.candidates()])
                return _any_of([self._all_of(clauses) for clauses in ways])
            return self._expansion_query(option)
        return self._clause_query(option)

    def _necessary(self, ways: list[tuple[Clause, ...]]) -> list[tuple[Clause, ...]]:
        """The ways to match that may find an item none of the others finds.

        A way made of one word finds every item that a way holding that word in each of its
        analysed forms finds: `itinérance` finds all that `personnes en situation d'itinérance`
        finds (a phrase matches within one field, where the word then is too).
        """
        words = [word for way in ways if (word := self._single_word(way))]
        return [
            way
            for way in ways
            if self._single_word(way) or not any(self._holds(way, word) for word in words)
        ]

    def _single_word(self, way: tuple[Clause, ...]) -> dict[str, str] | None:
        """Analyser → the one token, when the way is one clause of one word; else None."""
        searchable = [tokens for tokens in map(self._clause_tokens, way) if tokens]
        if len(searchable) != 1:
            return None
        (tokens,) = searchable
        if any(len(sequences) != 1 or len(sequences[0]) != 1 for sequences in tokens.values()):
            return None
        return {tokenizer: sequences[0][0][1] for tokenizer, sequences in tokens.items()}

    def _holds(self, way: tuple[Clause, ...], word: dict[str, str]) -> bool:
        """Whether one clause of the way, however it matches, contains the word."""
        for clause in way:
            tokens = self._clause_tokens(clause)
            if tokens and all(
                any(token == word[tokenizer] for _position, token in sequence)
                for tokenizer, sequences in tokens.items()
                for sequence in sequences
            ):
                return True
        return False

    def _expansion_query(self, expansion: Expansion) -> tantivy.Query | None:
        """The words typed, or any alternative; the words' bonus ranks their items first."""
        (_words, words), *alternatives = expansion.candidates()
        parts = []
        exact = self._all_of(words)
        if exact is not None:
            parts += [exact, tantivy.Query.const_score_query(exact, EXACT_MATCH_BONUS)]
        for _term, clauses in alternatives:
            query = self._all_of(clauses)
            if query is not None:
                parts.append(tantivy.Query.boost_query(query, EXPANSION_WEIGHT))
        return _any_of(parts)

    def _all_of(self, clauses: Sequence[Clause]) -> tantivy.Query | None:
        queries = [query for query in map(self._clause_query, clauses) if query is not None]
        if len(queries) <= 1:
            return queries[0] if queries else None
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, query) for query in queries])

    def _clause_query(self, clause: Clause) -> tantivy.Query | None:
        tokens = self._clause_tokens(clause)
        if tokens is None:
            return None
        per_field = [
            tantivy.Query.boost_query(
                self._field_query(analysed_field(field, tokenizer), sequences), boost
            )
            for field, boost in FIELD_BOOSTS.items()
            for tokenizer, sequences in tokens.items()
        ]
        return _any_of(per_field)

    def _field_query(self, field: str, sequences: list[TokenSequence]) -> tantivy.Query:
        queries = []
        for sequence in sequences:
            if len(sequence) == 1:
                queries.append(tantivy.Query.term_query(self.schema, field, sequence[0][1]))
            else:
                queries.append(tantivy.Query.phrase_query(self.schema, field, list(sequence)))
        return _any_of(queries) or tantivy.Query.empty_query()

    def _clause_tokens(self, clause: Clause) -> ClauseTokens | None:
        """None when the clause holds no searchable word (e.g. a lone `l'`): it is ignored."""
        if clause not in self._tokens:
            if isinstance(clause, Prefix):
                self._tokens[clause] = self._prefix_tokens(clause.text)
            else:
                self._tokens[clause] = _analysed(clause.text)
        return self._tokens[clause]

    def _prefix_tokens(self, text: str) -> ClauseTokens | None:
        """Expand the last word over the index vocabulary; earlier words (`covid-1*`) are kept."""
        words = ANALYZERS[WORDS].analyze(text)
        if not words:
            return None
        *leading, prefix = words
        expansions = self.searcher.terms_with_prefix(
            WORDS_FIELD, prefix, limit=MAX_PREFIX_EXPANSIONS
        )
        tokens: ClauseTokens = {FRENCH: [], ENGLISH: []}
        for word, _count in expansions:
            for tokenizer, sequences in _analysed(" ".join([*leading, word])).items():
                tokens[tokenizer].extend(s for s in sequences if s not in tokens[tokenizer])
        return tokens


def _analysed(text: str) -> ClauseTokens | None:
    tokens: ClauseTokens = {}
    for tokenizer in (FRENCH, ENGLISH):
        pre_tokenized = ANALYZERS[tokenizer].pre_tokenize(text)
        sequence = tuple((token.position, token.text) for token in pre_tokenized.tokens)
        if not sequence:
            return None
        tokens[tokenizer] = [sequence]
    return tokens


def _any_of(queries: Sequence[tantivy.Query | None]) -> tantivy.Query | None:
    present = [query for query in queries if query is not None]
    if len(present) <= 1:
        return present[0] if present else None
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, query) for query in present])


def access_filter(allowed: AccessFilter | None, schema: tantivy.Schema) -> tantivy.Query | None:
    """The policy's filter (research.access): any group, each with every field; None: all."""
    if allowed is None:
        return None
    groups = []
    for group in allowed:
        fields = [facet_filter(name, values, schema) for name, values in group.items()]
        groups.append(
            fields[0]
            if len(fields) == 1
            else tantivy.Query.boolean_query([(tantivy.Occur.Must, field) for field in fields])
        )
    return _any_of(groups) or tantivy.Query.empty_query()


def withheld_filter(ids: Iterable[int], schema: tantivy.Schema) -> tantivy.Query | None:
    """Every document but these (SearchRequest.withheld); None when none is withheld."""
    ids = sorted(ids)
    if not ids:
        return None
    return tantivy.Query.boolean_query(
        [
            (tantivy.Occur.Must, tantivy.Query.all_query()),
            (tantivy.Occur.MustNot, any_term(schema, "id", ids)),
        ]
    )


def within_filter(ids: Iterable[int] | None, schema: tantivy.Schema) -> tantivy.Query | None:
    """Only these documents (SearchRequest.within); None when the request names none."""
    if ids is None:
        return None
    return any_term(schema, "id", sorted(ids))


def facet_filter(name: str, values: Iterable[str], schema: tantivy.Schema) -> tantivy.Query:
    """Any of the values (OR within a facet)."""
    return any_term(schema, name, values)


def any_term(schema: tantivy.Schema, field: str, values: Iterable[str | int]) -> tantivy.Query:
    # Term queries walk posting lists; term_set_query scans the term dictionary and builds a
    # bitset per segment, about ten times slower here.
    queries = [tantivy.Query.term_query(schema, field, value) for value in values]
    return _any_of(queries) or tantivy.Query.empty_query()


def year_filter(year_from: int | None, year_to: int | None, schema: tantivy.Schema):
    if year_from is None and year_to is None:
        return None
    return tantivy.Query.range_query(
        schema, "year", tantivy.FieldType.Integer, lower_bound=year_from, upper_bound=year_to
    )


def filtered(text_query: tantivy.Query, filters: Iterable[tantivy.Query | None]) -> tantivy.Query:
    """The text query restricted by filters that must not change its scores."""
    subqueries = [(tantivy.Occur.Must, text_query)]
    for query in filters:
        if query is not None:
            subqueries.append((tantivy.Occur.Must, tantivy.Query.const_score_query(query, 0.0)))
    return tantivy.Query.boolean_query(subqueries)
