"""Admin views: promoting presentations; who may manage the ingest pipeline's admin pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page

from research.models import PresentationPage, ResearchPage
from research.promotion import PromotionError, promote_presentation


def may_manage_pipeline(user) -> bool:
    # The pipeline's pages show every organisation's failures and start work for the whole site.
    return user.is_active and user.is_superuser


class PipelineManagerRequiredMixin:
    """For the admin views of extraction and indexing (worker, search and the site's reconcile)."""

    def dispatch(self, request, *args, **kwargs):
        if not may_manage_pipeline(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


class PromotePresentationView(WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then promote a presentation to a research item (see research.promotion)."""

    template_name = "research/admin/promote_presentation.html"
    page_title = _("Promote to a research item")
    header_icon = "doc-full"

    def dispatch(self, request, page_id):
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
