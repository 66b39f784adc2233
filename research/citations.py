"""Citations of research items, as plain text for now.

`format_citation` is the one place that decides how a citation reads: switching to a citation
library (CSL styles such as APA) means replacing that function only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Citation:
    """What a reference to one research item says, independent of any citation style."""

    title: str
    year: int
    publisher: str
    url: str
    authors: tuple[str, ...] = ()
    doi: str = ""


def format_citation(citation: Citation) -> str:
    """Authors (year). Title. Publisher. DOI link or URL."""
    credit = "; ".join(citation.authors) or citation.publisher
    link = f"https://doi.org/{citation.doi}" if citation.doi else citation.url
    parts = [f"{credit} ({citation.year}).", _sentence(citation.title)]
    if citation.authors:
        parts.append(_sentence(citation.publisher))
    parts.append(link)
    return " ".join(part for part in parts if part)


def citation_list(heading: str, citations: Iterable[Citation]) -> str:
    """A numbered list of citations under a heading, one per paragraph."""
    lines = [heading, ""]
    for number, citation in enumerate(citations, start=1):
        lines += [f"{number}. {format_citation(citation)}", ""]
    return "\n".join(lines)


def citation_of(item, request=None) -> Citation:
    """The citation of a research item (a page object read through its attributes)."""
    return Citation(
        title=item.title,
        year=item.publication_date.year,
        publisher=item.organisation.name,
        url=item.get_full_url(request) or "",
        authors=tuple(author.name for author in item.authors.all()),
        doi=item.doi,
    )


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    return text if text[-1] in ".?!" else f"{text}."
