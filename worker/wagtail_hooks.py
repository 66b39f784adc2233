"""Admin: the "Text extraction" menu entry, for whoever may manage documents."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry


class DocumentExtractionMenuItem(MenuItem):
    def is_shown(self, request):
        policy = policy_registry.get_by_type(get_document_model())
        return policy.user_has_any_permission(request.user, ["add", "change", "delete"])


@hooks.register("register_admin_menu_item")
def register_document_extraction_menu_item():
    return DocumentExtractionMenuItem(
        _("Text extraction"),
        reverse("research_extraction:documents"),
        name="text-extraction",
        icon_name="doc-full",
        order=410,
    )
