"""Admin: the two-step verification pages and their entry in the account menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.security import two_step_views
from portal.security.two_step import SETUP_URL_NAME, VERIFY_URL_NAME


@hooks.register("register_admin_urls")
def register_two_step_urls():
    return [
        path("two-step/", two_step_views.VerifyView.as_view(), name=VERIFY_URL_NAME),
        path("two-step/setup/", two_step_views.SetupView.as_view(), name=SETUP_URL_NAME),
    ]


@hooks.register("register_account_menu_item")
def two_step_account_menu_item(request):
    return {
        "url": reverse(SETUP_URL_NAME),
        "label": _("Two-step verification"),
        "help_text": _("Ask for a code from an authenticator app after the password."),
    }
