"""Two-step verification for people who use the admin: set up, verify, required, turned off.

Codes are computed from the device's real key, as an authenticator app would.
"""

import html
import io
import re
import time
from base64 import b32decode

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "Une-phrase-de-passe-solide-2024"


def code_for(key: bytes, offset: int = 0) -> str:
    totp = TOTP(key, step=30, digits=6)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def key_shown(page: str) -> bytes:
    """The key the set-up page prints for typing by hand (base32 in groups of four)."""
    secret = re.search(r"<code>([A-Z2-7 ]+)</code>", page)[1].replace(" ", "")
    return b32decode(secret + "=" * (-len(secret) % 8))


@pytest.fixture
def editor(db):
    user = get_user_model().objects.create_user("redacteur", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def administrator(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)


def admin_sign_in(client, user):
    return client.post("/admin/login/", {"username": user.username, "password": PASSWORD})


def set_up(client) -> TOTPDevice:
    page = client.get("/admin/two-step/setup/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert "<svg" in text and "Scan this QR code" in text
    response = client.post("/admin/two-step/setup/", {"code": code_for(key_shown(text))})
    assert response.status_code == 302
    return TOTPDevice.objects.get(confirmed=True)


def test_an_editor_sets_up_an_app_then_needs_a_code_at_each_sign_in(client, editor):
    admin_sign_in(client, editor)
    assert client.get("/admin/").status_code == 200  # optional for editors: not asked yet
    device = set_up(client)
    client.post("/admin/logout/")

    assert admin_sign_in(client, editor).status_code == 302
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/two-step/?next=/admin/pages/"
    response = client.post(
        "/admin/two-step/?next=/admin/pages/",
        {"code": code_for(device.bin_key, offset=30), "next": "/admin/pages/"},
    )
    assert response["Location"] == "/admin/pages/"
    # In: the explorer opens at the home page, where editors' permissions start.
    assert client.get("/admin/pages/", follow=True).status_code == 200


def test_a_wrong_code_is_refused_with_a_message_and_logged(client, editor, caplog):
    admin_sign_in(client, editor)
    device = set_up(client)
    client.post("/admin/logout/")
    admin_sign_in(client, editor)
    right = code_for(device.bin_key, offset=60)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post("/admin/two-step/", {"code": wrong}, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert "Ce code n'est pas celui du moment." in html.unescape(response.content.decode())
    assert client.get("/admin/").status_code == 302
    assert any(getattr(r, "event", "") == "two_step_failed" for r in caplog.records)


def test_signing_in_on_the_public_site_does_not_skip_the_second_step(client, editor):
    admin_sign_in(client, editor)
    set_up(client)
    client.post("/admin/logout/")
    client.post("/fr/connexion/", {"username": "redacteur", "password": PASSWORD})
    response = client.get("/fr/recherche/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-step/?next=/fr/recherche/")


def test_administrators_must_set_it_up_when_required(client, administrator, settings):
    settings.TWO_STEP_REQUIRED_FOR_ADMINISTRATORS = True
    admin_sign_in(client, administrator)
    response = client.get("/admin/")
    assert response["Location"] == "/admin/two-step/setup/?next=/admin/"
    page = client.get("/admin/two-step/setup/", HTTP_ACCEPT_LANGUAGE="fr")
    assert "Les administrateurs doivent utiliser la vérification en deux étapes." in (
        page.content.decode()
    )
    set_up(client)
    assert client.get("/admin/").status_code == 200


def test_editors_are_not_forced_when_administrators_are(client, editor, settings):
    settings.TWO_STEP_REQUIRED_FOR_ADMINISTRATORS = True
    admin_sign_in(client, editor)
    assert client.get("/admin/").status_code == 200


def test_an_editor_turns_it_off_with_a_current_code(client, editor):
    admin_sign_in(client, editor)
    device = set_up(client)
    page = client.get("/admin/two-step/setup/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Pour la désactiver, saisissez le code du moment." in page
    assert 'name="code"' in page and 'name="next"' not in page
    response = client.post("/admin/two-step/setup/", {"code": code_for(device.bin_key, 30)})
    assert response["Location"] == "/admin/account/"
    assert not TOTPDevice.objects.exists()


def test_a_required_administrator_cannot_turn_it_off(client, administrator, settings):
    settings.TWO_STEP_REQUIRED_FOR_ADMINISTRATORS = True
    admin_sign_in(client, administrator)
    device = set_up(client)
    page = client.get("/admin/two-step/setup/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "It is required for administrators, so it cannot be turned off." in page
    # A hand-made request is refused the same (Wagtail's "no permission" redirect).
    response = client.post("/admin/two-step/setup/", {"code": code_for(device.bin_key, 30)})
    assert response["Location"] == "/admin/"
    assert TOTPDevice.objects.filter(confirmed=True).exists()


def test_the_account_page_links_to_it(client, editor):
    admin_sign_in(client, editor)
    page = client.get("/admin/account/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'href="/admin/two-step/setup/"' in page


def test_members_without_admin_access_are_not_concerned(client, db):
    get_user_model().objects.create_user("analyste", password=PASSWORD)
    client.post("/fr/connexion/", {"username": "analyste", "password": PASSWORD})
    assert client.get("/fr/recherche/").status_code == 200
    assert client.get("/admin/two-step/setup/").status_code == 302  # to the admin sign-in


def test_a_lost_phone_is_reset_from_the_command_line(client, editor):
    admin_sign_in(client, editor)
    set_up(client)
    out = io.StringIO()
    call_command("member", "reset-two-step", "redacteur", stdout=out)
    assert out.getvalue().startswith("Two-step verification reset for redacteur")
    assert not TOTPDevice.objects.exists()
    client.post("/admin/logout/")
    admin_sign_in(client, editor)
    assert client.get("/admin/").status_code == 200
    with pytest.raises(CommandError, match="redacteur has no two-step verification to reset"):
        call_command("member", "reset-two-step", "redacteur")
