"""Admin view of indexing (Settings → Search index): extraction counts, backlog and drift."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from research.admin_views import PipelineManagerRequiredMixin
from research.models import ExtractionStatus, ResearchDocument
from search.backends import SearchUnavailable
from search.indexing import index_status, pipeline_status

RECENT_FAILURES = 20


class SearchIndexView(PipelineManagerRequiredMixin, WagtailAdminTemplateMixin, TemplateView):
    """Counts by extraction status, the outbox backlog, index drift and recent failures."""

    template_name = "search/admin/search_index.html"
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
