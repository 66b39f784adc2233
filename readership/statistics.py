"""Reading statistics as the admin shows them, limited to what each CMS user may see.

Who may see an item's statistics: administrators; otherwise a CMS user who may read the item
(research.access.CmsUser) and either belongs to its publishing organisation or owns it. An
organisation's dashboard is for its members in the CMS and administrators.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from portal.models import Organisation
from readership.models import ANONYMOUS, PUBLIC, DailyReading, ReadingKind
from research.access import cms_user_for
from research.models import ResearchPage

AUDIENCE_LABELS = {
    ANONYMOUS: _("Signed-out readers"),
    PUBLIC: _("Signed-in readers without an organisation"),
}


def items_with_statistics(user) -> QuerySet[ResearchPage]:
    """The research items whose statistics `user` may see in the admin."""
    cms_user = cms_user_for(user)
    items = ResearchPage.objects.all()
    if cms_user.viewer.unrestricted and cms_user.admitted:
        return items
    own = Q(organisation__slug__in=cms_user.viewer.organisations) | Q(owner_id=cms_user.user_id)
    return items.filter(cms_user.readable_filter()).filter(own)


def organisations_for(user) -> QuerySet[Organisation]:
    """The organisations whose dashboard `user` may open."""
    cms_user = cms_user_for(user)
    if not cms_user.admitted:
        return Organisation.objects.none()
    if cms_user.viewer.unrestricted:
        return Organisation.objects.all()
    return Organisation.objects.filter(slug__in=cms_user.viewer.organisations)


def audience_label(audience: str, names: dict[str, str]) -> str:
    if audience in AUDIENCE_LABELS:
        return str(AUDIENCE_LABELS[audience])
    return names.get(audience, audience)


def organisation_names() -> dict[str, str]:
    return {organisation.slug: organisation.name for organisation in Organisation.objects.all()}


@dataclass(frozen=True)
class Period:
    """Whole months, first and last included."""

    first: date
    last: date

    def readings(self, items) -> QuerySet[DailyReading]:
        end = date(self.last.year + self.last.month // 12, self.last.month % 12 + 1, 1)
        return DailyReading.objects.filter(item__in=items, day__gte=self.first, day__lt=end)


@dataclass
class Totals:
    views: int = 0
    downloads: int = 0

    def add(self, kind: str, count: int) -> None:
        if kind == ReadingKind.VIEW:
            self.views += count
        else:
            self.downloads += count


@dataclass
class ItemTotals:
    item: ResearchPage
    totals: Totals = field(default_factory=Totals)
    by_audience: dict[str, Totals] = field(default_factory=lambda: defaultdict(Totals))


def item_totals(items, period: Period) -> list[ItemTotals]:
    """Per item: views and downloads in the period, and by reading audience; most read first."""
    rows = (
        period.readings(items)
        .values("item_id", "kind", "audience")
        .annotate(total=Sum("count"))
        .order_by()
    )
    by_item: dict[int, ItemTotals] = {}
    pages = {page.pk: page for page in ResearchPage.objects.filter(pk__in=items.values("pk"))}
    for row in rows:
        entry = by_item.setdefault(row["item_id"], ItemTotals(pages[row["item_id"]]))
        entry.totals.add(row["kind"], row["total"])
        entry.by_audience[row["audience"]].add(row["kind"], row["total"])
    return sorted(
        by_item.values(),
        key=lambda entry: (-(entry.totals.views + entry.totals.downloads), entry.item.title),
    )


def monthly_rows(items, period: Period) -> list[dict]:
    """(month, item, reading audience) → views and downloads, oldest month first."""
    rows = (
        period.readings(items)
        .annotate(month=TruncMonth("day"))
        .values("month", "item_id", "item__title", "item__organisation__slug", "audience", "kind")
        .annotate(total=Sum("count"))
        .order_by("month", "item__title", "item_id", "audience")
    )
    table: dict[tuple, dict] = {}
    for row in rows:
        key = (row["month"], row["item_id"], row["audience"])
        entry = table.setdefault(
            key,
            {
                "month": row["month"],
                "item_id": row["item_id"],
                "title": row["item__title"],
                "publisher": row["item__organisation__slug"],
                "audience": row["audience"],
                "totals": Totals(),
            },
        )
        entry["totals"].add(row["kind"], row["total"])
    return list(table.values())
