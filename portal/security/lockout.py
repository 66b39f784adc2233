"""Login throttling (django-axes): the page a locked-out visitor sees, and the security log."""

from __future__ import annotations

import logging
import math

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.shortcuts import render
from django.urls import reverse

from portal.security.logs import security_event

LOCKOUT_TEMPLATE = "registration/locked_out.html"
ADMIN_LOCKOUT_TEMPLATE = "portal/admin_locked_out.html"


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' gate, which lets through an authentication made without a request.

    Every sign-in over HTTP (the public and the admin forms) passes its request and is
    throttled; only code that calls authenticate() itself (the test client's login, a shell)
    has none, and there is no client to count then.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def lockout_response(request, original_response=None, credentials=None):
    """429 with the wait in minutes (and Retry-After in seconds), in the page's language."""
    cool_off = get_cool_off(request)
    seconds = math.ceil(cool_off.total_seconds()) if cool_off else None
    context = {"minutes": math.ceil(seconds / 60) if seconds else None}
    in_admin = request.path_info.startswith(reverse("wagtailadmin_home"))
    template = ADMIN_LOCKOUT_TEMPLATE if in_admin else LOCKOUT_TEMPLATE
    response = render(request, template, context, status=429)
    if seconds:
        response["Retry-After"] = str(seconds)
    return response


def login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; only the user name is kept.
    security_event("login_failed", request, username=_username(credentials))


def locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    security_event("login_locked_out", request, username=username or "")


def logged_in(sender, request=None, user=None, **kwargs):
    security_event("login", request, level=logging.INFO, user=user.pk if user else None)


def _username(credentials) -> str:
    return str((credentials or {}).get("username", ""))[:150]


def connect_signal_handlers() -> None:
    user_login_failed.connect(login_failed, dispatch_uid="passerelle-login-failed")
    user_locked_out.connect(locked_out, dispatch_uid="passerelle-locked-out")
    user_logged_in.connect(logged_in, dispatch_uid="passerelle-logged-in")
