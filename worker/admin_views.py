"""Admin views of extraction: documents by extraction status, and retrying the failed ones."""

from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.documents.views.documents import DocumentsFilterSet
from wagtail.documents.views.documents import IndexView as DocumentsIndexView

from research.admin_views import PipelineManagerRequiredMixin
from research.models import ExtractionStatus
from worker.queue import retry_failed_documents


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


@method_decorator(require_POST, name="dispatch")
class RetryFailedView(PipelineManagerRequiredMixin, View):
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
        # The button sits on the search index page (search.admin_views).
        return redirect("research_extraction:search_index")
