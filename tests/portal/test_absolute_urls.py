"""Every absolute link the portal hands out is on the host and port the request came to, or
under SITE_URL outside a request: feeds, sitemap, robots.txt, OAI-PMH, citations, exports,
the API's description and the Rencontre calendar."""

import csv
import datetime
import io
import json
import re

import feedparser
import icalendar
import pytest
from defusedxml import ElementTree as ET
from django.test import override_settings

from portal.absolute_urls import absolute_url, page_url, site_host, site_root
from research.models import EditionSession

HOST = "portail.example.org:8123"
ROOT = f"http://{HOST}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
OAI = "{http://www.openarchives.org/OAI/2.0/}"


@pytest.fixture
def item(search_index, make_research_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_research_page(
            title="Sécurité routière près des écoles",
            slug="securite-routiere",
            publication_date=datetime.date(2024, 3, 1),
            themes=["road-safety"],
        )


def get(client, path, **params):
    response = client.get(path, params, HTTP_HOST=HOST)
    assert response.status_code == 200, response.content[:500]
    return response


@override_settings(SITE_URL="https://passerelle.example.org/")
def test_outside_a_request_links_are_under_the_configured_site_url(item):
    assert site_root() == "https://passerelle.example.org"
    assert site_host() == "passerelle.example.org"
    assert absolute_url("/fr/flux/") == "https://passerelle.example.org/fr/flux/"
    assert page_url(item) == "https://passerelle.example.org/fr/etudes/securite-routiere/"
    # An absolute URL is left as it is.
    assert absolute_url("https://doi.org/10.1/x") == "https://doi.org/10.1/x"


def test_the_feed_links_to_the_search_and_its_items_on_the_requests_host(client, item):
    feed = feedparser.parse(get(client, "/fr/flux/", theme="road-safety").content)
    assert feed.feed.link == f"{ROOT}/fr/recherche/?theme=road-safety"
    assert [entry.link for entry in feed.entries] == [f"{ROOT}/fr/etudes/securite-routiere/"]


def test_the_sitemap_and_robots_txt_are_on_the_requests_host(client, item):
    tree = ET.fromstring(get(client, "/sitemap.xml").content)
    locations = [loc.text for loc in tree.iter(f"{SITEMAP}loc")]
    assert f"{ROOT}/fr/etudes/securite-routiere/" in locations
    assert f"{ROOT}/en/studies/securite-routiere/" in locations
    assert all(location.startswith(f"{ROOT}/") for location in locations), locations
    assert f"Sitemap: {ROOT}/sitemap.xml" in get(client, "/robots.txt").content.decode()


def test_oai_names_its_base_url_and_identifiers_by_the_requests_host(client, item):
    tree = ET.fromstring(get(client, "/oai", verb="Identify").content)
    assert tree.find(f"{OAI}request").text == f"{ROOT}/oai"
    assert tree.find(f"{OAI}Identify/{OAI}baseURL").text == f"{ROOT}/oai"


def test_citations_exports_and_the_api_description_use_the_requests_host(client, item):
    record = json.loads(get(client, f"/fr/citation/{item.pk}.json").content)
    assert record[0]["URL"] == f"{ROOT}/fr/etudes/securite-routiere/"
    page = get(client, "/fr/etudes/securite-routiere/").content.decode()
    assert f'"url": "{ROOT}/fr/etudes/securite-routiere/"' in page
    response = get(client, "/api/v1/search/export", format="csv")
    export = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(export)))
    assert f"{ROOT}/fr/etudes/securite-routiere/" in rows[1]
    schema = get(client, "/api/v1/schema").json()
    assert schema["servers"][0]["url"] == ROOT


def test_calendar_events_link_to_the_edition_with_the_port(client, make_edition):
    edition = make_edition(2026)
    session = EditionSession.objects.create(
        page=edition,
        title="Analyse et prévention",
        starts_at=datetime.datetime(2026, 5, 12, 13, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2026, 5, 12, 14, 0, tzinfo=datetime.UTC),
    )
    calendar = icalendar.Calendar.from_ical(get(client, f"{edition.url}calendar/").content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["URL"]) == f"{ROOT}{edition.url}#session-{session.pk}"
    assert re.fullmatch(r"rencontre-2026-session-\d+@portail\.example\.org", str(event["UID"]))
