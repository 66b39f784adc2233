"""What works, for one viewer: verdicts per practice and outcome, and the evidence map.

Everything is computed from the findings of the live research items the viewer may see
(research.access), by the Maryland rule (research.verdicts): a finding the viewer may not see
never changes a count, a verdict or a cell. Counts are exact database counts, not the index's.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _

from research.access import Viewer
from research.models import (
    Outcome,
    Practice,
    ResearchFinding,
    ResearchObjective,
    ResearchPage,
    StrategicObjective,
    Theme,
)
from research.verdicts import (
    DOES_NOT_WORK,
    LEVEL_PREFIX,
    PROMISING,
    UNKNOWN,
    WORKS,
    Finding,
    strongest,
    verdict,
)

ROW_KINDS = ("practice", "objective", "theme")
VERDICT_LABELS = {
    WORKS: _("Works"),
    PROMISING: _("Promising"),
    DOES_NOT_WORK: _("Does not work"),
    UNKNOWN: _("Not enough evidence"),
}
ROW_LABELS = {
    "practice": _("Practices"),
    "objective": _("Strategic objectives"),
    "theme": _("Themes"),
}


@dataclass(frozen=True)
class EvidenceScope:
    """Which studies count: by organisation, region, publication years, evaluated locally."""

    organisations: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    local_only: bool = False

    def years(self) -> tuple[tuple[str, int | None], tuple[str, int | None]]:
        """The year range as the search's parameters name it."""
        return (("year_from", self.year_from), ("year_to", self.year_to))

    def items(self, viewer: Viewer) -> QuerySet[ResearchPage]:
        return ResearchPage.objects.filter(self.condition(viewer))

    def condition(self, viewer: Viewer, prefix: str = "") -> Q:
        """The live items (under `prefix`, e.g. "page__") the viewer may see in this scope: a
        condition rather than a subquery, so the findings join their items (faster at scale)."""
        fields = {"live": True, "alias_of__isnull": True}
        if self.organisations:
            fields["organisation__slug__in"] = self.organisations
        if self.regions:
            fields["region__in"] = self.regions
        if self.year_from is not None:
            fields["publication_date__year__gte"] = self.year_from
        if self.year_to is not None:
            fields["publication_date__year__lte"] = self.year_to
        if self.local_only:
            fields["evaluated_locally"] = True
        scoped = Q(**{f"{prefix}{name}": value for name, value in fields.items()})
        return scoped & viewer.database_filter(prefix)


@dataclass
class Cell:
    """The findings behind one row and one outcome, and what they add up to."""

    counts: Counter = field(default_factory=Counter)  # Finding → how many
    studies: int = 0  # the distinct items behind the findings

    @property
    def findings(self) -> int:
        return sum(self.counts.values())

    @cached_property
    def verdict(self) -> str:
        return verdict(self.counts)

    @cached_property
    def strongest(self) -> str | None:
        return strongest(self.counts)

    @property
    def verdict_label(self) -> str:
        return str(VERDICT_LABELS[self.verdict])


# From a finding to the values of each row dimension of its item.
ROW_PATHS = {
    "practice": "page__practices__slug",
    "theme": "page__themes__slug",
    "objective": "page__objective_links__objective__code",
}


def evidence_cells(
    viewer: Viewer,
    rows: str = "practice",
    scope: EvidenceScope | None = None,
    *,
    only: str | None = None,
) -> dict[tuple[str, str], Cell]:
    """(row value, outcome slug) → Cell, for each pair with at least one visible finding; of
    the row `only` alone when given (a practice's page).

    Counted by the database, grouped: a finding's effect and its study's evidence level are
    all the rule needs (research.verdicts), so 100,000 studies cost two grouped queries, not
    a Python loop over every finding."""
    if rows not in ROW_PATHS:
        raise ValueError(f"Unknown rows {rows!r}; expected one of {ROW_KINDS}.")
    path = ROW_PATHS[rows]
    findings = ResearchFinding.objects.filter(
        (scope or EvidenceScope()).condition(viewer, "page__")
    )
    findings = findings.filter(**({path: only} if only is not None else {f"{path}__isnull": False}))
    cells: dict[tuple[str, str], Cell] = defaultdict(Cell)
    grouped = (
        findings.values_list(path, "outcome__slug", "effect__slug", "page__evidence__slug")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for value, outcome, effect, evidence, count in grouped:
        cells[value, outcome].counts[Finding(effect, evidence)] += count
    studies = (
        findings.values_list(path, "outcome__slug")
        .annotate(count=Count("page", distinct=True))
        .order_by()
    )
    for value, outcome, count in studies:
        cells[value, outcome].studies = count
    return dict(cells)


def row_entries(rows: str) -> list[tuple[str, str]]:
    """(value, label) of every row of a dimension, in the editors' order."""
    if rows == "practice":
        return [(p.slug, p.label) for p in Practice.objects.all()]
    if rows == "theme":
        return [(t.slug, t.label) for t in Theme.objects.all()]
    if rows == "objective":
        objectives = StrategicObjective.objects.select_related("axis__plan").order_by(
            "axis__plan__code", "axis__sort_order", "sort_order"
        )
        return [(o.code, f"{o.code} — {o.title}") for o in objectives]
    raise ValueError(f"Unknown rows {rows!r}; expected one of {ROW_KINDS}.")


def objective_practices(viewer: Viewer) -> dict[str, set[str]]:
    """Objective code → the practices (slugs) evaluated by its items that the viewer may see."""
    links = (
        ResearchObjective.objects.filter(page__in=EvidenceScope().items(viewer))
        .filter(page__practices__isnull=False)
        .values_list("objective__code", "page__practices__slug")
        .distinct()
    )
    practices: dict[str, set[str]] = defaultdict(set)
    for code, practice in links:
        practices[code].add(practice)
    return dict(practices)


def outcome_entries() -> list[tuple[str, str]]:
    return [(outcome.slug, outcome.label) for outcome in Outcome.objects.all()]


@dataclass(frozen=True)
class PracticeStudy:
    """A visible study behind a practice's verdicts, with its findings (outcome, effect)."""

    item: ResearchPage
    findings: list[ResearchFinding]


def practice_items(viewer: Viewer, practice: Practice) -> QuerySet[ResearchPage]:
    """The studies of this practice the viewer may see, strongest evidence first (SMS 5 to 1,
    then unrated), newest first within a level; ordered by the database, so a page of them
    costs that page."""
    level = Case(
        When(evidence__slug__startswith=LEVEL_PREFIX, then=F("evidence__slug")),
        default=Value(""),
        output_field=CharField(),
    )
    return (
        EvidenceScope()
        .items(viewer)
        .filter(practices=practice)
        .select_related("evidence", "organisation")
        .order_by(level.desc(), "-publication_date", "pk")
    )


def practice_studies(items: Iterable[ResearchPage]) -> list[PracticeStudy]:
    """These studies (a page of practice_items) with their findings, in their order."""
    items = list(items)
    findings: dict[int, list[ResearchFinding]] = defaultdict(list)
    rows = ResearchFinding.objects.filter(page__in=[item.pk for item in items])
    for finding in ResearchFinding.in_item_order(rows):
        findings[finding.page_id].append(finding)
    return [PracticeStudy(item, findings[item.pk]) for item in items]


def practice_regions(viewer: Viewer, practice: Practice) -> list[str]:
    """Where a practice was tried: the distinct regions of its studies the viewer may see."""
    regions = practice_items(viewer, practice).order_by().values_list("region", flat=True)
    return sorted(set(regions.exclude(region="").distinct()))
