"""Admin: vocabularies and organisations, memberships, the download audit, editing rules,
promoting presentations, objective chooser."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.generic.chooser import ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.models import DownloadRecord, Membership, Organisation
from research.admin_access import (
    OrganisationPagePolicy,
    choosable_pages,
    document_policy,
    seen_only_bulk_actions,
)
from research.admin_views import PromotePresentationView
from research.editing import may_edit_item
from research.models import (
    Approach,
    Effect,
    EvidenceLevel,
    Outcome,
    Practice,
    PresentationPage,
    ResearchDocument,
    ResearchType,
    StrategicObjective,
    StudyDesign,
    Theme,
)
from research.translation import submit_page_translation


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
        vocabulary_viewset(Outcome, "crosshairs"),
        vocabulary_viewset(Effect, "resubmit"),
        vocabulary_viewset(Practice, "clipboard-list"),
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


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """An audit log is read, never written by hand: not even superusers add, edit or delete."""

    WRITES = frozenset({"add", "change", "delete"})

    def user_has_permission(self, user, action):
        return action not in self.WRITES and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in self.WRITES])


class DownloadRecordViewSet(SnippetViewSet):
    """The audit log of restricted downloads, to read and filter."""

    model = DownloadRecord

    icon = "download"
    menu_label = _("Restricted downloads")
    menu_order = 320
    add_to_admin_menu = True
    list_display = ["downloaded_at", "username", "document_title", "access", "client_address"]
    list_filter = ["access"]
    inspect_view_enabled = True


register_snippet(MembershipViewSet)
register_permission_policy(DownloadRecord, ViewOnlyPermissionPolicy(DownloadRecord))
register_snippet(DownloadRecordViewSet)


# --- Each organisation's CMS users see and touch only what research.access allows them.

register_permission_policy(Page, OrganisationPagePolicy())
# Wagtail's documents app registers its own policy after these hooks load (from its ready()):
# the exact-class table is consulted first, so this one stays in force.
register_permission_policy(ResearchDocument, document_policy(), exact_class=True)
hooks.register("construct_page_chooser_queryset", choosable_pages)
# After Wagtail's own (order 0): the registry keeps the last action of each name.
for bulk_action in seen_only_bulk_actions():
    hooks.register("register_bulk_action", bulk_action, order=1)


def refuse_other_organisations_items(request, page, *args, **kwargs):
    """Wagtail asks these hooks before an edit, delete, copy, move or unpublish of a page; the
    item's permission tester refuses them first (research.editing)."""
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


# --- Research items are not translated in the CMS (research.translation).


@hooks.register("register_admin_urls", order=-1)
def refuse_research_item_translation():
    """Ahead of simple_translation's own route for the same address (hooks run by order)."""
    return [path("translation/submit/page/<int:page_id>/", submit_page_translation)]


# --- Rencontre and strategic plans: promoting presentations, choosing objectives.


class PromotePresentationMenuItem(PageMenuItem):
    label = _("Promote to a research item")
    icon_name = "doc-full"
    url_name = "research_programme:promote"

    def is_shown(self, user):
        page = self.page.specific_deferred
        return isinstance(page, PresentationPage) and (
            self.page.permissions_for_user(user).can_edit()
        )


@hooks.register("register_page_header_buttons")
def promote_presentation_header_button(page, user, view_name, next_url=None):
    yield PromotePresentationMenuItem(page=page, priority=40)


@hooks.register("register_page_listing_more_buttons")
def promote_presentation_listing_button(page, user, next_url=None):
    yield PromotePresentationMenuItem(page=page, priority=45)


@hooks.register("register_admin_urls")
def register_programme_admin_urls():
    urls = [
        path(
            "presentations/<int:page_id>/promote/",
            PromotePresentationView.as_view(),
            name="promote",
        )
    ]
    return [path("rencontre/", include((urls, "research_programme")))]


class ObjectiveChooseView(ChooseView):
    ordering = ["axis__plan__code", "axis__sort_order", "sort_order"]

    def get_object_list(self):
        return StrategicObjective.objects.select_related("axis__plan")


class ObjectiveChooserViewSet(ChooserViewSet):
    """The chooser research items use to link the strategic objectives they inform."""

    model = StrategicObjective
    icon = "crosshairs"
    choose_one_text = _("Choose a strategic objective")
    choose_another_text = _("Choose another strategic objective")
    choose_view_class = ObjectiveChooseView


@hooks.register("register_admin_viewset")
def register_objective_chooser():
    return ObjectiveChooserViewSet("strategic_objective_chooser")
