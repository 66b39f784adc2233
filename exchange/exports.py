"""A search's results as a file: CSV for spreadsheets, citations for reference managers.

GET /api/v1/search/export?format=csv|bibtex|ris|csl-json plus the search API's parameters.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from exchange import citations
from exchange.records import (
    finding_labels,
    items_for_records,
    items_with_metadata,
    practice_labels,
    records_for,
)
from exchange.results import READ_CHUNK, items_in_order, matching_ids
from portal.absolute_urls import page_url
from research.models import ResearchPage
from search.api import answer, api_viewer
from search.params import parse_search_params
from search.query import SearchError

# Columns of the CSV export: what an item page shows to anyone allowed to open it.
CSV_COLUMNS = (
    "id", "title", "url", "published", "year", "language", "organisation", "organisation_name",
    "partners", "type", "type_label", "design", "evidence", "approaches", "themes", "region",
    "tags", "authors", "access", "doi", "external_url",
    # In the requested language: what a reader of the spreadsheet needs without a code list.
    "design_label", "evidence_label", "practices", "findings",
)  # fmt: skip
# A leading character that makes spreadsheets read a cell as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@require_GET
def search_export(request: HttpRequest) -> HttpResponse:
    return answer(request, _export)


def _export(request: HttpRequest, language: str) -> HttpResponse:
    name = request.GET.get("format", "csv")
    if name not in EXPORT_FORMATS:
        raise SearchError(
            _("format must be one of %(formats)s.") % {"formats": ", ".join(EXPORT_FORMATS)}
        )
    params = request.GET.copy()
    params.pop("page", None)
    params.pop("size", None)
    search_request = parse_search_params(params, api_viewer(request))
    export = EXPORT_FORMATS[name]
    # The search runs now, so its refusals are still a 400; the rows are read as they are sent.
    ids = matching_ids(search_request)
    items = items_in_order(ids, export.read(ResearchPage.objects.all()), search_request.viewer)
    content = export.render(items, request)
    if isinstance(content, str):
        response = HttpResponse(content, content_type=export.content_type)
    else:
        response = StreamingHttpResponse(content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="passerelle-search.{export.extension}"'
    return response


def _csv(items: Iterable[ResearchPage], request: HttpRequest) -> Iterator[str]:
    """The CSV file, READ_CHUNK rows at a time, in the language active now."""
    return _csv_chunks(items, request, translation.get_language())


def _csv_chunks(
    items: Iterable[ResearchPage], request: HttpRequest, language: str
) -> Iterator[str]:
    yield "\ufeff"  # lets spreadsheet programs read the file as UTF-8
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(CSV_COLUMNS)
    items = iter(items)
    while True:
        # Sent after the view returns: the labels' language is set again for each chunk.
        with translation.override(language):
            for _row, item in zip(range(READ_CHUNK), items, strict=False):
                writer.writerow([spreadsheet_cell(value) for value in _csv_row(item, request)])
        chunk = output.getvalue()
        if not chunk:
            return
        yield chunk
        output.seek(0)
        output.truncate()


def _csv_row(item: ResearchPage, request: HttpRequest) -> list[str]:
    def slugs(values) -> str:
        return ";".join(sorted(value.slug for value in values.all()))

    return [
        str(item.pk),
        item.title,
        page_url(item, request),
        item.publication_date.isoformat(),
        str(item.year),
        item.language,
        item.organisation.slug,
        item.organisation.name,
        slugs(item.partners),
        item.research_type.slug,
        item.research_type.label,
        item.design.slug,
        item.evidence.slug,
        slugs(item.approaches),
        slugs(item.themes),
        item.region,
        ";".join(sorted(tag.name for tag in item.tags.all())),
        ";".join(author.name for author in item.authors.all()),
        item.access,
        item.doi,
        item.external_url,
        item.design.label,
        item.evidence.label,
        "; ".join(practice_labels(item)),
        "; ".join(finding_labels(item)),
    ]


def spreadsheet_cell(value: str) -> str:
    """Text a spreadsheet shows as text: a leading formula character is quoted."""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def _bibtex(items: Iterable[ResearchPage], request: HttpRequest) -> str:
    return citations.to_bibtex(records_for(items, request))


def _ris(items: Iterable[ResearchPage], request: HttpRequest) -> str:
    return citations.to_ris(records_for(items, request))


def _csl_json(items: Iterable[ResearchPage], request: HttpRequest) -> str:
    records = records_for(items, request)
    return json.dumps(citations.to_csl_json(records), ensure_ascii=False, indent=2)


@dataclass(frozen=True)
class ExportFormat:
    content_type: str
    extension: str
    # What the file reads of each item: a CSV row reads no file, a citation links its PDF.
    read: Callable[[QuerySet[ResearchPage]], QuerySet[ResearchPage]]
    # The whole file, or its parts as they are written (a streamed response).
    render: Callable[[Iterable[ResearchPage], HttpRequest], str | Iterator[str]]


EXPORT_FORMATS: dict[str, ExportFormat] = {
    "csv": ExportFormat("text/csv; charset=utf-8", "csv", items_with_metadata, _csv),
    "bibtex": ExportFormat(
        "application/x-bibtex; charset=utf-8", "bib", items_for_records, _bibtex
    ),
    "ris": ExportFormat(
        "application/x-research-info-systems; charset=utf-8", "ris", items_for_records, _ris
    ),
    "csl-json": ExportFormat(
        "application/vnd.citationstyles.csl+json; charset=utf-8",
        "json",
        items_for_records,
        _csl_json,
    ),
}
