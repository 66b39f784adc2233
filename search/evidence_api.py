"""GET /api/v1/practices, /api/v1/practices/<slug>, /api/v1/evidence-map: what works, as JSON.

Same client contract as the search API (search.api.answer): session or personal token, rate
limit, 400/401/429 as JSON, labels in `lang` or the negotiated language. Every number is for
the viewer: computed from the findings of the items they may see (research.evidence).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from research.evidence import (
    ROW_KINDS,
    Cell,
    EvidenceScope,
    evidence_cells,
    outcome_entries,
    practice_items,
    practice_studies,
    row_entries,
)
from research.models import Practice
from search.api import answer, api_viewer
from search.params import evidence_scope, facet_filters, interpret, years
from search.params import paging as paging_of
from search.presentation import url_in_language
from search.query import SearchError


@require_GET
def practices_api(request: HttpRequest) -> HttpResponse:
    return answer(request, _practices_payload)


@require_GET
def practice_api(request: HttpRequest, slug: str) -> HttpResponse:
    return answer(request, lambda request, language: _practice_payload(request, language, slug))


@require_GET
def evidence_map_api(request: HttpRequest) -> HttpResponse:
    return answer(request, _map_payload)


def _practices_payload(request: HttpRequest, language: str) -> JsonResponse:
    cells = evidence_cells(api_viewer(request), "practice")
    outcomes = outcome_entries()
    return JsonResponse(
        {
            "practices": [
                _practice(practice, cells, outcomes, language)
                for practice in Practice.objects.all()
            ]
        }
    )


def _practice_payload(request: HttpRequest, language: str, slug: str) -> JsonResponse:
    practice = Practice.objects.filter(slug=slug).first()
    if practice is None:
        return JsonResponse(
            {"error": _("No practice with the slug %(slug)s.") % {"slug": slug}}, status=404
        )
    paging = interpret(request.GET, paging_of)
    viewer = api_viewer(request)
    cells = evidence_cells(viewer, "practice", only=practice.slug)
    payload = _practice(practice, cells, outcome_entries(), language)
    # Paged like the search: a practice of a large portal has thousands of studies.
    items = practice_items(viewer, practice)
    first = (paging["page"] - 1) * paging["size"]
    page = items[first : first + paging["size"]]
    payload |= {"total": items.count(), "page": paging["page"], "size": paging["size"]}
    payload["studies"] = [
        {
            "id": study.item.pk,
            "title": study.item.title,
            "url": url_in_language(study.item.url or "", language),
            "evidence": {"value": study.item.evidence.slug, "label": study.item.evidence.label},
            "findings": [
                {
                    "outcome": {"value": f.outcome.slug, "label": f.outcome.label},
                    "effect": {"value": f.effect.slug, "label": f.effect.label},
                }
                for f in study.findings
            ],
        }
        for study in practice_studies(page)
    ]
    return JsonResponse(payload)


def _practice(practice: Practice, cells: dict, outcomes: list, language: str) -> dict:
    verdicts = []
    for outcome, label in outcomes:
        cell: Cell | None = cells.get((practice.slug, outcome))
        if cell is None:
            continue
        verdicts.append(
            {
                "outcome": {"value": outcome, "label": label},
                "verdict": cell.verdict,
                "findings": cell.findings,
                "studies": cell.studies,
                "strongest": cell.strongest,
            }
        )
    return {
        "slug": practice.slug,
        "label": practice.label,
        "url": reverse("practice", kwargs={"slug": practice.slug}),
        "verdicts": verdicts,
    }


def _map_payload(request: HttpRequest, language: str) -> JsonResponse:
    rows = request.GET.get("rows", "practice")
    if rows not in ROW_KINDS:
        raise SearchError(_("rows must be one of %(kinds)s.") % {"kinds": ", ".join(ROW_KINDS)})
    cells = evidence_cells(api_viewer(request), rows, scope_of(request.GET))
    return JsonResponse(
        {
            "rows": [{"value": value, "label": label} for value, label in row_entries(rows)],
            "columns": [{"value": value, "label": label} for value, label in outcome_entries()],
            "cells": [
                {
                    "row": row,
                    "column": column,
                    "findings": cell.findings,
                    "verdict": cell.verdict,
                }
                for (row, column), cell in sorted(cells.items())
            ],
        }
    )


def scope_of(params) -> EvidenceScope:
    """The map's filters: the search's organisation, region and years, and `local`."""
    read = interpret(params, years, facet_filters, evidence_scope)
    return EvidenceScope(
        organisations=read["filters"]["organisation"],
        regions=read["filters"]["region"],
        year_from=read["year_from"],
        year_to=read["year_to"],
        local_only=read["local_only"],
    )
