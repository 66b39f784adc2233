"""Response headers beyond Django's SecurityMiddleware: the Content-Security-Policy and friends."""

from __future__ import annotations

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse
from django.utils.cache import patch_cache_control

# Powerful browser features the portal never uses, refused to every page and frame.
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
)

# A downloaded file may run nothing, load nothing and be framed by nobody. The sandbox also
# gives it an opaque origin, so an HTML or SVG file opened from the site cannot read it.
DOWNLOAD_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"
# Chromium and Safari refuse to start their PDF viewer in a sandboxed document, so a PDF shown
# in the browser gets the rest of the policy; their viewers run a PDF's scripts apart from
# the page.
INLINE_PDF_POLICY = "default-src 'none'; frame-ancestors 'none'"


def download_headers(content_type: str, content_disposition: str) -> dict[str, str]:
    """The headers that confine a served document, whatever it contains."""
    inline_pdf = content_type == "application/pdf" and not content_disposition.startswith(
        "attachment"
    )
    return {
        "Content-Security-Policy": INLINE_PDF_POLICY if inline_pdf else DOWNLOAD_POLICY,
        "Cross-Origin-Resource-Policy": "same-origin",
        "X-Content-Type-Options": "nosniff",
    }


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware; under the Wagtail admin, settings' admin relaxation applies."""

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        # A view's own policy (csp decorators) is left as it is.
        if parts.config is None and parts.replace is None and _in_admin(request):
            parts.replace = settings.CONTENT_SECURITY_POLICY_ADMIN_REPLACE
        return parts


class SignedInIsPrivateMiddleware:
    """Responses to a signed-in user are `Cache-Control: private`.

    What a member is shown depends on who they are (listings, related items, their account), and
    `Vary: Cookie` alone lets a shared cache keep it. Anonymous responses are the public view.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Without a session cookie nobody is signed in: the session is not even read.
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            patch_cache_control(response, private=True)
        return response


def _in_admin(request) -> bool:
    return request.path_info.startswith(reverse("wagtailadmin_home"))
