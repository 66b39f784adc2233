"""How much research supports each objective of a plan, per evidence strength, for one viewer,
and what works among the practices that research evaluates.

The counts come from the search service with the viewer's access filter, so each number is
exactly the total the linked search shows that viewer; the verdicts are the practices' own
(research.evidence), over every finding the viewer may see, as the practice pages give them.
The plan page reads them through the `plan_support` template tag (search_tags), since
research's pages do not import search.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation

from research.access import Viewer
from research.evidence import (
    Cell,
    evidence_cells,
    objective_practices,
    outcome_entries,
    row_entries,
)
from research.models import EvidenceLevel
from search.backends import SearchUnavailable
from search.query import SearchRequest
from search.service import search

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class EvidenceCount:
    slug: str
    label: str
    count: int
    url: str


@dataclass(frozen=True)
class OutcomeVerdict:
    value: str
    label: str
    cell: Cell


@dataclass(frozen=True)
class PracticeEvidence:
    """A practice an objective's items evaluate, with its verdict per outcome measured."""

    slug: str
    label: str
    url: str
    verdicts: list[OutcomeVerdict]


@dataclass(frozen=True)
class ObjectiveSupport:
    objective: object
    total: int
    url: str
    by_evidence: list[EvidenceCount] = field(default_factory=list)
    practices: list[PracticeEvidence] = field(default_factory=list)

    @property
    def is_gap(self) -> bool:
        return self.total == 0


@dataclass(frozen=True)
class AxisSupport:
    axis: object
    objectives: list[ObjectiveSupport]


@dataclass(frozen=True)
class PlanSupport:
    axes: list[AxisSupport]
    evidence_levels: list[object]
    # False when the search engine could not answer: the page says so instead of showing zeros.
    available: bool = True

    @property
    def gaps(self) -> int:
        return sum(o.is_gap for axis in self.axes for o in axis.objectives)


def support_counts(viewer: Viewer) -> tuple[dict[str, int], dict[str, dict[str, int]]]:
    """Items per objective, and per objective and evidence level, that `viewer` may see.

    One search for the objective facet, then one per evidence level present: the objective
    facet under an evidence filter counts the items with both.
    """
    overall = search(SearchRequest(facets=("objective", "evidence"), size=1, viewer=viewer))
    totals = {value.value: value.count for value in overall.facets.get("objective", [])}
    by_level: dict[str, dict[str, int]] = defaultdict(dict)
    for level in overall.facets.get("evidence", []):
        if not level.count:
            continue
        narrowed = search(
            SearchRequest(
                filters={"evidence": (level.value,)},
                facets=("objective",),
                size=1,
                viewer=viewer,
            )
        )
        for value in narrowed.facets.get("objective", []):
            by_level[value.value][level.value] = value.count
    return totals, by_level


def plan_support(plan, viewer: Viewer, language: str) -> PlanSupport:
    levels = list(EvidenceLevel.objects.order_by("sort_order"))
    try:
        totals, by_level = support_counts(viewer)
    except SearchUnavailable:
        logger.exception("plan page: the search engine could not count the supporting items")
        totals, by_level, available = {}, {}, False
    else:
        available = True
    with translation.override(language):
        search_url = reverse("search_page")
        practices = practices_by_objective(viewer)
    axes = []
    for axis in plan.axes.order_by("sort_order").prefetch_related("objectives"):
        rows = [
            _objective_row(objective, totals, by_level, levels, search_url, practices)
            for objective in axis.objectives.all()
        ]
        axes.append(AxisSupport(axis=axis, objectives=rows))
    return PlanSupport(axes=axes, evidence_levels=levels, available=available)


def practices_by_objective(viewer: Viewer) -> dict[str, list[PracticeEvidence]]:
    """Objective code → the practices its visible items evaluate (editors' order), each with
    its verdicts for the outcomes it has findings for, in the active language."""
    evaluated = objective_practices(viewer)
    if not evaluated:
        return {}
    cells = evidence_cells(viewer, "practice")
    outcomes = outcome_entries()
    practices = {
        slug: PracticeEvidence(
            slug=slug,
            label=label,
            url=reverse("practice", kwargs={"slug": slug}),
            verdicts=[
                OutcomeVerdict(outcome, outcome_label, cells[slug, outcome])
                for outcome, outcome_label in outcomes
                if (slug, outcome) in cells
            ],
        )
        for slug, label in row_entries("practice")
    }
    return {
        code: [practice for slug, practice in practices.items() if slug in slugs]
        for code, slugs in evaluated.items()
    }


def _objective_row(
    objective, totals, by_level, levels, search_url: str, practices
) -> ObjectiveSupport:
    code = objective.code
    counts = by_level.get(code, {})
    return ObjectiveSupport(
        objective=objective,
        total=totals.get(code, 0),
        url=f"{search_url}?{urlencode({'objective': code})}",
        by_evidence=[
            EvidenceCount(
                slug=level.slug,
                label=level.label,
                count=counts.get(level.slug, 0),
                url=f"{search_url}?{urlencode({'objective': code, 'evidence': level.slug})}",
            )
            for level in levels
        ],
        practices=practices.get(code, []),
    )
