"""The CMS applies research.access: Wagtail's page and document permission policies, and the
page views and choosers that ask no policy, each narrowed by the one rule (`CmsUser`).

Items are checked per item by their tester (research.editing.ResearchItemPermissionTester);
listings, searches, the admin API and reports ask the page policy below.
"""

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.http import Http404
from django.shortcuts import get_list_or_404
from django.urls import path
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.admin.views.pages.bulk_actions import (
    DeleteBulkAction,
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
)
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents.views.bulk_actions import (
    AddTagsBulkAction,
    AddToCollectionBulkAction,
)
from wagtail.documents.views.bulk_actions import DeleteBulkAction as DeleteDocumentsBulkAction
from wagtail.models import Page
from wagtail.permission_policies.collections import CollectionOwnershipPermissionPolicy
from wagtail.permission_policies.pages import PagePermissionPolicy

from portal.database_ids import database_id
from research.access import cms_user_for
from research.models import ResearchDocument, ResearchPage


def hidden_items(user):
    """The research items `user` may not read in the CMS, as a queryset of ids."""
    return ResearchPage.objects.hidden_in_cms(user).values("pk")


def unwritable_items(user):
    """The research items `user` may not change in the CMS, as a queryset of ids."""
    return ResearchPage.objects.unwritable_in_cms(user).values("pk")


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


# The names Wagtail's admin routes give the page a view acts on or shows ("pk" in the page
# views' own namespace).
PAGE_PARAMETERS = frozenset(
    {"page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"}
)


class HiddenPagesMiddleware:
    """A view whose address names a research item the user may not read answers 404 before it
    runs: some of Wagtail's show a page's title without asking any policy (the explorer and the
    chooser of its children, a workflow action's "not awaiting moderation" message, a move's
    destination)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_superuser:
            return None
        names = set(PAGE_PARAMETERS)
        if "wagtailadmin_pages" in request.resolver_match.namespaces:
            names.add("pk")
        named = {
            database_id(str(value)) for name, value in view_kwargs.items() if name in names
        } - {None}
        if named and ResearchPage.objects.hidden_in_cms(user).filter(pk__in=named).exists():
            raise Http404
        return None


class OrganisationChosenMultipleView(chooser.ChosenMultipleView):
    """The chooser's answer carries each chosen page's title: pages the user may not see are
    left out."""

    def get(self, request):
        # The tree's root has no parent for Wagtail's answer to name (a 500): it is left out too.
        chosen = Page.objects.filter(pk__in=request.GET.getlist("id"), depth__gt=1)
        request.GET = request.GET.copy()
        request.GET.setlist(
            "id", chosen.exclude(pk__in=hidden_items(request.user)).values_list("pk", flat=True)
        )
        return super().get(request)


# Wagtail's page chooser asks no policy for its chosen pages, and offers no hook: the project
# routes it ahead of the admin's own (portal.urls), behind the same admin-access check.
chooser_urlpatterns = [
    path(
        "admin/choose-page/chosen-multiple/",
        require_admin_access(OrganisationChosenMultipleView.as_view()),
    ),
]


class SeenOnlyBulkAction:
    """A bulk action's confirmation lists every item asked for, those the user may not act on
    with their titles: items the user may not see are left out, as if never asked for."""

    def get_queryset(self, model, object_ids):
        visible = self.visible(self.request.user, model._default_manager.filter(pk__in=object_ids))
        return get_list_or_404(visible)

    @staticmethod
    def visible(user, objects):
        raise NotImplementedError


class SeenPagesOnly(SeenOnlyBulkAction):
    @staticmethod
    def visible(user, pages):
        return pages if user.is_superuser else pages.exclude(pk__in=hidden_items(user))

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        chooser = form.fields.get("chooser")  # a move's destination
        if chooser is not None:
            chooser.queryset = self.visible(self.request.user, chooser.queryset)
        return form


class SeenDocumentsOnly(SeenOnlyBulkAction):
    @staticmethod
    def visible(user, documents):
        return cms_user_for(user).readable_documents(documents)


page_bulk_actions = (DeleteBulkAction, MoveBulkAction, PublishBulkAction, UnpublishBulkAction)
document_bulk_actions = (DeleteDocumentsBulkAction, AddTagsBulkAction, AddToCollectionBulkAction)


def seen_only_bulk_actions():
    """Wagtail's bulk actions on pages and documents, each narrowed to what the user may see."""
    return [
        type(action.__name__, (narrowing, action), {})
        for narrowing, actions in (
            (SeenPagesOnly, page_bulk_actions),
            (SeenDocumentsOnly, document_bulk_actions),
        )
        for action in actions
    ]


class OrganisationPageTypesUsageView(PageTypesUsageReportView):
    """The page types report counts each type's pages and names the last edited one: among the
    pages the user may see."""

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if user.is_superuser:
            return queryset
        filters = self.filters.form.cleaned_data
        pages = Page.objects.exclude(pk__in=hidden_items(user))
        counted = Q(pages__in=pages.values("pk"))
        if filters.get("page_locale"):
            pages = pages.filter(locale__language_code=filters["page_locale"])
            counted &= Q(pages__locale__language_code=filters["page_locale"])
        if filters.get("site"):
            pages = pages.filter(path__startswith=filters["site"])
            counted &= Q(pages__path__startswith=filters["site"])
        latest = pages.filter(content_type=OuterRef("pk")).order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        return queryset.annotate(
            count=Count("pages", filter=counted),
            last_edited_page_id=Subquery(latest.values("pk")[:1]),
        )


# Wagtail's report reads every page, and offers no hook: routed ahead of the admin's own.
report_urlpatterns = [
    path(
        "admin/reports/page-types-usage/",
        require_admin_access(OrganisationPageTypesUsageView.as_view()),
    ),
    path(
        "admin/reports/page-types-usage/results/",
        require_admin_access(OrganisationPageTypesUsageView.as_view(results_only=True)),
    ),
]
