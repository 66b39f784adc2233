"""Admin pages: reading statistics (per item, per organisation, CSV) and unmet searches.

Statistics follow readership.statistics (the access policy's CmsUser); unmet searches and calls
for research are for administrators and the Rencontre organisers (model permissions).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from urllib.parse import urlencode

from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from exchange.exports import spreadsheet_cell
from readership import statistics
from readership.forms import CallForResearchForm, suggested_placement
from readership.models import UnmetSearch
from readership.statistics import Period
from readership.unmet import grouped, search_link
from research.access import cms_user_for
from research.models import ResearchPage
from search.thesaurus import current_thesaurus

MONTHS_SHOWN = 12
MOST_READ = 50
UNMET_SHOWN = 50
CSV_COLUMNS = (
    "month", "item_id", "title", "publisher", "reader", "reader_label", "views", "downloads"
)  # fmt: skip
REVIEW_UNMET = "readership.view_unmetsearch"
MARK_CALL = "readership.add_callforresearch"


def month_start(value: date) -> date:
    return value.replace(day=1)


def months_back(start: date, count: int) -> date:
    index = start.year * 12 + start.month - 1 - count
    return date(index // 12, index % 12 + 1, 1)


def parse_month(text: str | None, default: date) -> date:
    """`YYYY-MM` → its first day; Http404 for anything else (a hand-edited address)."""
    if not text:
        return default
    try:
        year, month = (int(part) for part in text.split("-"))
        return date(year, month, 1)
    except ValueError as error:
        raise Http404("Months are written YYYY-MM.") from error


def requested_period(request) -> Period:
    """`from` and `to` months (YYYY-MM); by default the last twelve, this one included."""
    this_month = month_start(timezone.localdate())
    last = parse_month(request.GET.get("to"), this_month)
    first = parse_month(request.GET.get("from"), months_back(last, MONTHS_SHOWN - 1))
    if first > last:
        first, last = last, first
    return Period(first, last)


class AdmittedRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not cms_user_for(request.user).admitted:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class PeriodMixin:
    def period_context(self, period: Period) -> dict:
        return {
            "period": period,
            "from_value": period.first.strftime("%Y-%m"),
            "to_value": period.last.strftime("%Y-%m"),
            "period_query": f"from={period.first:%Y-%m}&to={period.last:%Y-%m}",
        }


class ReadingStatisticsView(
    AdmittedRequiredMixin, PeriodMixin, WagtailAdminTemplateMixin, TemplateView
):
    """The items whose statistics the user may see, most read first, and their dashboards."""

    template_name = "readership/admin/statistics.html"
    page_title = _("Reading statistics")
    header_icon = "view"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = requested_period(self.request)
        items = statistics.items_with_statistics(self.request.user)
        names = statistics.organisation_names()
        context |= self.period_context(period)
        context["rows"] = [
            {"entry": entry, "readers": _readers(entry, names)}
            for entry in statistics.item_totals(items, period)[:MOST_READ]
        ]
        context["organisations"] = statistics.organisations_for(self.request.user)
        return context


class ItemStatisticsView(
    AdmittedRequiredMixin, PeriodMixin, WagtailAdminTemplateMixin, TemplateView
):
    """One item, per month and reading organisation."""

    template_name = "readership/admin/item_statistics.html"
    header_icon = "view"

    def get_page_title(self):
        return _("Reading statistics: %(title)s") % {"title": self.item.title}

    def dispatch(self, request, item_id):
        # The same refusal for an item that does not exist: its existence stays unsaid.
        self.item = statistics.items_with_statistics(request.user).filter(pk=item_id).first()
        if self.item is None:
            return permission_denied(request)
        return super().dispatch(request, item_id)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = requested_period(self.request)
        items = ResearchPage.objects.filter(pk=self.item.pk)
        names = statistics.organisation_names()
        context |= self.period_context(period)
        context["item"] = self.item
        context["rows"] = [
            row | {"reader": statistics.audience_label(row["audience"], names)}
            for row in statistics.monthly_rows(items, period)
        ]
        return context


class OrganisationDashboardView(
    AdmittedRequiredMixin, PeriodMixin, WagtailAdminTemplateMixin, TemplateView
):
    """An organisation's most read items, and which other organisations read them."""

    template_name = "readership/admin/organisation_dashboard.html"
    header_icon = "group"

    def get_page_title(self):
        return _("Readership of %(organisation)s") % {"organisation": self.organisation.name}

    def dispatch(self, request, slug):
        self.organisation = statistics.organisations_for(request.user).filter(slug=slug).first()
        if self.organisation is None:
            return permission_denied(request)
        return super().dispatch(request, slug)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        period = requested_period(self.request)
        items = statistics.items_with_statistics(self.request.user).filter(
            organisation=self.organisation
        )
        names = statistics.organisation_names()
        context |= self.period_context(period)
        context["organisation"] = self.organisation
        context["rows"] = [
            {
                "entry": entry,
                "other_organisations": [
                    reader
                    for reader in _readers(entry, names)
                    if reader["organisation"] and reader["audience"] != self.organisation.slug
                ],
            }
            for entry in statistics.item_totals(items, period)[:MOST_READ]
        ]
        return context


def _readers(entry, names) -> list[dict]:
    """Who read an item, most reads first."""
    readers = [
        {
            "audience": audience,
            "label": statistics.audience_label(audience, names),
            "organisation": audience not in statistics.AUDIENCE_LABELS,
            "totals": totals,
        }
        for audience, totals in entry.by_audience.items()
    ]
    return sorted(readers, key=lambda r: (-(r["totals"].views + r["totals"].downloads), r["label"]))


class StatisticsExportView(AdmittedRequiredMixin, View):
    """CSV: month, item, publisher, reader, views, downloads; `item` narrows to one item."""

    def get(self, request):
        period = requested_period(request)
        items = statistics.items_with_statistics(request.user)
        if request.GET.get("item"):
            items = items.filter(pk=_whole_number(request.GET["item"]))
        names = statistics.organisation_names()
        output = io.StringIO()
        output.write("\ufeff")  # lets spreadsheet programs read the file as UTF-8
        writer = csv.writer(output)
        writer.writerow(CSV_COLUMNS)
        for row in statistics.monthly_rows(items, period):
            writer.writerow(
                [
                    row["month"].strftime("%Y-%m"),
                    str(row["item_id"]),
                    spreadsheet_cell(row["title"]),
                    row["publisher"],
                    row["audience"],
                    spreadsheet_cell(statistics.audience_label(row["audience"], names)),
                    str(row["totals"].views),
                    str(row["totals"].downloads),
                ]
            )
        response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
        name = f"passerelle-readership-{period.first:%Y-%m}-{period.last:%Y-%m}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError as error:
        raise Http404("item must be a research item's number.") from error


class PermissionRequiredMixin:
    permission = ""

    def dispatch(self, request, *args, **kwargs):
        if not (request.user.is_active and request.user.has_perm(self.permission)):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class UnmetSearchesView(PermissionRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """The month's most frequent unmet searches, FR and EN grouped by meaning."""

    permission = REVIEW_UNMET
    template_name = "readership/admin/unmet_searches.html"
    page_title = _("Unmet searches")
    header_icon = "search"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        this_month = month_start(timezone.localdate())
        month = parse_month(self.request.GET.get("month"), this_month)
        end = months_back(month, -1)
        rows = (
            UnmetSearch.objects.filter(day__gte=month, day__lt=end)
            .values("query", "parameters", "language")
            .annotate(count=Sum("count"))
            .order_by()
        )
        search_page = reverse("search_page")
        context["month"] = month
        context["months"] = [months_back(this_month, back) for back in range(MONTHS_SHOWN)]
        context["questions"] = [
            {
                "question": question,
                "forms": [
                    {"form": form, "url": search_page + search_link(form.query, form.parameters)}
                    for form in question.forms
                ],
                "mark_url": _mark_url(question.main),
            }
            for question in grouped(rows, current_thesaurus())[:UNMET_SHOWN]
        ]
        context["may_mark"] = self.request.user.has_perm(MARK_CALL)
        return context


def _mark_url(form) -> str:
    query = urlencode({"query": form.query, "parameters": form.parameters})
    return f"{reverse('readership:mark_call')}?{query}"


class MarkCallView(PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView):
    """Turn an unmet search into a call for research, worded in both languages."""

    permission = MARK_CALL
    template_name = "readership/admin/mark_call.html"
    page_title = _("Mark as a call for research")
    header_icon = "help"
    form_class = CallForResearchForm

    def get_initial(self):
        query = self.request.GET.get("query", "")
        parameters = self.request.GET.get("parameters", "")
        return {
            "query": query,
            "parameters": parameters,
            "question_fr": query,
            "question_en": query,
            **suggested_placement(query, parameters),
        }

    def form_valid(self, form):
        call = form.save()
        messages.success(
            self.request,
            _("«%(question)s» is now a call for research on the Open questions page.")
            % {"question": call.question},
        )
        return redirect("readership:unmet_searches")
