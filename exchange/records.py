"""Research items → `CitationRecord`s, with absolute links for the outside world (Django glue)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from exchange.citations import CitationRecord, person_from_name
from portal.absolute_urls import absolute_url, page_url
from research.models import ResearchFile, ResearchFinding, ResearchPage

PDF_MIME_TYPE = "application/pdf"


def items_for_records(items: QuerySet[ResearchPage]) -> QuerySet[ResearchPage]:
    """What records read (their files for the PDF link), fetched in a fixed number of queries.

    A file's extracted text is left in the database: it can run to megabytes per file, and a
    record only links the file.
    """
    files = (
        ResearchFile.objects.select_related("document")
        .defer("document__extracted_text")
        .order_by("sort_order", "pk")
    )
    return items_with_metadata(items).prefetch_related(Prefetch("files", queryset=files))


def items_with_metadata(items: QuerySet[ResearchPage]) -> QuerySet[ResearchPage]:
    """What CSV rows and feed entries read: the item and its vocabularies, not its files."""
    findings = ResearchFinding.in_item_order()
    return items.select_related(
        "organisation", "research_type", "design", "evidence"
    ).prefetch_related(
        "authors",
        "partners",
        "approaches",
        "themes",
        "tags",
        "practices",
        Prefetch("findings", queryset=findings),
    )


def finding_labels(item: ResearchPage) -> list[str]:
    """Each finding as "outcome: effect" in the active language, in the item's order."""
    return [
        _("%(outcome)s: %(effect)s") % {"outcome": f.outcome.label, "effect": f.effect.label}
        for f in item.findings.all()
    ]


def findings_note(findings: list[str]) -> str:
    """The findings in one sentence, for a format's note or description."""
    if not findings:
        return ""
    return _("Findings: %(findings)s.") % {"findings": "; ".join(findings)}


def practice_labels(item: ResearchPage) -> list[str]:
    return [practice.label for practice in item.practices.all()]


def record_for(item: ResearchPage, request: HttpRequest) -> CitationRecord:
    """The item's citation record; labels follow the active language."""
    pdf = next(
        (link.document for link in item.files.all() if link.document.mime_type == PDF_MIME_TYPE),
        None,
    )
    findings = finding_labels(item)
    keywords = [theme.label for theme in item.themes.all()]
    keywords += sorted(tag.name for tag in item.tags.all())
    return CitationRecord(
        id=item.pk,
        title=item.title,
        authors=tuple(person_from_name(author.name) for author in item.authors.all()),
        publisher=item.organisation.name,
        published=item.publication_date,
        language=item.language,
        type=item.research_type.slug,
        type_label=item.research_type.label,
        abstract=item.summary,
        keywords=tuple(dict.fromkeys(keywords)),
        doi=item.doi,
        url=page_url(item, request),
        pdf_url=absolute_url(pdf.url, request) if pdf else "",
        region=item.region,
        findings=tuple(findings),
        findings_note=findings_note(findings),
        practices=tuple(practice_labels(item)),
    )


def records_for(items: Iterable[ResearchPage], request: HttpRequest) -> list[CitationRecord]:
    return [record_for(item, request) for item in items]
