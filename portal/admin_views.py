"""Admin: "Reconcile now", which starts the reconcile of every pipeline stage."""

from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from portal.tasks import request_reconcile
from research.admin_views import PipelineManagerRequiredMixin


@method_decorator(require_POST, name="dispatch")
class ReconcileView(PipelineManagerRequiredMixin, View):
    def post(self, request):
        if request_reconcile():
            messages.success(request, _("The reconcile was started."))
        else:
            messages.error(
                request,
                _("The task queue is unreachable; the periodic reconcile runs once it is back."),
            )
        return redirect("research_extraction:search_index")
