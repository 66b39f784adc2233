"""A Rencontre edition's records travel too: its Atom feed and its OAI-PMH set."""

import feedparser
import pytest
from defusedxml import ElementTree as ET

OAI = "{http://www.openarchives.org/OAI/2.0/}"


@pytest.fixture
def edition_items(
    search_index, make_research_page, make_edition, django_capture_on_commit_callbacks
):
    edition = make_edition(2024, theme_fr="La confiance", theme_en="Trust", venue="Québec")
    edition.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        presented = make_research_page(
            title="Confiance et quartiers", slug="confiance", edition=edition
        )
        other = make_research_page(title="Sécurité routière", slug="routiere")
    return edition, presented, other


def test_the_edition_page_links_its_feed_which_lists_its_research(client, edition_items):
    html = client.get("/fr/rencontres/2024/").content.decode()
    assert 'href="/fr/flux/?edition=2024"' in html
    feed = feedparser.parse(client.get("/fr/flux/", {"edition": "2024"}).content)
    assert [entry.title for entry in feed.entries] == ["Confiance et quartiers"]


def test_each_edition_is_an_oai_set(client, edition_items):
    _edition, presented, _other = edition_items
    sets = ET.fromstring(client.get("/oai", {"verb": "ListSets"}).content)
    names = {
        s.findtext(f"{OAI}setSpec"): s.findtext(f"{OAI}setName") for s in sets.iter(f"{OAI}set")
    }
    assert names["edition:2024"] == "Rencontre 2024 : La confiance / Rencontre 2024: Trust"
    listing = ET.fromstring(
        client.get(
            "/oai", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "edition:2024"}
        ).content
    )
    headers = list(listing.iter(f"{OAI}header"))
    assert [h.findtext(f"{OAI}identifier") for h in headers] == [
        f"oai:testserver:research/{presented.pk}"
    ]
    assert "edition:2024" in [spec.text for spec in headers[0].iter(f"{OAI}setSpec")]
