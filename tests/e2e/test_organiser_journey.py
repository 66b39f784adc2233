"""Journey 3: a conference organiser builds a Rencontre edition in the CMS (a session, a
presentation with its slides), curates a collection and reorders it, publishes; the public
edition page shows the programme and the collection shows the items in the chosen order."""

import re

import pytest
from playwright.sync_api import expect

from research.demo.files import Section, make_pptx
from tests.e2e.cms import (
    add_page_under,
    choose_in_modal,
    explore_the_site,
    files_indexed,
    fill_title,
    publish,
    reload_until,
    sign_in_to_the_cms,
    upload_file,
)
from tests.e2e.conftest import ORGANISER, PASSWORD
from tests.e2e.content import study

pytestmark = pytest.mark.e2e

EDITION = "Rencontre 2026"
SESSION = "Santé mentale et interventions de crise"
PRESENTATION = "Ce que les équipes mixtes ont changé à Montréal"
SLIDES_WORD = "coïntervention"
COLLECTION = "Le meilleur de la Rencontre 2026"
CRISIS = study("e2e-crise-spvm-2024")
QUEBEC = study("e2e-crise-spvq-2022")


@pytest.fixture
def slides(tmp_path):
    path = tmp_path / "equipes-mixtes.pptx"
    sections = [Section("Résultats", f"La {SLIDES_WORD} réduit les transports à l'urgence.")]
    path.write_bytes(make_pptx(PRESENTATION, sections, subtitle="Rencontre 2026"))
    return path


def create_the_edition(page) -> None:
    explore_the_site(page)
    add_page_under(page, "Rencontres")
    fill_title(page, EDITION)
    page.locator("#id_year").fill("2026")
    page.locator("#id_start_date").fill("2026-05-13")
    page.locator("#id_end_date").fill("2026-05-14")
    page.keyboard.press("Escape")
    page.locator("#id_venue").fill("École nationale de police du Québec, Nicolet")
    page.locator("#id_theme_fr").fill("Des données aux décisions")
    page.locator("#id_theme_en").fill("From data to decisions")
    page.locator("#id_sessions-ADD").click()
    page.locator("#id_sessions-0-title").fill(SESSION)
    page.locator("#id_sessions-0-starts_at").fill("2026-05-13 09:00")
    page.locator("#id_sessions-0-ends_at").fill("2026-05-13 10:30")
    page.keyboard.press("Escape")
    page.locator("#id_sessions-0-room").fill("Amphithéâtre")
    publish(page, EDITION)


def create_the_presentation(page, slides) -> None:
    add_page_under(page, EDITION)
    fill_title(page, PRESENTATION)
    page.locator("#id_session").select_option(label=f"2026-05-13 09:00 · {SESSION}")
    choose_in_modal(page, "Choisir organisation", "Service de police de la Ville de Montréal")
    page.locator("#id_authors-ADD").click()
    page.locator("#id_authors-0-name").fill("Alex Tremblay")
    page.locator("#id_authors-0-affiliation").fill("SPVM")
    page.locator("#id_summary").fill("Deux ans d'interventions conjointes, vus par le terrain.")
    upload_file(page, "files", 0, slides, "Diapositives : équipes mixtes")
    publish(page, PRESENTATION)


def add_to_collection(page, title: str) -> None:
    """The collection's page chooser: find the item by its title, tick it, confirm."""
    page.locator("#id_entries-OPEN_MODAL").click()
    modal = page.locator(".modal-content")
    modal.get_by_label("Terme de recherche").fill(title)
    row = modal.get_by_role("row", name=re.compile(re.escape(title)))
    row.get_by_role("checkbox").check()
    modal.get_by_role("button", name="Confirmer la sélection").click()
    expect(modal).to_have_count(0)


def create_the_collection(page) -> None:
    explore_the_site(page)
    add_page_under(page, "Collections")
    fill_title(page, COLLECTION)
    page.locator("#id_introduction").fill("Trois lectures pour préparer la prochaine édition.")
    page.locator("#id_curator").fill("Comité de programme de la Rencontre")
    choose_in_modal(page, re.compile("Choisissez une page"), EDITION)
    # The curator picks the two studies first, then the presentation.
    for title in [CRISIS.title, QUEBEC.title, PRESENTATION]:
        add_to_collection(page, title)
    page.locator("#id_entries-2-note").fill("La présentation phare de l'édition.")
    # Then the curator moves the presentation to the top: two steps up.
    entry = page.locator("#inline_child_entries-2")
    entry.get_by_role("button", name="Monter").click()
    entry.get_by_role("button", name="Monter").click()
    publish(page, COLLECTION)


def test_an_organiser_builds_an_edition_and_a_curated_collection(page, axe, camera, slides):
    sign_in_to_the_cms(page, ORGANISER, PASSWORD)
    create_the_edition(page)
    create_the_presentation(page, slides)
    create_the_collection(page)

    # The slides go through the same extraction as any research file.
    explore_the_site(page)
    for parent in ["Rencontres", EDITION]:
        page.get_by_role(
            "link", name=re.compile(rf"Explorer les sous-pages de \W*{parent}\W")
        ).click()
    page.get_by_role("link", name=PRESENTATION, exact=True).click()
    rows = page.locator("[data-file-extraction] tbody tr")
    reload_until(page, files_indexed(rows, 1))

    page.goto("/fr/rencontres/")
    axe.check(page)
    page.get_by_role("link", name=EDITION).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EDITION)
    expect(page.get_by_text("Des données aux décisions")).to_be_visible()
    programme = page.get_by_role("region", name="Programme")
    session = programme.get_by_role("region", name=SESSION)
    expect(session).to_contain_text("Amphithéâtre")
    expect(session.get_by_role("link", name=PRESENTATION)).to_be_visible()
    expect(session).to_contain_text("Alex Tremblay")
    expect(page.get_by_role("link", name=COLLECTION)).to_be_visible()
    axe.check(page)
    camera.capture(page, "1-edition")

    page.get_by_role("link", name=COLLECTION).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COLLECTION)
    titles = page.locator(".collection__entry .research-card__title")
    expect(titles).to_have_text([PRESENTATION, CRISIS.title, QUEBEC.title])
    # The note moved with its item.
    first = page.locator(".collection__entry").first
    expect(first.locator(".collection__note")).to_contain_text(
        "La présentation phare de l'édition."
    )
    axe.check(page)
    camera.capture(page, "2-collection-in-order")

    page.get_by_role("link", name=PRESENTATION).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PRESENTATION)
    expect(page.get_by_role("link", name=re.compile("Diapositives"))).to_be_visible()
    camera.capture(page, "3-presentation")

    page.goto(f"/fr/recherche/?q={SLIDES_WORD}")
    reload_until(page, lambda p: p.get_by_role("heading", name="1 résultat").count() == 1)
    expect(page.locator(".search-hit").get_by_role("link")).to_have_text(PRESENTATION)
