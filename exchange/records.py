"""Research items → `CitationRecord`s, with absolute links for the outside world (Django glue)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest

from exchange.citations import CitationRecord, person_from_name
from research.models import ResearchFile, ResearchPage

PDF_MIME_TYPE = "application/pdf"


def items_for_records(items: QuerySet[ResearchPage]) -> QuerySet[ResearchPage]:
    """What records read, fetched in a fixed number of queries."""
    files = ResearchFile.objects.select_related("document").order_by("sort_order", "pk")
    return items.select_related(
        "organisation", "research_type", "design", "evidence"
    ).prefetch_related(
        "authors", "partners", "approaches", "themes", "tags", Prefetch("files", queryset=files)
    )


def record_for(item: ResearchPage, request: HttpRequest) -> CitationRecord:
    """The item's citation record; labels follow the active language."""
    pdf = next(
        (link.document for link in item.files.all() if link.document.mime_type == PDF_MIME_TYPE),
        None,
    )
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
        url=request.build_absolute_uri(item.get_url(request)),
        pdf_url=request.build_absolute_uri(pdf.url) if pdf else "",
        region=item.region,
    )


def records_for(items: Iterable[ResearchPage], request: HttpRequest) -> list[CitationRecord]:
    return [record_for(item, request) for item in items]
