"""The CMS applies research.access: Wagtail's page and document permission policies, and the
page views and choosers that ask no policy, each narrowed by the one rule (`CmsUser`).

Items are checked per item by their tester (research.editing.ResearchItemPermissionTester);
listings, searches, the admin API and reports ask the page policy below.
"""

from django.db.models import Q
from django.http import Http404
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from research.access import cms_user_for
from research.models import ResearchDocument, ResearchPage


def hidden_items(user):
    """The research items `user` may not read in the CMS, as a queryset of ids."""
    readable = ResearchPage.objects.filter(cms_user_for(user).readable_filter())
    return ResearchPage.objects.exclude(pk__in=readable.values("pk")).values("pk")


def unwritable_items(user):
    """The research items `user` may not change in the CMS, as a queryset of ids."""
    writable = ResearchPage.objects.filter(cms_user_for(user).writable_filter())
    return ResearchPage.objects.exclude(pk__in=writable.values("pk")).values("pk")


def may_see_page(user, page) -> bool:
    """Whether the CMS may show `page` (its title, its place in the tree) to `user`."""
    return not ResearchPage.objects.filter(pk=page.pk).filter(pk__in=hidden_items(user)).exists()


def may_act_on_page(user, page) -> bool:
    """Whether Wagtail's page permissions may let `user` act on `page` at all."""
    return not ResearchPage.objects.filter(pk=page.pk, pk__in=unwritable_items(user)).exists()


class OrganisationPagePolicy(PagePermissionPolicy):
    """Wagtail's page permissions, where research items also follow research.access.

    What a user may act on is narrowed to the items they may write; what they may explore
    (listings, admin search, the admin API, site history) to those they may read.
    """

    def instances_user_has_any_permission_for(self, user, actions):
        pages = super().instances_user_has_any_permission_for(user, actions)
        return pages if user.is_superuser else pages.exclude(pk__in=unwritable_items(user))

    def explorable_instances(self, user):
        pages = super().explorable_instances(user)
        if user.is_superuser:
            return pages
        readable = ResearchPage.objects.filter(cms_user_for(user).readable_filter())
        return pages | self.model._default_manager.filter(pk__in=readable.values("pk"))

    def user_has_any_permission_for_instance(self, user, actions, instance):
        allowed = super().user_has_any_permission_for_instance(user, actions, instance)
        return allowed and may_act_on_page(user, instance)


class ResearchDocumentPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's collection permissions, where files also follow the items that use them.

    Choosing a file needs reading it (`CmsUser.readable_documents`); replacing or deleting it,
    writing it (`CmsUser.writable_documents`).
    """

    def instances_user_has_any_permission_for(self, user, actions):
        documents = super().instances_user_has_any_permission_for(user, actions)
        return self._narrowed(user, actions, documents)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not super().user_has_any_permission_for_instance(user, actions, instance):
            return False
        one = self.model._default_manager.filter(pk=instance.pk)
        return self._narrowed(user, actions, one).exists()

    @staticmethod
    def _narrowed(user, actions, documents):
        cms_user = cms_user_for(user)
        if {"change", "delete"} & set(actions):
            return cms_user.writable_documents(documents)
        return cms_user.readable_documents(documents)


def document_policy() -> ResearchDocumentPolicy:
    return ResearchDocumentPolicy(
        ResearchDocument, auth_model="wagtaildocs.Document", owner_field_name="uploaded_by_user"
    )


def choosable_pages(pages, request):
    """The page chooser asks no policy: research items the user may not read are left out."""
    if request.user.is_superuser:
        return pages
    return pages.filter(~Q(pk__in=hidden_items(request.user)))


class OrganisationExplorableIndexView(ExplorableIndexView):
    """The explorer shows its parent page's title and path: only for a page the user may see."""

    def get(self, request, parent_page_id=None):
        if parent_page_id and not may_see_page(request.user, Page(pk=parent_page_id)):
            raise Http404
        return super().get(request, parent_page_id)


class OrganisationPageViewSet(PageViewSet):
    """Wagtail's page views, with the explorer above."""

    index_view_class = OrganisationExplorableIndexView


class OrganisationBrowseView(chooser.BrowseView):
    """The page chooser shows the page it browses: only one the user may see."""

    def get(self, request, parent_page_id=None):
        if parent_page_id and not may_see_page(request.user, Page(pk=parent_page_id)):
            raise Http404
        return super().get(request, parent_page_id)


class OrganisationChosenMultipleView(chooser.ChosenMultipleView):
    """The chooser's answer carries each chosen page's title: pages the user may not see are
    left out."""

    def get(self, request):
        chosen = Page.objects.filter(pk__in=request.GET.getlist("id"))
        request.GET = request.GET.copy()
        request.GET.setlist(
            "id", chosen.exclude(pk__in=hidden_items(request.user)).values_list("pk", flat=True)
        )
        return super().get(request)


# Wagtail's page chooser asks no policy for these two, and offers no hook: the project routes
# them ahead of the admin's own (portal.urls), behind the same admin-access check.
chooser_urlpatterns = [
    path(
        "admin/choose-page/<int:parent_page_id>/",
        require_admin_access(OrganisationBrowseView.as_view()),
    ),
    path(
        "admin/choose-page/chosen-multiple/",
        require_admin_access(OrganisationChosenMultipleView.as_view()),
    ),
]
