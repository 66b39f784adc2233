"""Pages: a French slug under another language's prefix redirects. Admin: the two-step
verification pages, their account menu entry, sign-in lockouts, and the ingest pipeline's pages
(extraction's and indexing's, mounted together, and "Reconcile now")."""

from axes.models import AccessAttempt
from django.http import HttpResponsePermanentRedirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.admin_views import ReconcileView
from portal.security import two_step_views
from portal.security.two_step import SETUP_URL_NAME, VERIFY_URL_NAME
from search import admin_urls as indexing_admin_urls
from worker import admin_urls as extraction_admin_urls


@hooks.register("before_serve_page")
def redirect_to_translated_address(page, request, serve_args, serve_kwargs):
    """/en/etudes/… → /en/studies/…: the address routing found in the visitor's tree."""
    address = getattr(request, "translated_address", None)
    if address is None:
        return None
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{address}?{query}" if query else address)


@hooks.register("register_admin_urls")
def register_two_step_urls():
    return [
        path("two-step/", two_step_views.VerifyView.as_view(), name=VERIFY_URL_NAME),
        path("two-step/setup/", two_step_views.SetupView.as_view(), name=SETUP_URL_NAME),
    ]


@hooks.register("register_admin_urls")
def register_pipeline_admin_urls():
    """Extraction's and indexing's pages, and the reconcile of both, under one namespace: one
    include, since Django reverses only the first of two includes sharing a namespace."""
    urls = [
        *extraction_admin_urls.urlpatterns,
        *indexing_admin_urls.urlpatterns,
        path("search-index/reconcile/", ReconcileView.as_view(), name="reconcile"),
    ]
    return [path("extraction/", include((urls, "research_extraction")))]


@hooks.register("register_account_menu_item")
def two_step_account_menu_item(request):
    return {
        "url": reverse(SETUP_URL_NAME),
        "label": _("Two-step verification"),
        "help_text": _("Ask for a code from an authenticator app after the password."),
    }


class ReadAndDeletePolicy(ModelPermissionPolicy):
    """Failed sign-ins are recorded by django-axes, never written by hand; deleting one unlocks."""

    WRITES = frozenset({"add", "change"})

    def user_has_permission(self, user, action):
        return action not in self.WRITES and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a not in self.WRITES])


class SignInLockoutViewSet(ModelViewSet):
    """Settings → Sign-in lockouts: failed sign-ins by user name and address; delete to unlock."""

    model = AccessAttempt
    icon = "lock"
    menu_label = _("Sign-in lockouts")
    add_to_settings_menu = True
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = ["username", "ip_address", "failures_since_start", "attempt_time"]
    search_fields = ["username", "ip_address"]
    ordering = ["-attempt_time"]
    form_fields = ["username"]  # required by ModelViewSet; editing is refused by the policy


register_permission_policy(AccessAttempt, ReadAndDeletePolicy(AccessAttempt))


@hooks.register("register_admin_viewset")
def register_sign_in_lockouts():
    return SignInLockoutViewSet("sign_in_lockouts")
