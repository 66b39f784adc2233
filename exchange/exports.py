"""A search's results as a file: CSV for spreadsheets, citations for reference managers.

GET /api/v1/search/export?format=csv|bibtex|ris|csl-json plus the search API's parameters.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from exchange import citations
from exchange.records import items_for_records, records_for
from exchange.results import matching_items
from research.models import ResearchPage
from search.api import answer, api_viewer
from search.params import parse_search_params
from search.query import SearchError

# Columns of the CSV export: what an item page shows to anyone allowed to open it.
CSV_COLUMNS = (
    "id", "title", "url", "published", "year", "language", "organisation", "organisation_name",
    "partners", "type", "type_label", "design", "evidence", "approaches", "themes", "region",
    "tags", "authors", "access", "doi", "external_url",
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
    items = matching_items(search_request, items_for_records(ResearchPage.objects.all()))
    content_type, extension, render = EXPORT_FORMATS[name]
    response = HttpResponse(render(items, request), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="passerelle-search.{extension}"'
    return response


def _csv(items: list[ResearchPage], request: HttpRequest) -> str:
    output = io.StringIO()
    output.write("\ufeff")  # lets spreadsheet programs read the file as UTF-8
    writer = csv.writer(output)
    writer.writerow(CSV_COLUMNS)
    for item in items:
        writer.writerow([_cell(value) for value in _csv_row(item, request)])
    return output.getvalue()


def _csv_row(item: ResearchPage, request: HttpRequest) -> list[str]:
    def slugs(values) -> str:
        return ";".join(sorted(value.slug for value in values.all()))

    return [
        str(item.pk),
        item.title,
        request.build_absolute_uri(item.get_url(request)),
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
    ]


def _cell(value: str) -> str:
    """Text a spreadsheet shows as text: a leading formula character is quoted."""
    return f"'{value}" if value.startswith(_FORMULA_STARTS) else value


def _bibtex(items: list[ResearchPage], request: HttpRequest) -> str:
    return citations.to_bibtex(records_for(items, request))


def _ris(items: list[ResearchPage], request: HttpRequest) -> str:
    return citations.to_ris(records_for(items, request))


def _csl_json(items: list[ResearchPage], request: HttpRequest) -> str:
    records = records_for(items, request)
    return json.dumps(citations.to_csl_json(records), ensure_ascii=False, indent=2)


# format → (content type, file extension, renderer)
EXPORT_FORMATS: dict[str, tuple[str, str, Callable[[list[ResearchPage], HttpRequest], str]]] = {
    "csv": ("text/csv; charset=utf-8", "csv", _csv),
    "bibtex": ("application/x-bibtex; charset=utf-8", "bib", _bibtex),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris", _ris),
    "csl-json": ("application/vnd.citationstyles.csl+json; charset=utf-8", "json", _csl_json),
}
