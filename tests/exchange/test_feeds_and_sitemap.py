"""Atom feeds (overall, per search) and sitemap.xml, read by real parsers."""

import datetime

import feedparser
import pytest
from defusedxml import ElementTree as ET
from django.utils import translation

from portal.models import Organisation
from research.models import Theme

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def items(search_index, make_research_page, django_capture_on_commit_callbacks):
    made = {}
    with django_capture_on_commit_callbacks(execute=True):
        made["old"] = make_research_page(
            title="Sécurité routière près des écoles",
            slug="securite-routiere",
            publication_date=datetime.date(2019, 3, 1),
            themes=["road-safety"],
        )
        made["new"] = make_research_page(
            title="Jeunes et réseaux sociaux",
            slug="jeunes-reseaux",
            publication_date=datetime.date(2024, 5, 2),
            themes=["youth"],
            organisation=Organisation.objects.get(slug="ops"),
        )
        made["restricted"] = make_research_page(
            title="Renseignement sur les gangs",
            slug="renseignement-gangs",
            publication_date=datetime.date(2025, 1, 9),
            themes=["organised-crime"],
            access="community",
        )
    return made


def url_of(page, language="fr"):
    with translation.override(language):
        return f"http://testserver{page.url}"


def test_the_research_feed_lists_new_public_research_newest_first(client, items):
    response = client.get("/fr/flux/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title == "Passerelle : nouvelles recherches"
    assert [entry.link for entry in feed.entries] == [
        url_of(items["new"]),
        url_of(items["old"]),
    ]
    entry = feed.entries[0]
    assert entry.title == "Jeunes et réseaux sociaux"
    assert entry.summary == "Analyse des interpellations menées en 2021 et 2022."
    assert entry.author == "Camille Exemple"
    assert entry.published.startswith("2024-05-02")
    assert [tag.term for tag in entry.tags] == [Theme.objects.get(slug="youth").label_fr]


def test_markup_in_a_summary_reaches_feed_readers_as_text(
    client, make_research_page, search_index, django_capture_on_commit_callbacks
):
    summary = "Le <script>alert('x')</script> de <b>Laval</b> & environs."
    with django_capture_on_commit_callbacks(execute=True):
        make_research_page(title="Balises dans le résumé", summary=summary)
    response = client.get("/fr/flux/")
    (entry,) = ET.fromstring(response.content).findall(f"{ATOM}entry")
    element = entry.find(f"{ATOM}summary")
    assert (element.get("type"), element.text) == ("text", summary)
    (parsed,) = feedparser.parse(response.content).entries
    assert (parsed.summary_detail.type, parsed.summary) == ("text/plain", summary)


def test_a_search_feed_follows_the_search(client, items):
    feed = feedparser.parse(client.get("/en/feed/", {"theme": "road-safety"}).content)
    assert feed.feed.title == "Passerelle: new research for this search"
    assert [entry.link for entry in feed.entries] == [url_of(items["old"], "en")]
    assert feed.feed.link == "http://testserver/en/search/?theme=road-safety"
    words = feedparser.parse(client.get("/fr/flux/", {"q": "réseaux sociaux"}).content)
    assert [entry.title for entry in words.entries] == ["Jeunes et réseaux sociaux"]


def test_english_feeds_and_search_hits_link_to_english_addresses(client, items):
    english = "http://testserver/en/studies/"
    feed = feedparser.parse(client.get("/en/feed/").content)
    assert [entry.link for entry in feed.entries] == [
        f"{english}jeunes-reseaux/",
        f"{english}securite-routiere/",
    ]
    page = client.get("/en/search/", {"q": "réseaux sociaux"}).content.decode()
    assert 'href="/en/studies/jeunes-reseaux/"' in page and "/etudes/" not in page
    for language, url in (
        ("en", "/en/studies/jeunes-reseaux/"),
        ("fr", "/fr/etudes/jeunes-reseaux/"),
    ):
        hits = client.get("/api/v1/search", {"q": "réseaux sociaux", "lang": language}).json()
        assert [hit["url"] for hit in hits["hits"]] == [url]


def test_a_bad_feed_search_is_a_plain_400(client, items):
    response = client.get("/fr/flux/", {"year_from": "deux mille"})
    assert response.status_code == 400
    assert response.content.decode() == "year_from doit être un nombre entier."


def test_the_search_page_links_its_feed_and_exports(client, items):
    html = client.get("/fr/recherche/", {"theme": "youth"}).content.decode()
    assert '<link rel="alternate" type="application/atom+xml" href="/fr/flux/?theme=youth"' in html
    assert 'href="/api/v1/search/export?theme=youth&amp;format=csv&amp;lang=fr"' in html


def test_the_sitemap_lists_public_pages_in_both_languages(client, items):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")
        }
        for url in root.findall(f"{SITEMAP}url")
    }
    for key in ("old", "new"):
        french, english = url_of(items[key], "fr"), url_of(items[key], "en")
        # x-default: the unprefixed address, which sends visitors to their language's page.
        default = french.replace("/fr/", "/", 1)
        alternates = {"fr": french, "en": english, "x-default": default}
        assert entries[french] == alternates
        assert entries[english] == alternates
        assert english.startswith("http://testserver/en/studies/")
        # The visitor's language's prefix first (French slugs), then the English address.
        redirects = client.get(default, HTTP_ACCEPT_LANGUAGE="en", follow=True).redirect_chain
        assert redirects == [
            ("/en" + default[len("http://testserver") :], 302),
            (english[len("http://testserver") :], 301),
        ]
    assert "http://testserver/fr/" in entries
    assert "http://testserver/en/studies/" in entries
    assert entries["http://testserver/en/studies/"]["fr"] == "http://testserver/fr/etudes/"
    assert not [loc for loc in entries if "renseignement-gangs" in loc]


def test_robots_txt_points_to_the_sitemap(client, db):
    body = client.get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body
