"""Two-step verification (django-otp, TOTP) for the people who may use the Wagtail admin.

Optional for editors; required for administrators (superusers) when
settings.TWO_STEP_REQUIRED_FOR_ADMINISTRATORS is on, as production has it. Until the session
is verified, such a user reaches only the two-step pages and signing out, wherever they signed
in (the public sign-in too: a password alone never opens an editor's session).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve, reverse
from django_otp import user_has_device

VERIFY_URL_NAME = "two_step_verify"
SETUP_URL_NAME = "two_step_setup"
# Reachable before the second step: leaving, and what the two-step pages themselves load.
OPEN_URL_NAMES = frozenset(
    {
        "logout",
        "wagtailadmin_logout",
        "wagtailadmin_javascript_catalog",
        "wagtailadmin_sprite",
        "healthz",
    }
)


def uses_admin(user) -> bool:
    """True for the people two-step verification is about: those who may use the admin."""
    return user.is_authenticated and (
        user.is_superuser or user.has_perm("wagtailadmin.access_admin")
    )


def two_step_required(user) -> bool:
    return settings.TWO_STEP_REQUIRED_FOR_ADMINISTRATORS and user.is_superuser


def pending_step(user) -> str | None:
    """The URL name the user must go through before anything else, or None."""
    if not user.is_authenticated or user.is_verified() or not uses_admin(user):
        return None
    if user_has_device(user, confirmed=True):
        return VERIFY_URL_NAME
    if two_step_required(user):
        return SETUP_URL_NAME
    return None


class TwoStepMiddleware:
    """Sends a session that still owes its second step to the verification (or set-up) page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = pending_step(request.user)
        if step is None or _url_name(request.path_info) in OPEN_URL_NAMES | {step}:
            return self.get_response(request)
        return redirect_to_login(request.get_full_path(), reverse(step))


def _url_name(path: str) -> str | None:
    try:
        return resolve(path).url_name
    except Resolver404:
        return None
