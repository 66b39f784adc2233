"""Journey 1: an analyst publishes a study in the CMS with a PDF and a DOCX, watches both
files reach `indexed`, then finds the study by a word that only the PDF contains."""

import re

import pytest
from playwright.sync_api import expect

from research.demo.files import Section, make_docx, make_pdf
from tests.e2e.cms import (
    add_page_under,
    choose_in_modal,
    explore_the_site,
    files_indexed,
    fill_date,
    fill_title,
    publish,
    reload_until,
    sign_in_to_the_cms,
    upload_file,
)
from tests.e2e.conftest import ANALYST, PASSWORD

pytestmark = pytest.mark.e2e

TITLE = "Micromobilité et collisions au centre-ville de Montréal"
SUMMARY = "Analyse des collisions impliquant des véhicules légers en libre-service, 2021 à 2024."
# Only the PDF says it: finding the study by this word proves the file's text was indexed.
PDF_WORD = "trottinettes"
PDF_TEXT = f"Les {PDF_WORD} électriques sont en cause dans 41 % des collisions relevées."
DOCX_TEXT = "Annexe méthodologique : relevés des collisions transmis par les patrouilleurs."


@pytest.fixture
def study_files(tmp_path):
    pdf = tmp_path / "collisions-micromobilite.pdf"
    pdf.write_bytes(make_pdf(TITLE, [Section("Constats", PDF_TEXT)]))
    docx = tmp_path / "annexe-methodologique.docx"
    docx.write_bytes(make_docx("Annexe", [Section("Méthode", DOCX_TEXT)]))
    return pdf, docx


def fill_the_study(page, pdf, docx) -> None:
    fill_title(page, TITLE)
    choose_in_modal(page, "Choisir organisation", "Service de police de la Ville de Montréal")
    page.get_by_role("checkbox", name="École nationale de police du Québec").check()
    page.locator("#id_authors-ADD").click()
    page.locator("#id_authors-0-name").fill("Dominique Roy")
    page.locator("#id_authors-0-affiliation").fill("SPVM, Section de la recherche")
    fill_date(page, "#id_publication_date", "2025-04-15")
    page.locator("#id_language").select_option("fr")
    choose_in_modal(page, "Choisir type de recherche", "Analyse")
    choose_in_modal(page, "Choisir devis de recherche", "Descriptif")
    choose_in_modal(page, "Choisir niveau de preuve", re.compile(r"^SMS 2"))
    page.get_by_role("checkbox", name="Sécurité routière").check()
    page.locator("#id_region").fill("Montréal")
    page.locator("#id_summary").fill(SUMMARY)
    upload_file(page, "files", 0, pdf, "Rapport : collisions et micromobilité")
    upload_file(page, "files", 1, docx, "Annexe méthodologique")


def test_an_analyst_publishes_a_study_and_finds_it_by_a_word_inside_its_pdf(
    page, axe, camera, study_files
):
    sign_in_to_the_cms(page, ANALYST, PASSWORD)
    explore_the_site(page)
    add_page_under(page, "Études")
    fill_the_study(page, *study_files)
    camera.capture(
        page, "1-cms-study-files-chosen", reflow=False, show=page.locator("#id_files-ADD")
    )

    publish(page, TITLE)

    page.get_by_role("link", name=TITLE).click()
    rows = page.locator("[data-file-extraction] tbody tr")
    reload_until(page, files_indexed(rows, 2))
    expect(rows.locator("td:nth-child(2)")).to_have_text(["Indexé", "Indexé"])
    camera.capture(page, "2-cms-files-indexed", reflow=False, show=rows.first)

    page.goto(f"/fr/recherche/?q={PDF_WORD}")
    reload_until(page, lambda p: p.get_by_role("heading", name="1 résultat").count() == 1)
    hit = page.locator(".search-hit")
    expect(hit.get_by_role("heading").get_by_role("link")).to_have_text(TITLE)
    expect(hit.locator("mark").first).to_have_text(re.compile(PDF_WORD, re.I))
    camera.capture(page, "3-found-by-pdf-word")

    hit.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    files = page.get_by_role("region", name="Fichiers").get_by_role("link")
    expect(files).to_have_text(
        [
            "Rapport : collisions et micromobilité",
            "Télécharger Rapport : collisions et micromobilité",
            "Annexe méthodologique",
        ]
    )
    expect(page.get_by_text("Dominique Roy")).to_be_visible()
    for text in ["École nationale de police du Québec", "Sécurité routière", "15 avril 2025"]:
        expect(page.locator(".metadata")).to_contain_text(text)
    axe.check(page)
    camera.capture(page, "4-published-study")
