"""Home and item pages speak the visitor's language: French first, English second."""

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


def url_in(language, page):
    with translation.override(language):
        return page.url


def test_root_redirects_to_the_french_site(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/"


def test_home_page_in_french(client, make_research_page):
    make_research_page()
    html = client.get("/fr/").content.decode()
    assert '<html lang="fr">' in html
    assert "Dernières recherches" in html
    assert "Aller au contenu principal" in html
    assert "Interpellations et profilage racial à Montréal" in html
    assert 'hreflang="en"' in html and 'href="/en/"' in html


def test_home_page_in_english(client, make_research_page):
    make_research_page()
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    assert "Latest research" in html
    assert "Skip to main content" in html
    assert 'hreflang="fr"' in html and 'href="/fr/"' in html


def test_item_page_shows_its_metadata_in_french(client, make_research_page):
    page = make_research_page(key_findings="<ul><li>Hausse de 12 %.</li></ul>")
    response = client.get(url_in("fr", page))
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Résumé",
        "Constats clés",
        "Date de publication",
        "6 octobre 2023",
        "Service de police de la Ville de Montréal",
        "Profilage racial et social",
        "Analyse",
        "Hausse de 12 %.",
        "Camille Exemple",
    ]:
        assert text in html, text


def test_item_page_shows_its_metadata_in_english(client, make_research_page):
    page = make_research_page()
    response = client.get(url_in("en", page))
    html = response.content.decode()
    assert response.status_code == 200
    for text in [
        "Summary",
        "Publication date",
        "6 October 2023",
        "Montréal Police Service",
        "Racial and social profiling",
        "Analysis",
    ]:
        assert text in html, text
    # The study keeps its own language, whatever the interface language.
    assert '<h1 lang="fr">Interpellations et profilage racial à Montréal</h1>' in html


def test_item_page_lists_downloadable_files_in_order(client, make_research_page, make_document):
    first = make_document(name="annexe.txt", title="Annexe statistique")
    second = make_document(name="rapport.txt", title="Rapport complet")
    page = make_research_page(files=[first, second])
    html = client.get(url_in("fr", page)).content.decode()
    assert html.index("Annexe statistique") < html.index("Rapport complet")
    download = client.get(first.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"Rapport"


def test_research_index_lists_the_latest_items(client, make_research_page, research_index):
    make_research_page(title="Étude plus ancienne", publication_date="2019-01-01")
    make_research_page(title="Étude récente", publication_date="2025-05-01")
    html = client.get(url_in("fr", research_index)).content.decode()
    assert html.index("Étude récente") < html.index("Étude plus ancienne")
    assert "2 études" in html


def test_unknown_page_is_a_translated_404(client):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "Page introuvable" in client.get("/fr/pas-de-page/").content.decode()


def test_links_keep_the_visitors_interface_language(client, make_research_page):
    page = make_research_page()
    english_home = client.get("/en/").content.decode()
    assert f'href="/en/studies/{page.slug}/"' in english_home
    french_home = client.get("/fr/").content.decode()
    assert f'href="/fr/etudes/{page.slug}/"' in french_home


def test_an_item_shows_its_summary_in_the_other_language_too(client, make_research_page):
    page = make_research_page(
        other_language_summary="Analysis of street checks carried out in 2021 and 2022."
    )
    for language, heading in (("fr", "Résumé en anglais"), ("en", "Summary in English")):
        html = client.get(url_in(language, page)).content.decode()
        assert '<section aria-labelledby="summary-heading" lang="fr">' in html
        assert "Analyse des interpellations menées en 2021 et 2022." in html
        assert f'lang="en">\n    <h2 id="other-summary-heading">{heading}</h2>' in html
        assert "Analysis of street checks carried out in 2021 and 2022." in html


def test_an_item_without_a_second_summary_shows_one(client, make_research_page):
    html = client.get(url_in("en", make_research_page())).content.decode()
    assert "other-summary-heading" not in html


def test_listings_show_the_summary_in_the_readers_language(client, make_research_page):
    make_research_page(other_language_summary="Street checks in 2021 and 2022.")
    english = client.get("/en/").content.decode()
    assert '<p class="research-card__summary" lang="en">Street checks in 2021 and 2022.</p>' in (
        english
    )
    french = client.get("/fr/").content.decode()
    assert (
        '<p class="research-card__summary" lang="fr">'
        "Analyse des interpellations menées en 2021 et 2022.</p>"
    ) in french


@pytest.mark.parametrize(
    ("day", "french", "english"),
    [
        ("2023-10-06", "6 octobre 2023", "6 October 2023"),
        ("2024-05-01", "1er mai 2024", "1 May 2024"),
        ("2022-02-28", "28 février 2022", "28 February 2022"),
    ],
)
def test_dates_are_written_in_the_interface_language(
    client, make_research_page, day, french, english
):
    page = make_research_page(publication_date=day)
    for language, written in (("fr", french), ("en", english)):
        html = client.get(url_in(language, page)).content.decode()
        assert f'<time datetime="{day}">{written}</time>' in html
        listing = client.get(f"/{language}/").content.decode()
        assert f'<time datetime="{day}">{written}</time>' in listing


def test_listings_mark_a_studys_language_on_its_own_words_only(client, make_research_page):
    make_research_page(
        title="Public trust in Ottawa", language="en", summary="A survey of residents."
    )
    html = client.get("/fr/").content.decode()
    assert '<h3 class="research-card__title" lang="en">' in html
    assert '<p class="research-card__summary" lang="en">A survey of residents.</p>' in html
    # The card's metadata is in the interface language, so not marked as English.
    assert '<article class="research-card">' in html
    assert '<p class="research-card__meta">' in html
