"""A research item → the search document every engine indexes.

Plain Python without Django: the page is read through its attributes only, so the engines'
tests and this builder share one document shape (see tests/search/documents.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from research.access import item_access_organisations
from research.verdicts import sms_level

# Tags that end a line of text: their words must not run into the next element's.
_BLOCK_TAGS = frozenset(
    {"br", "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
     "tr", "td", "th", "table", "hr", "pre"}
)  # fmt: skip
_SKIPPED_TAGS = frozenset({"script", "style"})
# A finding as the index stores it for the hit: `outcome:effect` (slugs never hold a colon).
FINDING_SEPARATOR = ":"


@dataclass(frozen=True)
class PassageVectors:
    """An item's passages as vectors of one model (search.embedding): one unit row each."""

    model: str
    matrix: Any  # numpy float32 array: one row per passage


@dataclass(frozen=True)
class SearchDocument:
    """One research item as every engine indexes it; checked once, when it is made."""

    id: int
    url: str
    title: str
    summary: str
    findings: str
    body: str
    files_text: str
    authors: list[str]
    language: str
    published: str  # ISO date, or "" when unknown
    year: int | None
    organisation: str
    partners: list[str]
    type: str
    design: str
    evidence: str
    approach: list[str]
    theme: list[str]
    region: list[str]
    edition: list[str]
    tag: list[str]
    objective: list[str]
    access: str
    access_organisations: list[str]
    # What the study found (findings' outcomes and effects) and the practices it evaluates.
    outcome: list[str] = field(default_factory=list)
    effect: list[str] = field(default_factory=list)
    practice: list[str] = field(default_factory=list)
    # Each finding as `outcome:effect`, in the item's order: what a hit shows.
    finding_pairs: list[str] = field(default_factory=list)
    # The French and English labels of its themes, approaches, practices and outcomes, and
    # of its type, design and organisations (names and short names): the words of a facet
    # value find the items filed under it, in both languages.
    labels: list[str] = field(default_factory=list)
    record_labels: list[str] = field(default_factory=list)
    # The labels of its themes, approaches, practices and outcomes in one language each: what
    # search by meaning embeds of them (search.embedding.item_passages).
    labels_fr: list[str] = field(default_factory=list)
    labels_en: list[str] = field(default_factory=list)
    # The item's version when it was read (search.indexing.item_versions); engines keep the newest.
    version: int = 0
    # Its passages' vectors, when the worker has embedded its current text; engines that
    # search by meaning keep them (search.backends.base.SearchBackend.nearest).
    vectors: PassageVectors | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        for name in ("id", "version"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ValueError(
                    f"A search document needs a non-negative integer {name}, not {value!r}."
                )
        self.published_day()  # raises on a date that is not one
        for pair in self.finding_pairs:
            outcome, separator, effect = pair.partition(FINDING_SEPARATOR)
            if not (outcome and separator and effect) or FINDING_SEPARATOR in effect:
                raise ValueError(
                    f"Document {self.id}: finding {pair!r} is not an outcome:effect pair."
                )

    @property
    def evidence_rank(self) -> int:
        """What `sort=evidence` orders by: the Maryland level (5 strongest), 0 when unrated."""
        values = [self.evidence] if isinstance(self.evidence, str) else self.evidence or ()
        return max((sms_level(str(value)) or 0 for value in values), default=0)

    def published_day(self) -> datetime.date:
        """The publication date; items without one sort as 1 January of their year (or 1970)."""
        if self.published:
            try:
                return datetime.date.fromisoformat(str(self.published))
            except ValueError as error:
                raise ValueError(
                    f"Document {self.id}: published {self.published!r} is not a date."
                ) from error
        if self.year:
            return datetime.date(int(self.year), 1, 1)
        return datetime.date(1970, 1, 1)


def build_search_document(page: Any, *, url: str, version: int) -> SearchDocument:
    """The search document for one research item; `url` is its path on the French site."""
    published = page.publication_date
    filed_under = [
        *page.themes.all(),
        *page.approaches.all(),
        *page.practices.all(),
        *(finding.outcome for finding in page.findings.all()),
    ]
    return SearchDocument(
        id=page.pk,
        url=url,
        title=page.title,
        # The summary in the other language, when there is one, is searched with the summary.
        summary=_joined([page.summary or "", page.other_language_summary or ""]),
        findings=_html_to_text(page.key_findings),
        # Recommendations have no field of their own: they are searched with the body.
        body=_joined([_html_to_text(page.recommendations), _stream_text(page.body)]),
        files_text=_files_text(page),
        authors=[author.name for author in page.authors.all()],
        language=page.language,
        published=published.isoformat(),
        year=published.year,
        organisation=page.organisation.slug,
        partners=_slugs(page.partners.all()),
        type=page.research_type.slug,
        design=page.design.slug,
        evidence=page.evidence.slug,
        approach=_slugs(page.approaches.all()),
        theme=_slugs(page.themes.all()),
        region=[page.region] if page.region else [],
        # The Rencontre edition, by year: presentations carry theirs, studies when presented.
        edition=[str(page.edition.year)] if page.edition is not None else [],
        # Keywords are facet values shown to people: their names, as the analyst wrote them.
        tag=sorted({tag.name for tag in page.tags.all()}),
        # Strategic objectives by their stable codes (e.g. spvm-2018-a4-10).
        objective=sorted({link.objective.code for link in page.objective_links.all()}),
        access=page.access,
        access_organisations=item_access_organisations(page),
        outcome=sorted({finding.outcome.slug for finding in page.findings.all()}),
        effect=sorted({finding.effect.slug for finding in page.findings.all()}),
        practice=_slugs(page.practices.all()),
        finding_pairs=[
            finding_pair(finding.outcome.slug, finding.effect.slug)
            for finding in page.findings.all()
        ],
        labels=_labels(filed_under),
        record_labels=[
            *_labels([page.research_type, page.design]),
            *_organisation_names([page.organisation, *page.partners.all()]),
        ],
        labels_fr=_labels(filed_under, ("label_fr",)),
        labels_en=_labels(filed_under, ("label_en",)),
        version=version,
    )


def finding_pair(outcome: str, effect: str) -> str:
    return f"{outcome}{FINDING_SEPARATOR}{effect}"


def finding_pairs(stored: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """Stored `outcome:effect` values → (outcome, effect) pairs, in their order."""
    pairs = (value.partition(FINDING_SEPARATOR) for value in stored)
    return tuple((outcome, effect) for outcome, _separator, effect in pairs)


def _labels(
    entries: Iterable[Any], languages: tuple[str, ...] = ("label_fr", "label_en")
) -> list[str]:
    """Each vocabulary entry's labels (French and English), once each, in the order given."""
    return list(
        dict.fromkeys(
            label
            for entry in entries
            for label in (getattr(entry, name) for name in languages)
            if label
        )
    )


def _organisation_names(organisations: Iterable[Any]) -> list[str]:
    """Names and short names (acronyms) of the organisations, in both languages."""
    names = (
        (entry.name_fr, entry.name_en, entry.acronym_fr, entry.acronym_en)
        for entry in organisations
    )
    return list(dict.fromkeys(name for group in names for name in group if name))


def _files_text(page: Any) -> str:
    """The text extracted from the item's files, in the analyst's order, one block per file."""
    return _joined(link.document.extracted_text for link in page.files.all())


def _stream_text(body: Any) -> str:
    """The words of a StreamField body, read from its stored JSON (no database lookups)."""
    blocks = getattr(body, "raw_data", body) or []
    return _joined(_block_text(block.get("type"), block.get("value")) for block in blocks)


def _block_text(block_type: str | None, value: Any) -> str:
    if block_type == "paragraph":
        return _html_to_text(value)
    if block_type in ("heading", "quote"):
        return str(value or "")
    if block_type == "table" and isinstance(value, dict):
        rows = value.get("data") or []
        cells = [" ".join(str(cell) for cell in row or [] if cell) for row in rows]
        return _joined([str(value.get("table_caption") or ""), *cells], separator="\n")
    if block_type == "image" and isinstance(value, dict) and not value.get("decorative"):
        return str(value.get("alt_text") or "")
    return ""


def _html_to_text(html: Any) -> str:
    """The visible text of an HTML fragment (rich text), block elements on their own lines."""
    if not html:
        return ""
    source = getattr(html, "source", html)  # Wagtail's RichText wraps its HTML
    parser = _TextCollector()
    parser.feed(str(source))
    parser.close()
    return parser.text()


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self._parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in _BLOCK_TAGS:
            self._parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self._parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self._parts).split("\n"))
        return "\n".join(line for line in lines if line)


def _joined(texts: Iterable[str], separator: str = "\n\n") -> str:
    return separator.join(text for text in texts if text)


def _slugs(entries: Iterable[Any]) -> list[str]:
    """Sorted, so a document does not change when only labels or their order do."""
    return sorted(entry.slug for entry in entries)
