"""English that is English: the translated editorial tree with English slugs, the French slugs
redirecting, links everywhere following one rule, and French shown only where no English
exists, marked `lang="fr"` with a "French only" label."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale, Page

from portal.models import HomePage, StandardPage
from research.models import (
    CollectionEntry,
    CollectionIndexPage,
    CollectionPage,
    EditionSession,
    ResearchIndexPage,
    ResearchPage,
    StrategicPlanPage,
)

pytestmark = pytest.mark.django_db

# Every section of the English tree the migrations install: its address and its heading.
ENGLISH_SECTIONS = {
    "/en/": "Passerelle",
    "/en/studies/": "Studies",
    "/en/meetings/": "Rencontre meetings",
    "/en/collections/": "Collections",
    "/en/strategic-plans/": "Strategic plans",
}
FRENCH_SLUGS = {
    "/en/etudes/": "/en/studies/",
    "/en/rencontres/": "/en/meetings/",
    "/en/plans-strategiques/": "/en/strategic-plans/",
}


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


def menu_links(html):
    nav = html[html.index('class="site-header__nav"') :]
    return re.findall(r'<a href="([^"]*)"', nav[: nav.index("</nav>")])


def heading(html):
    return re.search(r"<h1([^>]*)>(.*?)</h1>", html, re.S).groups()


def without_tags(html):
    return re.sub(r"<[^>]+>", "", html).strip()


def test_both_languages_exist_as_locales():
    assert set(Locale.objects.values_list("language_code", flat=True)) == {"fr", "en"}


def test_every_section_has_its_english_page_with_an_english_heading(client):
    for url, title in ENGLISH_SECTIONS.items():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="en">' in html
        attributes, text = heading(html)
        # English text in an English page: no lang="fr", no "French only" label.
        assert (attributes, without_tags(text)) == ("", title), url
        assert 'lang="fr"' not in html.split("<main", 1)[1].split("</main>")[0], url
        assert "French only" not in html, url


def test_the_english_hero_paragraph_is_english(client):
    html = client.get("/en/").content.decode()
    hero = html[html.index('class="hero__intro"') :]
    hero = hero[: hero.index("</div>")]
    assert "lang=" not in hero.split(">", 1)[0]
    assert "publish, find and reuse each other's analyses and research" in hero


def test_french_slugs_under_en_redirect_permanently_to_the_english_ones(
    client, make_research_page, make_edition
):
    item = make_research_page(slug="profilage")
    edition = make_edition(2024)
    edition.save_revision().publish()
    for french, english in FRENCH_SLUGS.items():
        response = client.get(french)
        assert (response.status_code, response["Location"]) == (301, english)
    # Deeper paths and the query string follow; the target is served.
    response = client.get(f"/en/etudes/{item.slug}/", {"from": "feed"})
    assert (response.status_code, response["Location"]) == (
        301,
        f"/en/studies/{item.slug}/?from=feed",
    )
    assert client.get(f"/en/studies/{item.slug}/").status_code == 200
    response = client.get("/en/rencontres/2024/calendar/")
    assert (response.status_code, response["Location"]) == (301, "/en/meetings/2024/calendar/")
    assert client.get("/en/meetings/2024/calendar/").status_code == 200
    # The French site keeps its French addresses.
    assert client.get("/fr/etudes/").status_code == 200
    assert client.get("/fr/studies/").status_code == 404


def test_a_missing_page_under_a_french_slug_is_not_told_apart_from_an_existing_one(
    client, make_research_page
):
    """The redirect is decided on the address alone: it says nothing of what exists."""
    make_research_page(slug="interne", access="organisation")
    existing = client.get("/en/etudes/interne/")
    missing = client.get("/en/etudes/pas-de-page/")
    assert (existing.status_code, missing.status_code) == (301, 301)
    assert client.get("/en/studies/interne/").status_code == 404
    assert client.get("/en/studies/pas-de-page/").status_code == 404


def test_menus_and_listings_link_to_english_addresses(client, make_research_page):
    item = make_research_page(slug="profilage")
    html = client.get("/en/studies/").content.decode()
    assert menu_links(html) == [
        "/en/",
        "/en/studies/",
        "/en/evidence-map/",
        "/en/meetings/",
        "/en/collections/",
        "/en/strategic-plans/",
        "/en/search/",
    ]
    assert f'href="/en/studies/{item.slug}/"' in html
    french = client.get("/fr/etudes/").content.decode()
    assert menu_links(french)[:2] == ["/fr/", "/fr/etudes/"]
    assert menu_links(french)[3:6] == [
        "/fr/rencontres/",
        "/fr/collections/",
        "/fr/plans-strategiques/",
    ]


def test_the_switcher_goes_between_french_and_english_addresses(client, make_research_page):
    item = make_research_page(slug="profilage")
    assert switcher_links(client.get("/fr/etudes/").content.decode()) == [("/en/studies/", "en")]
    assert switcher_links(client.get("/en/studies/").content.decode()) == [("/fr/etudes/", "fr")]
    english_item = client.get(f"/en/studies/{item.slug}/").content.decode()
    assert switcher_links(english_item) == [(f"/fr/etudes/{item.slug}/", "fr")]
    french_item = client.get(f"/fr/etudes/{item.slug}/").content.decode()
    assert switcher_links(french_item) == [(f"/en/studies/{item.slug}/", "en")]


def test_renaming_an_english_slug_moves_every_link_with_it(client, make_research_page):
    item = make_research_page(slug="profilage")
    index = ResearchIndexPage.objects.get(locale__language_code="en")
    index.slug = "research"
    index.save_revision().publish()
    assert item.get_url() == f"/fr/etudes/{item.slug}/"
    from django.utils import translation

    with translation.override("en"):
        assert ResearchPage.objects.get(pk=item.pk).get_url() == f"/en/research/{item.slug}/"
    html = client.get("/en/").content.decode()
    assert f'href="/en/research/{item.slug}/"' in html
    assert "/en/research/" in menu_links(html)
    response = client.get("/en/etudes/")
    assert (response.status_code, response["Location"]) == (301, "/en/research/")


def test_a_translated_standard_page_has_its_english_address(admin_client, english, about):
    translate(admin_client, about, english, title="About", slug="about", introduction="What it is.")
    admin_client.logout()

    french = admin_client.get("/fr/a-propos/").content.decode()
    assert switcher_links(french) == [("/en/about/", "en")]
    response = admin_client.get("/en/about/")
    assert response.status_code == 200
    page = response.content.decode()
    assert heading(page) == ("", "About") and "What it is." in page
    assert '<html lang="en">' in page
    assert switcher_links(page) == [("/fr/a-propos/", "fr")]
    response = admin_client.get("/en/a-propos/")
    assert (response.status_code, response["Location"]) == (301, "/en/about/")


def test_a_page_not_yet_translated_is_shown_in_french_marked_french_only(client, about):
    response = client.get("/en/a-propos/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<article lang="fr">' in html
    assert '<h1>À propos <span class="only-in" lang="en">French only</span></h1>' in html
    assert switcher_links(client.get("/fr/a-propos/").content.decode()) == [("/en/a-propos/", "en")]
    # The French page read in French carries neither.
    french = client.get("/fr/a-propos/").content.decode()
    assert "only-in" not in french and '<article lang="fr">' not in french


def test_a_draft_translation_is_not_shown(admin_client, english, about):
    url = reverse("simple_translation:submit_page_translation", args=[about.pk])
    admin_client.post(url, {"locales": [english.pk]})  # copied, never published
    admin_client.logout()
    assert switcher_links(admin_client.get("/fr/a-propos/").content.decode()) == [
        ("/en/a-propos/", "en")
    ]
    assert "À propos" in heading(admin_client.get("/en/a-propos/").content.decode())[1]


def test_a_section_without_its_translation_falls_back_to_french_marked(client):
    """An editor unpublishes the English collections index: the French one is shown, marked."""
    CollectionIndexPage.objects.get(locale__language_code="en").unpublish()
    response = client.get("/en/collections/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<header class="section-header" lang="fr">' in html
    assert '<span class="only-in" lang="en">French only</span>' in html
    assert "Des sélections de recherches" in html


@pytest.fixture
def collection(make_research_page, make_edition):
    item = make_research_page(slug="profilage")
    edition = make_edition(
        2024, theme_en="Data and trust", description_fr="<p>Deux jours.</p>", description_en=""
    )
    edition.sessions = [
        EditionSession(
            title="Confiance du public",
            title_en="Public trust",
            starts_at=timezone.make_aware(datetime.datetime(2024, 5, 14, 9)),
            ends_at=timezone.make_aware(datetime.datetime(2024, 5, 14, 10)),
        ),
        EditionSession(
            title="Points chauds",
            starts_at=timezone.make_aware(datetime.datetime(2024, 5, 14, 11)),
            ends_at=timezone.make_aware(datetime.datetime(2024, 5, 14, 12)),
        ),
    ]
    edition.save_revision().publish()
    page = CollectionPage(
        title="Lectures essentielles",
        title_en="Essential reading",
        slug="lectures",
        introduction="Pour comprendre le profilage.",
        introduction_en="",
        edition=edition,
    )
    page.entries = [
        CollectionEntry(item=item, note="Le portrait de référence.", note_en="The reference.")
    ]
    CollectionIndexPage.objects.get(locale__language_code="fr").add_child(instance=page)
    page.save_revision().publish()
    return page


def test_collections_editions_and_sessions_show_their_english_text(client, collection):
    html = client.get("/en/collections/lectures/").content.decode()
    assert "<title>Essential reading · Passerelle</title>" in html
    assert "<h1><span>Essential reading</span></h1>" in html
    assert "<span>The reference.</span>" in html
    listing = client.get("/en/collections/").content.decode()
    assert '<a href="/en/collections/lectures/">Essential reading</a>' in listing

    edition = client.get("/en/meetings/2024/").content.decode()
    assert '<p class="lead">Data and trust</p>' in edition
    assert "<span>Public trust</span></h3>" in edition
    assert 'href="/en/collections/lectures/">Essential reading</a>' in edition


def test_a_missing_english_text_shows_the_french_one_marked_french_only(client, collection):
    label = ' <span class="only-in" lang="en">French only</span>'
    html = client.get("/en/collections/lectures/").content.decode()
    assert f'<p class="lead" lang="fr">Pour comprendre le profilage.{label}</p>' in html
    listing = client.get("/en/collections/").content.decode()
    assert (
        f'<p class="research-card__summary" lang="fr">Pour comprendre le profilage.{label}</p>'
        in (listing)
    )
    edition = client.get("/en/meetings/2024/").content.decode()
    assert f'<span lang="fr">Points chauds</span>{label}</h3>' in edition
    assert f'<section class="edition__description" lang="fr"><p>Deux jours.</p>{label}' in edition
    # In French, French text is unmarked.
    french = client.get("/fr/rencontres/2024/").content.decode()
    assert "only-in" not in french and 'lang="fr"' not in french.split("<main", 1)[1]


def test_a_plan_without_an_english_title_is_marked(client, home_page):
    from portal.models import Organisation
    from research.models import StrategicPlanIndexPage

    plan = StrategicPlanPage(
        title="Plan stratégique 2024",
        slug="plan-2024",
        code="plan-2024",
        organisation=Organisation.objects.get(slug="spvm"),
        period_start=2024,
        period_end=2026,
    )
    StrategicPlanIndexPage.objects.get(locale__language_code="fr").add_child(instance=plan)
    plan.save_revision().publish()
    listing = client.get("/en/strategic-plans/").content.decode()
    assert (
        '<a href="/en/strategic-plans/plan-2024/" lang="fr">Plan stratégique 2024</a> '
        '<span class="only-in" lang="en">French only</span>'
    ) in listing
    html = client.get("/en/strategic-plans/plan-2024/").content.decode()
    assert heading(html) == (
        "",
        '<span lang="fr">Plan stratégique 2024</span> '
        '<span class="only-in" lang="en">French only</span>',
    )


def test_research_items_stay_in_their_language_when_the_site_is_translated_again(
    admin_client, english, home_page, make_research_page
):
    """An editor removed the English tree and translates the home page with its subtree."""
    item = make_research_page()
    HomePage.objects.get(locale=english).delete()
    items_before = ResearchPage.objects.count()

    translate(admin_client, home_page, english, subtree=True, title="Passerelle (EN)")
    english_index = ResearchIndexPage.objects.get(locale=english)
    english_index.title = "Research"
    english_index.slug = "research"
    english_index.save_revision().publish()
    admin_client.logout()

    # The subtree's editorial pages were copied, its research items were not.
    assert ResearchPage.objects.count() == items_before
    assert not ResearchPage.objects.filter(locale=english).exists()
    # The English index lists the French index's items, at its English address.
    listing = admin_client.get("/en/research/").content.decode()
    assert heading(listing)[1].startswith("Research")
    assert f'href="/en/research/{item.slug}/"' in listing
    response = admin_client.get(f"/en/research/{item.slug}/")
    assert response.status_code == 200
    assert switcher_links(response.content.decode()) == [(f"/fr/etudes/{item.slug}/", "fr")]


def test_without_an_english_tree_french_pages_are_served_under_en(client, make_research_page):
    item = make_research_page()
    HomePage.objects.get(locale__language_code="en").delete()
    response = client.get(f"/en/etudes/{item.slug}/")
    assert response.status_code == 200
    html = client.get("/en/").content.decode()
    assert f'href="/en/etudes/{item.slug}/"' in html
    assert '<div class="hero__intro" lang="fr">' in html


def test_translating_a_research_item_itself_is_refused_with_a_reason(
    admin_client, english, make_research_page
):
    item = make_research_page()
    url = reverse("simple_translation:submit_page_translation", args=[item.pk])
    response = admin_client.post(url, {"locales": [english.pk]}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[item.pk])
    assert "n&#x27;est pas traduite" in response.content.decode()
    assert Page.objects.filter(translation_key=item.translation_key).count() == 1


def test_the_other_pages_still_translate_their_address(client, home_page):
    page = client.get("/fr/recherche/", {"q": "violence"}).content.decode()
    assert switcher_links(page) == [("/en/search/?q=violence", "en")]


def test_new_research_items_go_under_the_french_index_only(admin_client, english):
    french_index = ResearchIndexPage.objects.get(locale__language_code="fr")
    english_index = ResearchIndexPage.objects.get(locale=english)
    assert ResearchPage.can_create_at(french_index)
    assert not ResearchPage.can_create_at(english_index)
    add_url = reverse("wagtailadmin_pages:add", args=["research", "researchpage", english_index.pk])
    response = admin_client.get(add_url)  # Wagtail refuses and sends the editor back
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
