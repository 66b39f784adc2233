"""The tantivy schema, its French and English analysers, and search document → tantivy document.

Every full-text field is indexed twice, as `<field>_fr` (French stemming) and `<field>_en`
(English stemming), whatever the document's language: a query in either language then finds
items in both, and a French report with English annexes is found by English words too.
Both analysers fold case and accents (`donnees` finds `données`) and drop French elided articles
(`l'égalité` finds `égalité`); the stopword filter keeps the token positions, so phrases still
line up across a dropped `l'`.
"""

from __future__ import annotations

import datetime
import functools
import json

import tantivy

from search.analysis import ELIDED_WORDS, FIELD_BOOSTS, MAX_TOKEN_CHARS
from search.backends.base import SearchDocument
from search.query import FACET_NAMES

FRENCH = "passerelle_fr"
ENGLISH = "passerelle_en"
WORDS = "passerelle_words"
LANGUAGE_TOKENIZERS = {"fr": FRENCH, "en": ENGLISH}

STORED_TEXT_FIELDS = ("title", "summary", "files_text")
# Unstemmed words of every searched field; its term dictionary expands `prefix*` queries.
WORDS_FIELD = "words"
TITLE_SORT_FIELD = "title_sort"
PUBLISHED_SORT_FIELD = "published_order"
HIT_KEYWORD_FIELDS = (
    "language", "organisation", "type", "access", "design", "evidence", "practice",
)  # fmt: skip
# A hit's findings, stored as `outcome:effect` values in the item's order.
FINDING_PAIRS_FIELD = "finding_pairs"
# What sort=evidence orders by: the Maryland level, 0 when unrated (SearchDocument.evidence_rank).
EVIDENCE_RANK_FIELD = "evidence_rank"
# Facets whose values come from the portal's vocabularies are also written as one value per
# item: the JSON list of its values. tantivy counts a column of one value per item several
# times faster than a column of several (4 ms for themes over 100,000 items against 0.5 ms
# for their few hundred combinations), and each combination's count adds to each of its values.
# Tags are free words: their combinations would be nearly as many as the items.
SET_COUNTED_FACETS = tuple(name for name in FACET_NAMES if name != "tag")


def _analyzer(stem_language: str | None, drop_elisions: bool = True) -> tantivy.TextAnalyzer:
    builder = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_TOKEN_CHARS))
        .filter(tantivy.Filter.lowercase())
    )
    if drop_elisions:
        builder = builder.filter(tantivy.Filter.custom_stopword(list(ELIDED_WORDS)))
    # Folding before stemming makes `donnees` and `données` stem alike.
    builder = builder.filter(tantivy.Filter.ascii_fold())
    if stem_language:
        builder = builder.filter(tantivy.Filter.stemmer(stem_language))
    return builder.build()


ANALYZERS: dict[str, tantivy.TextAnalyzer] = {
    FRENCH: _analyzer("french"),
    ENGLISH: _analyzer("english"),
    WORDS: _analyzer(None),
}
_SORT_ANALYZER = _analyzer(None, drop_elisions=False)


def register_analyzers(index: tantivy.Index) -> None:
    """Tokenizers are not saved with an index: every opened index needs them again."""
    for name, analyzer in ANALYZERS.items():
        index.register_tokenizer(name, analyzer)


def analysed_field(field: str, tokenizer: str) -> str:
    return f"{field}_{tokenizer.removeprefix('passerelle_')}"


def facet_set_field(name: str) -> str:
    return f"{name}_set"


def facet_set_key(values: list[str]) -> str:
    """An item's values of one facet as one column value: [] when it has none, so that every
    item has one (a column with gaps costs more to count)."""
    return json.dumps(sorted(set(values)), ensure_ascii=False, separators=(",", ":"))


@functools.lru_cache(maxsize=65_536)
def facet_set_values(key: str) -> tuple[str, ...]:
    """The values of one facet_set_key; the same few hundred combinations come back in every
    search, and decoding them each time cost more than counting them."""
    return tuple(json.loads(key))


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("url", stored=True, tokenizer_name="raw", index_option="basic")
    for field in FIELD_BOOSTS:
        for tokenizer in (FRENCH, ENGLISH):
            stored = tokenizer == FRENCH and field in STORED_TEXT_FIELDS
            builder.add_text_field(
                analysed_field(field, tokenizer), stored=stored, tokenizer_name=tokenizer
            )
    builder.add_text_field(WORDS_FIELD, tokenizer_name=WORDS, index_option="basic")
    for field in (*FACET_NAMES, "access", "access_organisations"):
        builder.add_text_field(
            field,
            stored=field in HIT_KEYWORD_FIELDS,
            fast=field in FACET_NAMES,
            tokenizer_name="raw",
            index_option="basic",
        )
    for name in SET_COUNTED_FACETS:
        builder.add_text_field(
            facet_set_field(name), fast=True, tokenizer_name="raw", index_option="basic"
        )
    builder.add_text_field(
        FINDING_PAIRS_FIELD, stored=True, tokenizer_name="raw", index_option="basic"
    )
    builder.add_integer_field(EVIDENCE_RANK_FIELD, indexed=True, fast=True)
    builder.add_integer_field("year", stored=True, indexed=True, fast=True)
    builder.add_integer_field("version", stored=True)
    builder.add_integer_field(PUBLISHED_SORT_FIELD, fast=True)
    builder.add_text_field(TITLE_SORT_FIELD, fast=True, tokenizer_name="raw", index_option="basic")
    return builder.build()


def to_tantivy_document(doc: SearchDocument, schema: tantivy.Schema) -> tantivy.Document:
    """Spread one search document over the schema's fields."""
    doc_id = doc.id
    values: dict[str, object] = {"id": doc_id, "url": doc.url or ""}
    words: list[str] = []
    for field in FIELD_BOOSTS:
        texts = _texts(getattr(doc, field))
        words.extend(texts)
        for tokenizer in (FRENCH, ENGLISH):
            values[analysed_field(field, tokenizer)] = texts
    values[WORDS_FIELD] = words
    for field in (*FACET_NAMES, "access", "access_organisations"):
        values[field] = _texts(getattr(doc, field))
    for name in SET_COUNTED_FACETS:
        values[facet_set_field(name)] = facet_set_key(values[name])
    values[FINDING_PAIRS_FIELD] = list(doc.finding_pairs)
    values[EVIDENCE_RANK_FIELD] = doc.evidence_rank
    if doc.year is not None:
        values["year"] = int(doc.year)
    values[PUBLISHED_SORT_FIELD] = _published_order(doc)
    values[TITLE_SORT_FIELD] = title_sort_key(doc.title or "", doc_id)
    values["version"] = doc.version
    return tantivy.Document.from_dict(values, schema)


def title_sort_key(title: str, doc_id: int) -> str:
    """Case- and accent-insensitive; the id keeps equal titles in a stable order."""
    folded = " ".join(_SORT_ANALYZER.analyze(title))
    return f"{folded}\u0001{doc_id:012d}"


def _published_order(doc: SearchDocument) -> int:
    """Days since 1970 in the high bits and the id in the low ones, so equal dates stay stable."""
    days = (doc.published_day() - datetime.date(1970, 1, 1)).days
    return days * 2**32 + doc.id % 2**32


def _texts(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(item) for item in value if item]
