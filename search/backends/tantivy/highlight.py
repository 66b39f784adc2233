"""Highlighted passages: tantivy picks the best fragment, we escape it and add <mark>.

The snippet generator re-tokenises the whole text it is given, which for a 500-page file would
cost more than the search itself. Long texts are therefore cut to a window around the first
place a query word appears (found with an accent-insensitive regular expression) first. And
the index says beforehand which hits hold a query term in which field and language (one small
query per field and language for the whole page), so the generator runs only where it will
find something: most fields of most hits hold none.
"""

from __future__ import annotations

import html
import re
import string
import unicodedata
from collections.abc import Iterable, Mapping

import tantivy

from search.backends.tantivy.compiler import TextQueryCompiler, any_term
from search.backends.tantivy.schema import ENGLISH, FRENCH, LANGUAGE_TOKENIZERS, analysed_field
from search.query import HIGHLIGHT_FIELDS, Clause, MatchedTerm, ParsedQuery, Phrase

FRAGMENT_CHARS = {"title": 300, "summary": 240, "files_text": 240}
# Texts longer than this are searched for a window of WINDOW_CHARS around the first match.
# Five fragments' worth: room to pick the best passage near the first match, at a fifth of
# the tokenising that a 6,000-character window cost (most of a search's time with highlights).
WINDOW_ABOVE_CHARS = 1_500
WINDOW_CHARS = 1_200
# Bounds the cost of that search (~1 ms per 50,000 characters); later matches are not shown.
LOCATE_MAX_CHARS = 100_000


class HitHighlighter:
    """Highlights each hit with the words typed and the thesaurus terms that hit contains.

    A term added by the thesaurus is marked only in the items found through it: marking every
    alternative everywhere would light up stray words of a synonym (`entre`, `dans`).
    """

    def __init__(
        self,
        parsed: ParsedQuery,
        compiler: TextQueryCompiler,
        searcher: tantivy.Searcher,
        schema: tantivy.Schema,
        hits: Mapping[tuple[int, int], int],
    ) -> None:
        """`hits` maps the page's hits' (segment, document) addresses to their ids."""
        self.typed = parsed.typed_clauses
        self.made = (compiler, searcher, schema, _PageHits(hits, schema))
        self._highlighters: dict[tuple[Clause, ...], Highlighter] = {}

    def highlights(
        self, stored: tantivy.Document, matched: Iterable[MatchedTerm]
    ) -> dict[str, list[str]]:
        alternatives = tuple(dict.fromkeys(Phrase(term.term) for term in matched if term.expanded))
        if alternatives not in self._highlighters:
            clauses = (*self.typed, *alternatives)
            self._highlighters[alternatives] = Highlighter(clauses, *self.made)
        return self._highlighters[alternatives].highlights(stored)


class Highlighter:
    """Snippet generators for some clauses, built once and applied to each hit."""

    def __init__(
        self,
        clauses: tuple[Clause, ...],
        compiler: TextQueryCompiler,
        searcher: tantivy.Searcher,
        schema: tantivy.Schema,
        page: _PageHits,
    ) -> None:
        self.generators: dict[str, dict[str, tantivy.SnippetGenerator]] = {}
        # (field, tokenizer) → ids of the page's hits holding one of the terms there.
        self.holding: dict[tuple[str, str], set[int]] = {}
        for field in HIGHLIGHT_FIELDS:
            for tokenizer in (FRENCH, ENGLISH):
                query = compiler.highlight_query(clauses, field, tokenizer)
                if query is None:
                    continue
                name = analysed_field(field, tokenizer)
                generator = tantivy.SnippetGenerator.create(searcher, query, schema, name)
                generator.set_max_num_chars(FRAGMENT_CHARS[field])
                self.generators.setdefault(field, {})[tokenizer] = generator
                terms = compiler.highlight_terms(clauses, field, tokenizer)
                self.holding[field, tokenizer] = page.holding(searcher, terms)
        self.locator = _locator(compiler.highlight_tokens(clauses))

    def highlights(self, stored: tantivy.Document) -> dict[str, list[str]]:
        """Field → [HTML fragment] for each highlighted field where a query word occurs."""
        first = LANGUAGE_TOKENIZERS.get(stored.get_first("language"), FRENCH)
        doc_id = stored.get_first("id")
        found = {}
        for field, generators in self.generators.items():
            # The document's own language first; the other one only if it finds nothing.
            tokenizers = [
                tokenizer
                for tokenizer in sorted(generators, key=lambda name: name != first)
                if doc_id in self.holding[field, tokenizer]
            ]
            text = stored.get_first(analysed_field(field, FRENCH)) if tokenizers else None
            if text:
                window = _Window.around_match(text, self.locator)
                for tokenizer in tokenizers:
                    name = analysed_field(field, tokenizer)
                    doc = tantivy.Document(**{name: window.text})
                    snippet = generators[tokenizer].snippet_from_doc(doc)
                    if snippet.highlighted():
                        found[field] = [marked_fragment(snippet, window)]
                        break
        return found


class _PageHits:
    """The page's hits, to ask the index which of them hold some terms."""

    def __init__(self, hits: Mapping[tuple[int, int], int], schema: tantivy.Schema) -> None:
        self.hits = hits
        self.among = tantivy.Query.const_score_query(
            any_term(schema, "id", sorted(set(hits.values()))), 0.0
        )

    def holding(self, searcher: tantivy.Searcher, terms: tantivy.Query | None) -> set[int]:
        if terms is None or not self.hits:
            return set()
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, terms), (tantivy.Occur.Must, self.among)]
        )
        found = searcher.search(query, limit=len(self.hits), count=False).hits
        return {self.hits[address.segment_ord, address.doc] for _score, address in found}


class _Window:
    def __init__(self, text: str, cut_before: bool = False, cut_after: bool = False) -> None:
        self.text, self.cut_before, self.cut_after = text, cut_before, cut_after

    @classmethod
    def around_match(cls, text: str, locator: re.Pattern | None) -> _Window:
        if len(text) <= WINDOW_ABOVE_CHARS:
            return cls(text)
        match = locator.search(text, 0, LOCATE_MAX_CHARS) if locator else None
        start = max(0, match.start() - WINDOW_CHARS // 3) if match else 0
        end = min(len(text), start + WINDOW_CHARS)
        # Move the edges to whitespace so no word is cut in half.
        if start > 0 and (space := text.find(" ", start, end)) != -1:
            start = space + 1
        if end < len(text) and (space := text.rfind(" ", start, end)) > start:
            end = space
        return cls(text[start:end], start > 0, end < len(text))


def _locator(tokens: set[str]) -> re.Pattern | None:
    """Finds where any token may occur, whatever the accents; a little broad on purpose."""
    # A stem is almost a prefix of its words: dropping its last letter covers safety → safeti.
    prefixes = {token[:-1] if len(token) > 3 else token for token in tokens if token}
    if not prefixes:
        return None
    alternatives = sorted(
        ("".join(_ACCENT_CLASSES.get(char, re.escape(char)) for char in prefix))
        for prefix in prefixes
    )
    # Neither IGNORECASE nor a word boundary: both make Python's regex engine several times slower.
    return re.compile("|".join(alternatives))


def _accent_classes() -> dict[str, str]:
    variants = {letter: {letter, letter.upper()} for letter in string.ascii_lowercase}
    # Latin-1 holds every French accent; wider classes slow the regex engine down a lot.
    for code in range(0xC0, 0x100):
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)[0].lower()
        if base in variants:
            variants[base].update((char.lower(), char.upper()))
    return {letter: "[" + "".join(sorted(chars)) + "]" for letter, chars in variants.items()}


_ACCENT_CLASSES = _accent_classes()


def marked_fragment(snippet: tantivy.Snippet, window: _Window) -> str:
    """The fragment HTML-escaped, matches wrapped in <mark>, '…' where words were cut off."""
    # tantivy reports byte offsets into UTF-8.
    fragment = snippet.fragment().encode()
    parts, cursor = [], 0
    for highlighted in sorted(snippet.highlighted(), key=lambda r: r.start):
        start, end = max(highlighted.start, cursor), highlighted.end
        if start >= end:
            continue
        parts.append(_escaped(fragment[cursor:start]))
        parts.append(f"<mark>{_escaped(fragment[start:end])}</mark>")
        cursor = end
    parts.append(_escaped(fragment[cursor:]))
    span, encoded = snippet.fragment_range(), window.text.encode()
    before = _edge(encoded[: span.start], "… ", window.cut_before)
    after = _edge(encoded[span.end :], " …", window.cut_after)
    return before + "".join(parts) + after


def _edge(cut: bytes, ellipsis: str, cut_further: bool) -> str:
    """What lies outside the fragment: '…' if it holds words, else itself (a closing bracket)."""
    text = cut.decode(errors="replace")
    return ellipsis if cut_further or any(char.isalnum() for char in text) else _escaped(cut)


def _escaped(text: bytes) -> str:
    return html.escape(text.decode(errors="replace"))
