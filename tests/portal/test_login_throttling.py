"""Login throttling (django-axes) on the public sign-in and the admin sign-in.

A user name is locked out from one address after LOGIN_FAILURE_LIMIT (5) wrong passwords, for
the cool-off (15 minutes); behind the proxy, the address is the client's, not the proxy's.
"""

import datetime
import re

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from portal.models import Membership, Organisation

PASSWORD = "Une-phrase-de-passe-solide-2024"
PROXY = "10.0.0.5"


@pytest.fixture
def member(db):
    user = get_user_model().objects.create_user("analyste", password=PASSWORD)
    Membership.objects.create(user=user, organisation=Organisation.objects.get(slug="spvm"))
    return user


def sign_in(client, password, url="/fr/connexion/", **extra):
    return client.post(url, {"username": "analyste", "password": password}, **extra)


def fail(client, times, url="/fr/connexion/", **extra):
    for _ in range(times):
        response = sign_in(client, "mauvais", url, **extra)
    return response


def test_five_wrong_passwords_lock_the_account_with_a_french_message(client, member):
    assert fail(client, 4).status_code == 200  # the form again, with its error
    response = fail(client, 1)
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    html = response.content.decode()
    assert "Trop de tentatives de connexion échouées" in html
    assert (
        "La connexion avec ce nom d'utilisateur est bloquée pendant 15 minutes après trop de "
        "mots de passe erronés." in html
    )
    # Even the right password is refused while locked out.
    assert sign_in(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_english_sign_in_says_it_in_english(client, member):
    response = fail(client, 5, url="/en/sign-in/")
    assert response.status_code == 429
    assert (
        "Signing in with this user name is blocked for 15 minutes after too many wrong "
        "passwords." in response.content.decode()
    )


def test_the_account_opens_again_after_the_cool_off(client, member):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        fail(client, 5)
        assert sign_in(client, PASSWORD).status_code == 429
        traveller.shift(datetime.timedelta(minutes=14))
        assert sign_in(client, PASSWORD).status_code == 429
        # Counted from the last failure (the refused right password counts as one).
        traveller.shift(datetime.timedelta(minutes=16))
        response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_a_successful_sign_in_forgets_earlier_failures(client, member):
    fail(client, 4)
    assert sign_in(client, PASSWORD).status_code == 302
    client.logout()
    assert fail(client, 4).status_code == 200


def test_the_admin_sign_in_is_throttled_too(client, db):
    get_user_model().objects.create_superuser("analyste", "a@example.org", PASSWORD)
    response = fail(client, 5, url="/admin/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    page = response.content.decode()
    assert "wagtailadmin/css/core.css" in page  # the admin's own look
    assert "Signing in with this user name is blocked for 15 minutes" in page
    assert sign_in(client, PASSWORD, url="/admin/login/").status_code == 429


def test_behind_the_proxy_each_client_address_counts_apart(client, member, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    first = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    second = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.20"}
    assert fail(client, 5, **first).status_code == 429
    # A colleague elsewhere, reaching the site through the same proxy, is not locked out.
    assert sign_in(client, PASSWORD, **second).status_code == 302


def test_a_forged_forwarded_for_does_not_escape_the_lockout(client, member, settings):
    """Without a trusted proxy, X-Forwarded-For is the client's own claim and is ignored."""
    settings.TRUSTED_PROXIES = []
    for number in range(5):
        response = sign_in(client, "mauvais", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert response.status_code == 429
    assert sign_in(client, PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_an_administrator_sees_the_lockout_and_unlocks_it(client, member):
    fail(client, 5)
    administrator = get_user_model().objects.create_superuser("admin", "a@example.org", "x")
    admin_client = Client()
    admin_client.force_login(administrator)
    listing = admin_client.get("/admin/sign_in_lockouts/?q=analyste", HTTP_ACCEPT_LANGUAGE="en")
    assert listing.status_code == 200
    assert "analyste" in listing.content.decode()
    [attempt] = AccessAttempt.objects.all()
    assert attempt.failures_since_start == 5
    assert "mauvais" not in attempt.post_data  # django-axes keeps the form, password masked
    deleted = admin_client.post(f"/admin/sign_in_lockouts/delete/{attempt.pk}/")
    assert deleted.status_code == 302
    assert sign_in(client, PASSWORD).status_code == 302


def test_editors_do_not_see_lockouts(client, member):
    fail(client, 5)
    editor = get_user_model().objects.create_user("redacteur", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    editor_client = Client()
    editor_client.force_login(editor)
    assert editor_client.get("/admin/sign_in_lockouts/").status_code == 302  # "no permission"
    assert AccessAttempt.objects.count() == 1


@pytest.mark.parametrize(("language", "label"), [("fr", "Mot de passe"), ("en", "Password")])
def test_the_admin_sign_in_form_labels_the_password_in_the_visitors_language(
    client, db, language, label
):
    html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=language).content.decode()

    assert re.search(rf'<label[^>]*for="id_password"[^>]*>\s*{label}', html), html[:3000]
