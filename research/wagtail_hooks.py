"""Admin registration: vocabularies and organisations as snippets, grouped in one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.models import DownloadRecord, Membership, Organisation
from research.editing import may_edit_item
from research.models import Approach, EvidenceLevel, ResearchType, StudyDesign, Theme


class VocabularyViewSet(SnippetViewSet):
    list_display = ["label_fr", "label_en", "slug", "sort_order"]
    search_fields = ["label_fr", "label_en", "slug"]
    ordering = ["sort_order", "label_fr"]


def vocabulary_viewset(vocabulary_model, icon: str) -> type[SnippetViewSet]:
    return type(
        f"{vocabulary_model.__name__}ViewSet",
        (VocabularyViewSet,),
        {"model": vocabulary_model, "icon": icon},
    )


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name_fr", "name_en", "slug", "kind"]
    list_filter = ["kind"]
    search_fields = ["name_fr", "name_en", "slug"]


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = _("Vocabularies")
    menu_icon = "list-ul"
    menu_order = 300
    items = (
        OrganisationViewSet,
        vocabulary_viewset(ResearchType, "doc-full"),
        vocabulary_viewset(StudyDesign, "cogs"),
        vocabulary_viewset(EvidenceLevel, "success"),
        vocabulary_viewset(Approach, "site"),
        vocabulary_viewset(Theme, "tag"),
    )


register_snippet(VocabularyGroup)


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Memberships")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["user", "organisation", "created_at"]
    list_filter = ["organisation"]


class DownloadRecordViewSet(SnippetViewSet):
    """The audit log: read-only for everyone (no add, edit or delete permission is granted)."""

    model = DownloadRecord
    icon = "download"
    menu_label = _("Restricted downloads")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["downloaded_at", "username", "document_title", "access", "client_address"]
    list_filter = ["access"]
    inspect_view_enabled = True


register_snippet(MembershipViewSet)
register_snippet(DownloadRecordViewSet)


def refuse_other_organisations_items(request, page, *args, **kwargs):
    """Wagtail asks these hooks before an edit, delete, copy, move or unpublish of a page."""
    if not may_edit_item(request.user, page):
        return permission_denied(request)
    return None


for hook_name in (
    "before_edit_page",
    "before_delete_page",
    "before_copy_page",
    "before_move_page",
    "before_unpublish_page",
    "before_convert_alias_page",
):
    hooks.register(hook_name, refuse_other_organisations_items)
