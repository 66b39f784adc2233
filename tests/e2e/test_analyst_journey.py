"""Journey 1: an analyst publishes a study in the CMS with a PDF and a DOCX, watches both
files reach `indexed`, then finds the study by a word that only the PDF contains."""

import re
import time

import pytest
from playwright.sync_api import expect

from research.demo.files import Section, make_docx, make_pdf
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


def sign_in_to_the_cms(page) -> None:
    page.goto("/admin/")
    page.get_by_label(re.compile(r"Nom d.utilisateur")).fill(ANALYST)
    # Wagtail's own login form leaves its password label untranslated.
    page.get_by_label(re.compile(r"Mot de passe|Password")).fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def choose_in_modal(page, open_button: str, choice: str) -> None:
    page.get_by_role("button", name=open_button).click()
    modal = page.locator(".modal-content")
    modal.get_by_role("link", name=choice, exact=True).click()
    expect(modal).to_have_count(0)


def upload_in_modal(page, form_index: int, path, title: str) -> None:
    page.locator("#id_files-ADD").click()
    child = page.locator(f"#inline_child_files-{form_index}")
    child.get_by_role("button", name="Choisir un document").click()
    modal = page.locator(".modal-content")
    modal.get_by_role("tab", name=re.compile("Transférer")).click()
    modal.get_by_label("Fichier").set_input_files(path)
    modal.get_by_label("Titre").fill(title)
    modal.get_by_role("button", name="Transférer").click()
    expect(modal).to_have_count(0)
    expect(child).to_contain_text(title)


def fill_the_study(page, pdf, docx) -> None:
    page.locator("#id_title").fill(TITLE)
    choose_in_modal(page, "Choisir organisation", "Service de police de la Ville de Montréal")
    page.get_by_role("checkbox", name="École nationale de police du Québec").check()
    page.locator("#id_authors-ADD").click()
    page.locator("#id_authors-0-name").fill("Dominique Roy")
    page.locator("#id_authors-0-affiliation").fill("SPVM, Section de la recherche")
    page.locator("#id_publication_date").fill("2025-04-15")
    page.keyboard.press("Escape")
    page.locator("#id_language").select_option("fr")
    choose_in_modal(page, "Choisir type de recherche", "Analyse")
    choose_in_modal(page, "Choisir devis de recherche", "Descriptif")
    choose_in_modal(page, "Choisir niveau de preuve", re.compile(r"^SMS 2"))
    page.get_by_role("checkbox", name="Sécurité routière").check()
    page.locator("#id_region").fill("Montréal")
    page.locator("#id_summary").fill(SUMMARY)
    upload_in_modal(page, 0, pdf, "Rapport : collisions et micromobilité")
    upload_in_modal(page, 1, docx, "Annexe méthodologique")


def reload_until(page, check, limit: float = 90) -> None:
    """Reload the page until `check(page)` holds: the worker runs on its own schedule."""
    deadline = time.monotonic() + limit
    while not check(page):
        assert time.monotonic() < deadline, f"{page.url} never showed what was awaited"
        page.wait_for_timeout(1000)
        page.reload()


def test_an_analyst_publishes_a_study_and_finds_it_by_a_word_inside_its_pdf(
    page, axe, camera, study_files
):
    sign_in_to_the_cms(page)
    page.goto("/admin/pages/")
    page.get_by_role("link", name=re.compile(r"Explorer les sous-pages de \W*Passerelle")).click()
    page.get_by_role("link", name=re.compile(r"Explorer les sous-pages de \W*Études")).click()
    page.get_by_role("link", name="Ajouter une sous-page").first.click()
    fill_the_study(page, *study_files)
    camera.capture(
        page, "1-cms-study-files-chosen", reflow=False, show=page.locator("#id_files-ADD")
    )

    page.get_by_role("button", name=re.compile(r"Plus d.actions")).click()
    page.get_by_role("button", name="Publier", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(TITLE)

    page.get_by_role("link", name=TITLE).click()
    rows = page.locator("[data-file-extraction] tbody tr")
    reload_until(
        page,
        lambda p: (
            rows.count() == 2
            and all(row.get_attribute("data-status") == "indexed" for row in rows.all())
        ),
    )
    expect(rows.locator("td:nth-child(2)")).to_have_text(["Indexé", "Indexé"])
    camera.capture(page, "2-cms-files-indexed", reflow=False, show=rows.first)

    page.goto(f"/fr/recherche/?q={PDF_WORD}")
    reload_until(page, lambda p: p.get_by_role("heading", name="1 résultat").count() == 1)
    hit = page.locator(".search-hit")
    expect(hit.get_by_role("link")).to_have_text(TITLE)
    expect(hit.locator("mark").first).to_have_text(re.compile(PDF_WORD, re.I))
    camera.capture(page, "3-found-by-pdf-word")

    hit.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    files = page.get_by_role("region", name="Fichiers").get_by_role("link")
    expect(files).to_have_text(["Rapport : collisions et micromobilité", "Annexe méthodologique"])
    expect(page.get_by_text("Dominique Roy")).to_be_visible()
    axe.check(page)
    camera.capture(page, "4-published-study")
