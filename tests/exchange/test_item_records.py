"""Item pages carry scholarly metadata and a citation; each item downloads as a reference."""

import json
import re
from html.parser import HTMLParser

import bibtexparser
import pytest
import rispy
from django.contrib.auth import get_user_model
from django.utils import translation

from portal.models import Membership, Organisation
from research.models import ExtractionStatus


class HeadReader(HTMLParser):
    """The <meta> tags and JSON-LD blocks of a page."""

    def __init__(self):
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and "content" in attributes:
            name = attributes.get("name") or attributes.get("property")
            self.meta.append((name, attributes["content"]))
        self._in_json_ld = tag == "script" and attributes.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(data)


def read_head(html: str) -> HeadReader:
    reader = HeadReader()
    reader.feed(html)
    return reader


@pytest.fixture
def item(make_research_page, make_document):
    pdf = make_document(name="rapport.pdf", content=b"%PDF-1.4", title="Rapport complet")
    pdf.mime_type = "application/pdf"
    pdf.status = ExtractionStatus.INDEXED
    pdf.save()
    return make_research_page(
        title="Interpellations </script><script>alert(1)</script> à Montréal",
        slug="interpellations-montreal",
        doi="10.1234/spvm.2023.42",
        files=[pdf],
    )


def url_of(page, language="fr"):
    with translation.override(language):
        return page.url


def test_public_item_page_has_highwire_open_graph_and_json_ld(client, item):
    html = client.get(url_of(item)).content.decode()
    head = read_head(html)
    meta = dict(head.meta)
    assert meta["citation_title"] == item.title
    assert ("citation_author", "Exemple, Camille") in head.meta
    assert meta["citation_publication_date"] == "2023/10/06"
    assert meta["citation_language"] == "fr"
    assert meta["citation_doi"] == "10.1234/spvm.2023.42"
    pdf_link = item.files.first().document.url
    assert meta["citation_pdf_url"] == f"http://testserver{pdf_link}"
    assert meta["og:title"] == item.title
    assert meta["og:url"] == "http://testserver/fr/etudes/interpellations-montreal/"
    (block,) = head.json_ld
    data = json.loads(block)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Report"
    assert data["name"] == item.title
    assert data["author"] == [{"@type": "Person", "name": "Camille Exemple"}]
    assert data["datePublished"] == "2023-10-06"
    assert data["encoding"]["contentUrl"] == f"http://testserver{pdf_link}"
    # The title's markup cannot close the JSON-LD script element.
    assert "</script><script>alert(1)" not in html


def test_the_item_page_shows_an_apa_reference_and_citation_downloads(client, item):
    html = client.get(url_of(item, "en")).content.decode()
    assert "Cite this research" in html
    assert re.search(r"Exemple, C\. \(2023\)\. <i>Interpellations &lt;/script&gt;", html)
    for extension in ("bib", "ris", "json"):
        assert f'href="/en/citation/{item.pk}.{extension}"' in html


def test_restricted_items_carry_no_scholarly_metadata(client, item):
    item.access = "community"
    item.save_revision().publish()
    user = get_user_model().objects.create_user("analyste", password="x")
    Membership.objects.create(user=user, organisation=Organisation.objects.get(slug="sq"))
    client.force_login(user)
    html = client.get(url_of(item)).content.decode()
    assert "Cite this research" not in html  # French page
    assert "Citer cette recherche" in html
    head = read_head(html)
    assert not [name for name, _content in head.meta if name.startswith(("citation_", "og:"))]
    assert head.json_ld == []


def test_citation_files_parse(client, item):
    bib = client.get(f"/fr/citation/{item.pk}.bib")
    assert bib["Content-Type"] == "application/x-bibtex; charset=utf-8"
    assert 'filename="interpellations-montreal.bib"' in bib["Content-Disposition"]
    (entry,) = bibtexparser.parse_string(bib.content.decode()).entries
    assert entry["doi"] == "10.1234/spvm.2023.42"
    assert entry["url"] == "http://testserver/fr/etudes/interpellations-montreal/"
    assert entry["type"] == "Analyse"
    (ris,) = rispy.loads(client.get(f"/en/citation/{item.pk}.ris").content.decode())
    assert ris["title"] == item.title
    assert ris["type_of_work"] == "Analysis"  # the type's label follows the interface language
    # …and so does the address: the English one, under the English section's slug.
    assert ris["urls"] == ["http://testserver/en/studies/interpellations-montreal/"]
    (csl,) = client.get(f"/fr/citation/{item.pk}.json").json()
    assert csl["title"] == item.title
    assert csl["issued"] == {"date-parts": [[2023, 10, 6]]}


@pytest.mark.parametrize("extension", ["ris", "bib", "json"])
@pytest.mark.parametrize("number", ["9223372036854775808", "99999999999999999999999"])
def test_a_citation_of_an_id_no_database_holds_is_404(client, item, number, extension):
    assert client.get(f"/fr/citation/{number}.{extension}").status_code == 404
    assert client.get(f"/en/citation/{number}.{extension}").status_code == 404


def test_citations_of_items_the_viewer_may_not_see_are_404(client, item):
    item.access = "organisation"
    item.save_revision().publish()
    assert client.get(f"/fr/citation/{item.pk}.bib").status_code == 404
    assert client.get(f"/fr/citation/{item.pk + 1000}.bib").status_code == 404
    assert client.get(f"/fr/citation/{item.pk}.docx").status_code == 404
