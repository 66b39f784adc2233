"""A member's saved searches on the site: save, list, open, change, delete, follow, unsubscribe
and read the private feed."""

import datetime
import re

import feedparser
import pytest
from django.core import mail, signing

from alerts.digests import send_due_digests
from alerts.models import Frequency, SavedSearch
from alerts.unsubscribe import SALT, unsubscribe_token
from tests.alerts.conftest import WORD, member, saved_search

pytestmark = pytest.mark.django_db
ACCOUNT = "/fr/compte/"


@pytest.fixture
def signed_in(client):
    user = member("analyste", "spvm")
    client.force_login(user)
    return user


def test_the_search_page_offers_to_save_the_search_and_saving_keeps_its_parameters(
    client, signed_in, search_index
):
    page = client.get(
        "/fr/recherche/", {"q": "gangs", "theme": ["youth", "edi"], "page": "2"}, follow=True
    )
    html = page.content.decode()
    assert 'action="/fr/compte/recherches-enregistrees/nouvelle/"' in html
    (query,) = re.findall(r'name="query" value="([^"]*)"', html)
    response = client.post(
        "/fr/compte/recherches-enregistrees/nouvelle/",
        {"name": "Gangs et jeunes", "frequency": "daily", "query": query.replace("&amp;", "&")},
    )
    saved = SavedSearch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{ACCOUNT}#saved-search-{saved.pk}"
    assert (saved.owner, saved.name, saved.frequency, saved.language) == (
        signed_in, "Gangs et jeunes", "daily", "fr"
    )  # fmt: skip
    assert saved.query == {"q": "gangs", "theme": ["youth", "edi"]}


def test_a_visitor_is_asked_to_sign_in_to_save(client, search_index):
    html = client.get("/en/search/", {"q": "gangs"}).content.decode()
    assert "Sign in to save this search" in html
    assert client.post("/en/account/saved-searches/new/", {"name": "x"}).status_code == 302
    assert not SavedSearch.objects.exists()


def test_a_refused_search_is_not_saved_and_says_why(client, signed_in):
    response = client.post(
        "/fr/compte/recherches-enregistrees/nouvelle/",
        {"name": "Trop", "query": "size=500"},
        follow=True,
    )
    assert "size doit être compris entre 1 et 100." in response.content.decode()
    assert not SavedSearch.objects.exists()


def test_the_account_page_lists_saved_searches_with_new_items_since_last_opened(
    client, signed_in, publish
):
    saved = saved_search(signed_in, {"q": WORD, "theme": ["youth"]})
    saved_search(member("autre", "sq"), name="Pas la mienne")
    publish(f"Étude {WORD} jeunesse", themes=["youth"])
    publish(f"Étude {WORD} route", themes=["road-safety"])
    publish(f"Étude {WORD} réservée SQ", organisation="sq", access="organisation", themes=["youth"])
    html = client.get(ACCOUNT).content.decode()
    assert f"Veille {WORD}" in html and "Pas la mienne" not in html
    assert "1 nouveauté depuis votre dernière visite" in html
    assert "Thème\u00a0: Jeunesse" in html  # the catalogue's French colon
    # Opening runs it on the search page and what it found is no longer new.
    response = client.get(f"/fr/compte/recherches-enregistrees/{saved.pk}/")
    assert response["Location"] == f"/fr/recherche/?q={WORD}&theme=youth"
    assert "0 nouveauté depuis votre dernière visite" in client.get(ACCOUNT).content.decode()


def test_renaming_changing_frequency_and_language_and_deleting(client, signed_in):
    saved = saved_search(signed_in, frequency=Frequency.NONE)
    before = saved.last_digest_at
    client.post(
        f"/fr/compte/recherches-enregistrees/{saved.pk}/modifier/",
        {"name": "Nouveau nom", "frequency": "weekly", "language": "en"},
    )
    saved.refresh_from_db()
    assert (saved.name, saved.frequency, saved.language) == ("Nouveau nom", "weekly", "en")
    assert saved.last_digest_at > before  # alerts switched on start from now
    response = client.post(
        f"/fr/compte/recherches-enregistrees/{saved.pk}/modifier/",
        {"name": "Nouveau nom", "frequency": "hourly", "language": "en"},
        follow=True,
    )
    assert "frequency doit valoir none, daily ou weekly." in response.content.decode()
    client.post(f"/fr/compte/recherches-enregistrees/{saved.pk}/supprimer/")
    assert not SavedSearch.objects.exists()


def test_someone_elses_saved_search_is_404_everywhere(client, signed_in):
    theirs = saved_search(member("autre", "sq"))
    base = f"/fr/compte/recherches-enregistrees/{theirs.pk}/"
    assert client.get(base).status_code == 404
    for action in ("modifier/", "supprimer/", "nouvelle-adresse-du-fil/"):
        assert client.post(base + action, {"name": "x", "frequency": "none"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == f"Veille {WORD}"


def test_following_a_practice_a_theme_and_an_organisation(client, signed_in):
    practice_page = client.get("/fr/pratiques/hot-spots-policing/").content.decode()
    assert 'name="kind" value="practice"' in practice_page
    for kind, value in (
        ("practice", "hot-spots-policing"),
        ("theme", "youth"),
        ("organisation", "sq"),
    ):
        response = client.post(
            "/fr/compte/suivre/", {"kind": kind, "value": value, "next": "/fr/pratiques/x/"}
        )
        assert response["Location"] == "/fr/pratiques/x/"
    followed = {
        (kind, *values): saved
        for saved in SavedSearch.objects.all()
        for kind, values in saved.query.items()
    }
    assert set(followed) == {
        ("practice", "hot-spots-policing"), ("theme", "youth"), ("organisation", "sq")
    }  # fmt: skip
    assert all(saved.frequency == "weekly" for saved in followed.values())
    assert followed["organisation", "sq"].name == "Organisation\u00a0: Sûreté du Québec"
    # Following again keeps one; the button now offers to stop.
    client.post("/fr/compte/suivre/", {"kind": "theme", "value": "youth"})
    assert SavedSearch.objects.count() == 3
    practice_page = client.get("/fr/pratiques/hot-spots-policing/").content.decode()
    assert "Ne plus suivre" in practice_page
    client.post("/fr/compte/suivre/", {"kind": "theme", "value": "youth", "action": "unfollow"})
    assert SavedSearch.objects.count() == 2


@pytest.mark.parametrize(
    ("kind", "value"), [("tag", "x"), ("theme", "no-such-theme"), ("objective", "no-such-code")]
)
def test_only_existing_practices_objectives_themes_and_organisations_can_be_followed(
    client, signed_in, kind, value
):
    client.post("/fr/compte/suivre/", {"kind": kind, "value": value})
    assert not SavedSearch.objects.exists()


def test_an_item_page_offers_to_follow_its_organisation_and_themes(client, signed_in, publish):
    item = publish("Étude suivie", themes=["youth"])
    html = client.get(item.url).content.decode()
    assert 'name="kind" value="organisation"' in html and 'name="value" value="spvm"' in html
    assert 'name="kind" value="theme"' in html and 'name="value" value="youth"' in html
    client.logout()
    assert 'name="kind"' not in client.get(item.url).content.decode()


def test_unsubscribing_works_signed_out_from_the_e_mail_link(client, clock, publish):
    user = member("lectrice", "spvm")
    saved = saved_search(user)
    publish(f"Étude {WORD}")
    clock.shift(datetime.timedelta(days=1))
    send_due_digests()
    (message,) = mail.outbox
    link = message.extra_headers["List-Unsubscribe"][1:-1].removeprefix("http://testserver")
    confirmation = client.get(link)  # a link scanner's GET changes nothing
    assert confirmation.status_code == 200
    assert f"Veille {WORD}" in confirmation.content.decode()
    assert SavedSearch.objects.get().frequency == Frequency.DAILY
    # RFC 8058: the mail client posts without cookies or CSRF token.
    response = client.post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    saved.refresh_from_db()
    assert saved.frequency == Frequency.NONE
    clock.shift(datetime.timedelta(days=1))
    publish(f"Autre étude {WORD}")
    clock.shift(datetime.timedelta(days=1))
    send_due_digests()
    assert len(mail.outbox) == 1


def test_a_forged_or_altered_unsubscribe_link_is_refused(client):
    victim = member("victime", "spvm")
    saved = saved_search(victim)
    token = unsubscribe_token(victim.pk, [saved.pk])
    altered = token[:-2] + ("AA" if token[-2:] != "AA" else "BB")
    forged = signing.dumps({"u": victim.pk, "s": [saved.pk]}, salt=SALT, key="guessed-key")
    other_purpose = signing.dumps({"u": victim.pk, "s": [saved.pk]}, salt="another")
    for bad in (altered, forged, other_purpose, "nothing"):
        assert client.get(f"/fr/desabonnement/{bad}/").status_code == 404
        assert client.post(f"/fr/desabonnement/{bad}/").status_code == 404
    saved.refresh_from_db()
    assert saved.frequency == Frequency.DAILY
    # A genuine token naming someone else's saved search stops nothing of theirs.
    intruder = member("intrus")
    client.post(f"/fr/desabonnement/{unsubscribe_token(intruder.pk, [saved.pk])}/")
    saved.refresh_from_db()
    assert saved.frequency == Frequency.DAILY


def test_the_private_feed_lists_what_its_owner_may_see_and_a_new_address_revokes_it(
    client, signed_in, publish
):
    saved = saved_search(signed_in)
    publish(f"Étude {WORD} publique")
    publish(f"Étude {WORD} SPVM seulement", access="organisation")
    publish(f"Étude {WORD} SQ seulement", organisation="sq", access="organisation")
    url = f"/fr/flux/recherche-enregistree/{saved.pk}/{saved.feed_token}/"
    client.logout()  # a feed reader signs in as nobody
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    feed = feedparser.parse(response.content)
    assert feed.feed.title == f"Passerelle : Veille {WORD}"
    assert {entry.title for entry in feed.entries} == {
        f"Étude {WORD} publique",
        f"Étude {WORD} SPVM seulement",
    }
    assert client.get(url[:-5] + "0000/").status_code == 404
    client.force_login(signed_in)
    client.post(f"/fr/compte/recherches-enregistrees/{saved.pk}/nouvelle-adresse-du-fil/")
    client.logout()
    assert client.get(url).status_code == 404
    saved.refresh_from_db()
    new_url = f"/fr/flux/recherche-enregistree/{saved.pk}/{saved.feed_token}/"
    assert client.get(new_url).status_code == 200
