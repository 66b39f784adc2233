"""A study's page: each description value leads to the research that shares it, and its files
open in the browser when they can, with a link that saves them, their pages and size."""

import pytest
from django.utils import translation

from research.models import Approach
from tests.worker import samples


def url_in(page, language="fr"):
    # A request to an English page leaves English active in this thread: each test says which.
    with translation.override(language):
        return page.get_url()


@pytest.fixture
def study(make_research_page, make_document, tmp_path):
    pdf = make_document(
        "rapport.pdf", samples.pdf(tmp_path / "r.pdf", ["Rapport"]).read_bytes(), "Rapport"
    )
    pdf.pages = 12
    pdf.save()
    annex = make_document("annexe.txt", b"Annexe", "Annexe")
    page = make_research_page(
        title="Patrouilles à pied au centre-ville",
        themes=["road-safety", "youth"],
        files=[pdf, annex],
    )
    page.tags.add("patrouille à pied", "centre-ville")
    page.approaches.add(Approach.objects.order_by("pk").first())
    revision = page.save_revision()
    revision.publish()
    return page


def test_each_description_value_links_to_the_search_filtered_by_it(client, study):
    html = client.get(url_in(study)).content.decode()
    approach = study.approaches.get()
    for link in (
        '<dd><a href="/fr/recherche/?organisation=spvm">Service de police de la Ville de '
        "Montréal</a></dd>",
        '<dd><a href="/fr/recherche/?language=fr">Français</a></dd>',
        '<dd><a href="/fr/recherche/?type=analysis">Analyse</a></dd>',
        '<dd><a href="/fr/recherche/?design=descriptive">Descriptif</a></dd>',
        '<a href="/fr/recherche/?evidence=sms-2">',
        f'<a href="/fr/recherche/?approach={approach.slug}">{approach.label_fr}</a>',
        '<a href="/fr/recherche/?theme=road-safety">Sécurité routière</a>',
        '<a href="/fr/recherche/?theme=youth">Jeunesse</a>',
        '<dd><a href="/fr/recherche/?region=Montr%C3%A9al">Montréal</a></dd>',
        '<li><a href="/fr/recherche/?tag=patrouille+%C3%A0+pied">patrouille à pied</a></li>',
    ):
        assert link in html, link


def test_the_links_lead_to_the_english_search_on_the_english_page(client, study):
    html = client.get(url_in(study, "en")).content.decode()
    assert '<a href="/en/search/?type=analysis">Analysis</a>' in html


def test_a_pdf_opens_in_the_browser_with_a_download_link_beside_it(client, study):
    html = client.get(url_in(study)).content.decode()
    pdf, annex = (link.document for link in study.ordered_files())
    assert f'<a href="{pdf.url}">Rapport</a>' in html
    assert "download>" not in html.split('id="files-heading"')[1].split("</section>")[0]
    assert '<span class="file-meta">(PDF, 12 pages, ' in html
    assert (
        f'<a class="file-download" href="{pdf.url}?download=1">Télécharger'
        '<span class="visually-hidden"> Rapport</span></a>'
    ) in html
    # A file the browser does not show is saved by its own link: no second one.
    assert f'<a href="{annex.url}">Annexe</a>' in html
    assert f"{annex.url}?download=1" not in html
    assert '<span class="file-meta">(TXT, 6\xa0octets)</span>' in html

    shown = client.get(pdf.url)
    assert shown["Content-Disposition"].startswith("inline")
    saved = client.get(f"{pdf.url}?download=1")
    assert saved["Content-Disposition"].startswith("attachment")


def test_slides_are_counted_as_slides(client, make_research_page, make_document):
    deck = make_document("diapos.pptx", b"not read here", "Diapositives")
    deck.pages = 1
    deck.save()
    page = make_research_page(title="Cartes de chaleur", files=[deck])
    assert "(PPTX, 1 diapositive, " in client.get(url_in(page)).content.decode()
