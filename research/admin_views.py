"""Admin views: documents by extraction status, the search index, promoting presentations."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.documents.views.documents import DocumentsFilterSet
from wagtail.documents.views.documents import IndexView as DocumentsIndexView

from research.models import ExtractionStatus, PresentationPage, ResearchDocument, ResearchPage
from search.backends import SearchUnavailable
from search.indexing import index_status, pipeline_status
from worker.queue import request_reconcile, retry_failed_documents

RECENT_FAILURES = 20


class ExtractionFilterSet(DocumentsFilterSet):
    class Meta(DocumentsFilterSet.Meta):
        fields = ["status"]


class DocumentExtractionIndexView(DocumentsIndexView):
    """Wagtail's documents listing, with the extraction status as a filter and columns."""

    page_title = _("Documents: text extraction")
    index_url_name = "research_extraction:documents"
    index_results_url_name = "research_extraction:documents_results"
    filterset_class = ExtractionFilterSet

    @cached_property
    def columns(self):
        columns = super().columns
        position = next(i for i, column in enumerate(columns) if column.name == "filename") + 1
        columns[position:position] = [
            StatusTagColumn(
                "get_status_display",
                label=_("Extraction status"),
                sort_key="status",
                primary=lambda document: document.status == ExtractionStatus.INDEXED,
            ),
            Column("reason_text", label=_("Reason")),
        ]
        return columns


def may_manage_search_index(user) -> bool:
    # The view shows every organisation's failures and starts work for the whole site.
    return user.is_active and user.is_superuser


class SuperuserRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_manage_search_index(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class SearchIndexView(SuperuserRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """Counts by extraction status, the outbox backlog, index drift and recent failures."""

    template_name = "research/admin/search_index.html"
    page_title = _("Search index")
    header_icon = "search"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pipeline = pipeline_status()
        context["statuses"] = [
            (status, label, pipeline["documents"][status])
            for status, label in ExtractionStatus.choices
        ]
        context["changes_waiting"] = pipeline["changes_waiting"]
        context["oldest_change_seconds"] = pipeline["oldest_change_seconds"]
        try:
            context["index"] = index_status()
        except SearchUnavailable as error:
            context["index_error"] = str(error)
        context["failures"] = recent_failures()
        context["documents_url"] = reverse("research_extraction:documents")
        return context


def recent_failures():
    unsuccessful = (ExtractionStatus.FAILED, ExtractionStatus.REFUSED)
    return ResearchDocument.objects.filter(status__in=unsuccessful).order_by(
        "-extracted_at", "-pk"
    )[:RECENT_FAILURES]


@method_decorator(require_POST, name="dispatch")
class RetryFailedView(SuperuserRequiredMixin, View):
    def post(self, request):
        retried = retry_failed_documents()
        messages.success(
            request,
            ngettext(
                "%(count)d failed document was queued for extraction again.",
                "%(count)d failed documents were queued for extraction again.",
                len(retried),
            )
            % {"count": len(retried)},
        )
        return redirect("research_extraction:search_index")


@method_decorator(require_POST, name="dispatch")
class ReconcileView(SuperuserRequiredMixin, View):
    def post(self, request):
        if request_reconcile():
            messages.success(request, _("The reconcile was started."))
        else:
            messages.error(
                request,
                _("The task queue is unreachable; the periodic reconcile runs once it is back."),
            )
        return redirect("research_extraction:search_index")


class PromotePresentationView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then promote a presentation to a research item (see research.promotion)."""

    template_name = "research/admin/promote_presentation.html"
    page_title = _("Promote to a research item")
    header_icon = "doc-full"

    def dispatch(self, request, page_id):
        from wagtail.models import Page

        page = get_object_or_404(Page, pk=page_id).specific
        if not isinstance(page, PresentationPage):
            raise Http404
        if not page.permissions_for_user(request.user).can_edit():
            return permission_denied(request)
        self.presentation = page
        return super().dispatch(request, page_id)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["presentation"] = self.presentation
        context["promoted_item"] = ResearchPage.objects.filter(
            promoted_from=self.presentation
        ).first()
        return context

    def post(self, request, page_id):
        from research.promotion import PromotionError, promote_presentation

        try:
            item = promote_presentation(self.presentation, request.user)
        except PromotionError as error:
            messages.error(request, str(error))
            return redirect("wagtailadmin_pages:edit", self.presentation.pk)
        if item.live:
            message = _("«%(title)s» is now a published research item. Complete its description.")
        else:
            message = _("«%(title)s» is now a draft research item. Complete it, then publish it.")
        messages.success(request, message % {"title": item.title})
        return redirect("wagtailadmin_pages:edit", item.pk)
