"""Security headers on every kind of response: HTML page, JSON API, file download, admin.

Requests are made as HTTPS behind the proxy (secure=True) with production's HSTS setting.
"""

import pytest
from django.contrib.auth import get_user_model

from portal.models import Membership, Organisation
from tests.worker import samples

PUBLIC_SITE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


@pytest.fixture(autouse=True)
def production_hsts(settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True


def policy(response) -> dict[str, str]:
    """The Content-Security-Policy as {directive: sources}."""
    directives = (part.strip() for part in response["Content-Security-Policy"].split(";"))
    return dict((*part.split(" ", 1), "")[:2] for part in directives if part)


def assert_common_headers(response):
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_an_html_page_forbids_inline_scripts_and_framing(client):
    response = client.get("/fr/", secure=True)
    assert response.status_code == 200
    assert_common_headers(response)
    assert policy(response) == PUBLIC_SITE_POLICY


@pytest.mark.django_db
def test_our_templates_need_no_inline_script_or_style(client):
    html = client.get("/fr/", secure=True).content.decode()
    assert "<script" not in html
    assert "style=" not in html and "<style" not in html


@pytest.mark.django_db
def test_an_api_response_has_the_same_headers(client, search_index):
    response = client.get("/api/v1/search", secure=True)
    assert response.status_code == 200
    assert_common_headers(response)
    assert policy(response)["script-src"] == "'self'"
    assert policy(response)["frame-ancestors"] == "'none'"


@pytest.fixture
def restricted_file(make_research_page, make_document, tmp_path):
    """A community study with an HTML annex and a PDF; a member is signed in to read them."""
    annex = make_document("annexe.html", b"<html><script>alert(1)</script></html>", "Annexe")
    report = make_document(
        "rapport.pdf", samples.pdf(tmp_path / "r.pdf", ["Rapport"]).read_bytes(), "Rapport"
    )
    make_research_page(access="community", files=[annex, report])
    return {"annex": annex, "report": report}


@pytest.fixture
def member(client, db):
    user = get_user_model().objects.create_user("analyste", password="x")
    Membership.objects.create(user=user, organisation=Organisation.objects.get(slug="sq"))
    client.force_login(user)
    return user


def test_a_restricted_download_runs_nothing_and_is_not_stored(client, restricted_file, member):
    response = client.get(restricted_file["annex"].url, secure=True)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Security-Policy"] == (
        "default-src 'none'; frame-ancestors 'none'; sandbox"
    )
    assert response["Cache-Control"] == "private, no-store"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert_common_headers(response)


def test_a_pdf_shown_in_the_browser_is_not_sandboxed(client, restricted_file, member):
    """Chromium and Safari will not start their PDF viewer in a sandboxed document."""
    response = client.get(restricted_file["report"].url, secure=True)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    assert_common_headers(response)


def test_a_refused_download_is_a_404_with_headers(client, restricted_file):
    response = client.get(restricted_file["annex"].url, secure=True)
    assert response.status_code == 404
    assert_common_headers(response)
    assert policy(response) == PUBLIC_SITE_POLICY


@pytest.mark.django_db
def test_the_admin_alone_allows_wagtails_inline_scripts(client):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    response = client.get("/admin/", secure=True)
    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == "'self' 'unsafe-inline'"
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    assert directives["frame-ancestors"] == "'self'"  # the page preview panel
    assert directives["object-src"] == "'none'"
    assert directives["default-src"] == "'self'"


@pytest.mark.django_db
def test_cookies_are_http_only_and_same_site(client):
    response = client.get("/fr/connexion/", secure=True)
    cookie = response.cookies["csrftoken"]
    assert cookie["samesite"] == "Lax"


def test_a_pdf_asked_for_as_a_download_is_an_attachment_and_sandboxed(
    client, restricted_file, member
):
    response = client.get(restricted_file["report"].url, {"download": "1"}, secure=True)
    assert response.status_code == 200
    filename = restricted_file["report"].filename
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    assert response["Content-Security-Policy"] == (
        "default-src 'none'; frame-ancestors 'none'; sandbox"
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
