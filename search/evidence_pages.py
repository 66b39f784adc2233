"""The pages of what works: a practice's verdicts and studies, the evidence map, the rule.

Each number is the viewer's (research.evidence), so pages are private to the cache.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from research.access import viewer_for
from research.evidence import (
    ROW_KINDS,
    ROW_LABELS,
    evidence_cells,
    outcome_entries,
    practice_studies,
    regions_of,
    row_entries,
)
from research.models import EvidenceLevel, Practice
from search.evidence_api import scope_of
from search.query import SearchError

ROWS_ERROR = _("Choose what the rows show: practices, strategic objectives or themes.")


@require_GET
@cache_control(private=True)
def practice_page(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(Practice, slug=slug)
    viewer = viewer_for(request.user)
    cells = evidence_cells(viewer, "practice")
    verdicts = [
        {"value": outcome, "outcome": label, "cell": cells[practice.slug, outcome]}
        for outcome, label in outcome_entries()
        if (practice.slug, outcome) in cells
    ]
    studies = practice_studies(viewer, practice)
    context = {
        "practice": practice,
        "verdicts": verdicts,
        "studies": studies,
        "regions": regions_of(studies),
    }
    return render(request, "search/practice_page.html", context)


@require_GET
@cache_control(private=True)
def evidence_map(request: HttpRequest) -> HttpResponse:
    rows = request.GET.get("rows", "practice")
    context = {"row_kinds": [(kind, ROW_LABELS[kind]) for kind in ROW_KINDS], "rows": rows}
    try:
        if rows not in ROW_KINDS:
            raise SearchError(str(ROWS_ERROR))
        scope = scope_of(request.GET)
    except SearchError as error:
        context["error"] = str(error)
        return render(request, "search/evidence_map.html", context, status=400)
    cells = evidence_cells(viewer_for(request.user), rows, scope)
    columns = outcome_entries()
    context |= {
        "scope": scope,
        "columns": columns,
        "grid": [
            {
                "value": value,
                "label": label,
                "url": row_url(rows, value),
                "cells": [
                    {
                        "cell": cells.get((value, column)),
                        "url": cell_url(rows, value, column),
                        "outcome": column,
                    }
                    for column, _label in columns
                ],
            }
            for value, label in row_entries(rows)
        ],
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


def cell_url(rows: str, value: str, outcome: str) -> str:
    """Where a cell leads: the practice's verdict for that outcome, or the row's studies."""
    if rows == "practice":
        return f"{row_url(rows, value)}#outcome-{outcome}"
    return row_url(rows, value)
