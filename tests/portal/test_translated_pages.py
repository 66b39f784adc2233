"""Editorial pages translated in the CMS, and a language switcher that leads to the translation."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale, Page

from portal.models import HomePage, StandardPage
from research.models import ResearchIndexPage, ResearchPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x" * 16)
    client.force_login(admin)
    return client


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def about(home_page):
    page = StandardPage(title="À propos", slug="a-propos", introduction="Ce que fait Passerelle.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def translate(client, page, english, *, subtree=False, **changes):
    """Translate `page` with Wagtail's simple translation, then edit and publish the copy."""
    data = {"locales": [english.pk]}
    if subtree:
        data["include_subtree"] = "on"
    url = reverse("simple_translation:submit_page_translation", args=[page.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    translated = page.get_translation(english).specific
    for name, value in changes.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


def switcher_links(html):
    nav = html[html.index('class="language-switcher"') :]
    return re.findall(r'<a href="([^"]*)" hreflang="(\w+)"', nav[: nav.index("</nav>")])


def test_both_languages_exist_as_locales():
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"fr", "en"}


def test_the_switcher_leads_to_the_translated_page_and_back(
    admin_client, english, home_page, about
):
    translate(admin_client, home_page, english, title="Passerelle (EN)")
    translate(admin_client, about, english, title="About", slug="about", introduction="What it is.")
    admin_client.logout()

    french = admin_client.get("/fr/a-propos/").content.decode()
    assert switcher_links(french) == [("/en/about/", "en")]

    response = admin_client.get("/en/about/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>About</h1>" in page and "What it is." in page
    assert '<html lang="en">' in page
    assert switcher_links(page) == [("/fr/a-propos/", "fr")]


def test_the_translated_home_page_is_the_english_front_page(admin_client, english, home_page):
    translate(admin_client, home_page, english, title="Passerelle, in English")
    admin_client.logout()
    page = admin_client.get("/en/").content.decode()
    assert "<h1>Passerelle, in English</h1>" in page
    assert switcher_links(page) == [("/fr/", "fr")]
    assert switcher_links(admin_client.get("/fr/").content.decode()) == [("/en/", "en")]


def test_a_page_not_yet_translated_is_served_under_both_prefixes(
    admin_client, english, home_page, about
):
    translate(admin_client, home_page, english, title="Passerelle (EN)")
    admin_client.logout()
    # The French page, read with the English interface, until an editor translates it.
    response = admin_client.get("/en/a-propos/")
    assert response.status_code == 200
    assert "<h1>À propos</h1>" in response.content.decode()
    assert switcher_links(admin_client.get("/fr/a-propos/").content.decode()) == [
        ("/en/a-propos/", "en")
    ]


def test_a_draft_translation_is_not_shown(admin_client, english, home_page, about):
    translate(admin_client, home_page, english, title="Passerelle (EN)")
    url = reverse("simple_translation:submit_page_translation", args=[about.pk])
    admin_client.post(url, {"locales": [english.pk]})  # copied, never published
    admin_client.logout()
    assert switcher_links(admin_client.get("/fr/a-propos/").content.decode()) == [
        ("/en/a-propos/", "en")
    ]
    assert "<h1>À propos</h1>" in admin_client.get("/en/a-propos/").content.decode()


def test_research_items_stay_in_their_language_when_the_site_is_translated(
    admin_client, english, home_page, make_research_page
):
    item = make_research_page()
    items_before = ResearchPage.objects.count()

    translate(admin_client, home_page, english, subtree=True, title="Passerelle (EN)")
    english_index = ResearchIndexPage.objects.get(locale=english)
    english_index.title = "Research"
    english_index.save_revision().publish()
    admin_client.logout()

    # The subtree's editorial pages were copied, its research items were not.
    assert ResearchPage.objects.count() == items_before
    assert not ResearchPage.objects.filter(locale=english).exists()
    # The English index lists the French index's items, and their links keep /en/.
    listing = admin_client.get("/en/etudes/").content.decode()
    assert "<h1>Research</h1>" in listing
    assert f'href="/en/etudes/{item.slug}/"' in listing
    response = admin_client.get(f"/en/etudes/{item.slug}/")
    assert response.status_code == 200
    assert switcher_links(response.content.decode()) == [(f"/fr/etudes/{item.slug}/", "fr")]


def test_translating_a_research_item_itself_is_refused_with_a_reason(
    admin_client, english, home_page, make_research_page
):
    item = make_research_page()
    translate(admin_client, home_page, english, subtree=True, title="Passerelle (EN)")
    url = reverse("simple_translation:submit_page_translation", args=[item.pk])
    response = admin_client.post(url, {"locales": [english.pk]}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[item.pk])
    assert "n&#x27;est pas traduite" in response.content.decode()
    assert Page.objects.filter(translation_key=item.translation_key).count() == 1


def test_the_other_pages_still_translate_their_address(client, home_page):
    assert HomePage.objects.count() == 1
    page = client.get("/fr/recherche/", {"q": "violence"}).content.decode()
    assert switcher_links(page) == [("/en/search/?q=violence", "en")]


def test_new_research_items_go_under_the_french_index_only(admin_client, english, home_page):
    translate(admin_client, home_page, english, subtree=True, title="Passerelle (EN)")
    french_index = ResearchIndexPage.objects.get(locale__language_code="fr")
    english_index = ResearchIndexPage.objects.get(locale=english)
    assert ResearchPage.can_create_at(french_index)
    assert not ResearchPage.can_create_at(english_index)
    add_url = reverse("wagtailadmin_pages:add", args=["research", "researchpage", english_index.pk])
    response = admin_client.get(add_url)  # Wagtail refuses and sends the editor back
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
