"""The pages of what works: a practice's verdicts and studies, the evidence map, the rule.

Each number is the viewer's (research.evidence), so pages are private to the cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from research.access import Viewer, viewer_for
from research.evidence import (
    ROW_KINDS,
    ROW_LABELS,
    EvidenceScope,
    evidence_cells,
    outcome_entries,
    practice_items,
    practice_regions,
    practice_studies,
    row_entries,
)
from research.models import EvidenceLevel, Practice
from search.evidence_api import scope_of
from search.query import SearchError

STUDIES_PER_PAGE = 20
ROWS_ERROR = _("Choose what the rows show: practices, strategic objectives or themes.")


@require_GET
@cache_control(private=True)
def practice_page(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(Practice, slug=slug)
    viewer = viewer_for(request.user)
    cells = evidence_cells(viewer, "practice", only=practice.slug)
    verdicts = [
        {"value": outcome, "outcome": label, "cell": cells[practice.slug, outcome]}
        for outcome, label in outcome_entries()
        if (practice.slug, outcome) in cells
    ]
    # A practice of a large portal has thousands of studies: a page of them at a time.
    page = Paginator(practice_items(viewer, practice), STUDIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "practice": practice,
        "verdicts": verdicts,
        "page_obj": page,
        "studies": practice_studies(page.object_list),
        "regions": practice_regions(viewer, practice),
    }
    return render(request, "search/practice_page.html", context)


@dataclass(frozen=True)
class MapGrid:
    """The evidence map for one viewer: its rows, columns (outcomes) and cells, with links."""

    rows: str
    scope: EvidenceScope
    columns: list[tuple[str, str]]
    grid: list[dict[str, Any]]

    @property
    def rows_label(self) -> str:
        return str(ROW_LABELS[self.rows])


def map_grid(viewer: Viewer, params) -> MapGrid:
    """The grid the map page, its CSV and its image show, from the same parameters; SearchError
    names a bad one. Labels are in the active language."""
    rows = params.get("rows", "practice")
    if rows not in ROW_KINDS:
        raise SearchError(str(ROWS_ERROR))
    scope = scope_of(params)
    cells = evidence_cells(viewer, rows, scope)
    columns = outcome_entries()
    grid = [
        {
            "value": value,
            "label": label,
            "url": row_url(rows, value),
            "cells": [
                {
                    "value": column,
                    "cell": cells.get((value, column)),
                    "url": cell_url(rows, value, column, scope),
                }
                for column, _label in columns
            ],
        }
        for value, label in row_entries(rows)
    ]
    return MapGrid(rows, scope, columns, grid)


@require_GET
@cache_control(private=True)
def evidence_map(request: HttpRequest) -> HttpResponse:
    rows = request.GET.get("rows", "practice")
    context = {"row_kinds": [(kind, ROW_LABELS[kind]) for kind in ROW_KINDS], "rows": rows}
    try:
        grid = map_grid(viewer_for(request.user), request.GET)
    except SearchError as error:
        context["error"] = str(error)
        return render(request, "search/evidence_map.html", context, status=400)
    context |= {
        "scope": grid.scope,
        "columns": grid.columns,
        "grid": grid.grid,
        "export_query": request.GET.urlencode(),
    }
    return render(request, "search/evidence_map.html", context)


@require_GET
def evidence_rule(request: HttpRequest) -> HttpResponse:
    levels = EvidenceLevel.objects.exclude(slug="unrated")
    return render(request, "search/evidence_rule.html", {"levels": levels})


def row_url(rows: str, value: str) -> str:
    """Where a row leads: the practice's page, or the search filtered by the theme/objective."""
    if rows == "practice":
        return reverse("practice", kwargs={"slug": value})
    return f"{reverse('search_page')}?{urlencode({rows: value})}"


def cell_url(rows: str, value: str, outcome: str, scope: EvidenceScope) -> str:
    """Where a cell leads: the search for the studies behind it (the row's value and the
    outcome), under the map's organisation, region and years."""
    params: list[tuple[str, str | int]] = [(rows, value), ("outcome", outcome)]
    params += [("organisation", slug) for slug in scope.organisations]
    params += [("region", region) for region in scope.regions]
    params += [(name, year) for name, year in scope.years() if year is not None]
    return f"{reverse('search_page')}?{urlencode(params)}"
