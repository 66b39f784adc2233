"""Admin: the Readership menu (statistics, unmet searches, calls for research)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from readership import admin_urls
from readership.admin_views import MARK_CALL, REVIEW_UNMET
from readership.models import CallForResearch
from research.access import cms_user_for


class CallForResearchViewSet(SnippetViewSet):
    model = CallForResearch
    icon = "help"
    list_display = ["question_fr", "question_en", "row_kind", "row_value", "outcome", "created_at"]
    search_fields = ["question_fr", "question_en", "query"]
    add_to_admin_menu = False


register_snippet(CallForResearchViewSet)


@hooks.register("register_admin_urls")
def register_readership_admin_urls():
    return [path("readership/", include((admin_urls.urlpatterns, "readership")))]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return cms_user_for(request.user).admitted


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_readership_menu():
    items = [
        StatisticsMenuItem(
            _("Reading statistics"),
            reverse("readership:statistics"),
            name="reading-statistics",
            icon_name="view",
            order=100,
        ),
        PermissionMenuItem(
            _("Unmet searches"),
            reverse("readership:unmet_searches"),
            name="unmet-searches",
            icon_name="search",
            order=200,
            permission=REVIEW_UNMET,
        ),
        PermissionMenuItem(
            _("Calls for research"),
            reverse("wagtailsnippets_readership_callforresearch:list"),
            name="calls-for-research",
            icon_name="help",
            order=300,
            permission=MARK_CALL,
        ),
    ]
    return SubmenuMenuItem(
        _("Readership"), Menu(items=items), name="readership", icon_name="view", order=330
    )
