"""The two-step pages of the admin: verify a code, set up an authenticator app, turn it off."""

from __future__ import annotations

import logging
from base64 import b32encode

import segno
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.security.logs import security_event
from portal.security.two_step import two_step_required, uses_admin

VERIFY_TEMPLATE = "portal/two_step/verify.html"
SETUP_TEMPLATE = "portal/two_step/setup.html"
DEVICE_NAME = "Authenticator app"


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Six-digit code"),
        max_length=10,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def __init__(self, *args, device: TOTPDevice, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        allowed, details = self.device.verify_is_allowed()
        if not allowed and details and details.get("locked_until"):
            raise forms.ValidationError(
                _("Too many wrong codes. Wait a few seconds, then enter the current code.")
            )
        if not code.isdigit() or not self.device.verify_token(code):
            raise forms.ValidationError(
                _("This code is not the current one. Check that your device's clock is right.")
            )
        return code


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


class VerifyView(View):
    """The second step of signing in: the current code from the user's authenticator app."""

    def dispatch(self, request, *args, **kwargs):
        self.device = confirmed_device(request.user)
        if self.device is None:
            return redirect(_next_url(request))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(CodeForm(device=self.device))

    def post(self, request):
        form = CodeForm(request.POST, device=self.device)
        if not form.is_valid():
            security_event("two_step_failed", request)
            return self.render(form)
        request.session.cycle_key()  # a new session id for the now fully signed-in user
        otp_login(request, self.device)
        security_event("two_step_verified", request, level=logging.INFO)
        return redirect(_next_url(request))

    def render(self, form):
        context = {"form": form, "next": _next_url(self.request)}
        return render(self.request, VERIFY_TEMPLATE, context)


class SetupView(View):
    """Set up an authenticator app (QR code, then a first code), or turn it off."""

    def dispatch(self, request, *args, **kwargs):
        if not uses_admin(request.user):
            raise PermissionDenied
        self.device = confirmed_device(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if self.device is not None:
            return self.render_enabled(CodeForm(device=self.device))
        return self.render_setup(CodeForm(device=_new_device(request.user)))

    def post(self, request):
        if self.device is not None:
            return self.turn_off(request)
        device = _new_device(request.user)
        form = CodeForm(request.POST, device=device)
        if not form.is_valid():
            return self.render_setup(form)
        TOTPDevice.objects.filter(pk=device.pk).update(confirmed=True)
        device.confirmed = True
        request.session.cycle_key()
        otp_login(request, device)
        security_event("two_step_enabled", request, level=logging.INFO)
        messages.success(request, _("Two-step verification is on."))
        return redirect(_next_url(request))

    def turn_off(self, request):
        if two_step_required(request.user):
            raise PermissionDenied
        form = CodeForm(request.POST, device=self.device)
        if not form.is_valid():
            return self.render_enabled(form)
        TOTPDevice.objects.devices_for_user(request.user, confirmed=None).delete()
        security_event("two_step_disabled", request)
        messages.success(request, _("Two-step verification is off."))
        return redirect("wagtailadmin_account")

    def render_setup(self, form):
        device = form.device
        context = {
            "form": form,
            "next": _next_url(self.request),
            "qr_code": _qr_code(device),
            "secret": _grouped(device),
            "required": two_step_required(self.request.user),
        }
        return render(self.request, SETUP_TEMPLATE, context)

    def render_enabled(self, form):
        context = {
            "form": form,
            "enabled": True,
            "required": two_step_required(self.request.user),
        }
        return render(self.request, SETUP_TEMPLATE, context)


def _new_device(user) -> TOTPDevice:
    """The user's one unconfirmed device: kept while they scan it, so reloads show one key."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def _qr_code(device: TOTPDevice) -> str:
    """The device's otpauth:// URL as inline SVG (segno writes only paths: no script, no style)."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, dark="#000", light="#fff", title=_("QR code to scan")
    )
    return mark_safe(svg)  # noqa: S308 (made here from our own URL, the title escaped by segno)


def _grouped(device: TOTPDevice) -> str:
    """The base32 secret in groups of four, for typing it in by hand."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[start : start + 4] for start in range(0, len(secret), 4))


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")
