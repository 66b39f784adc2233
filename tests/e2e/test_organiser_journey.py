"""Journey 3: a conference organiser builds an edition of the Rencontre in the CMS (a session,
a presentation with its slides), curates a collection for it and reorders it; the public
edition page shows the programme and the collection shows the items in the curator's order."""

import re

import pytest
from playwright.sync_api import expect

from research.demo.files import Section, make_pptx
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
from tests.e2e.conftest import ORGANISER, PASSWORD
from tests.e2e.content import study

pytestmark = pytest.mark.e2e

EDITION = "Rencontre 2026 : l'analyse au service des communautés"
SESSION = "Santé mentale et intervention"
SESSION_EN = "Mental health and intervention"
PRESENTATION = "Désamorcer la crise : deux ans de binômes à Québec"
SPEAKER = "Camille Bouchard"
COLLECTION = "Santé mentale : les essentiels de la Rencontre 2026"
NOTE = "À voir en premier : le bilan présenté à la Rencontre."
NOTE_EN = "Watch first: the review presented at the Rencontre."
MONTREAL = study("e2e-crise-spvm-2024")
QUEBEC = study("e2e-crise-spvq-2022")
# Only the slides say it: the presentation is found by it once the worker has read them.
SLIDES_WORD = "binômes"


@pytest.fixture
def slides(tmp_path):
    path = tmp_path / "desamorcer-la-crise.pptx"
    text = f"Les {SLIDES_WORD} policier-intervenant ont répondu à 1 240 appels en deux ans."
    path.write_bytes(make_pptx(PRESENTATION, [Section("Bilan", text)]))
    return path


def create_the_edition(page) -> None:
    explore_the_site(page)
    add_page_under(page, "Rencontres")
    fill_title(page, EDITION)
    page.locator("#id_year").fill("2026")
    for field, value in [("#id_start_date", "2026-05-12"), ("#id_end_date", "2026-05-13")]:
        fill_date(page, field, value)
    page.locator("#id_venue").fill("École nationale de police du Québec, Nicolet")
    page.locator("#id_theme_fr").fill("L'analyse au service des communautés")
    page.locator("#id_theme_en").fill("Analysis in the service of communities")
    page.locator("#id_sessions-ADD").click()
    page.locator("#id_sessions-0-title").fill(SESSION)
    page.locator("#id_sessions-0-title_en").fill(SESSION_EN)
    for field, value in [("starts_at", "2026-05-12 09:00"), ("ends_at", "2026-05-12 10:30")]:
        fill_date(page, f"#id_sessions-0-{field}", value)
    page.locator("#id_sessions-0-room").fill("Salle Marie-Rollet")
    publish(page, EDITION)


def add_the_presentation(page, slides) -> None:
    """From the editions' listing, where publishing the edition leaves the organiser."""
    add_page_under(page, EDITION)
    fill_title(page, PRESENTATION)
    page.locator("#id_session").select_option(label=f"2026-05-12 09:00 · {SESSION}")
    choose_in_modal(page, "Choisir organisation", "Service de police de la Ville de Québec")
    page.locator("#id_language").select_option("fr")
    page.locator("#id_authors-ADD").click()
    page.locator("#id_authors-0-name").fill(SPEAKER)
    page.locator("#id_authors-0-affiliation").fill("SPVQ")
    page.locator("#id_summary").fill("Bilan des binômes policier-intervenant à Québec.")
    upload_file(page, "files", 0, slides, "Diapositives")
    publish(page, PRESENTATION)


def choose_items(page, folders: list[str], titles: list[str]) -> None:
    """Tick research items in the collection's multiple chooser, inside `folders` of the tree."""
    page.locator("#id_entries-OPEN_MODAL").click()
    modal = page.locator(".modal-content")
    for folder in folders:
        row = modal.get_by_role("row", name=re.compile(re.escape(folder)))
        row.get_by_role("link", name="Explorer").click()
    for title in titles:
        modal.get_by_label(title, exact=True).check()
    modal.get_by_role("button", name="Confirmer la sélection").click()
    expect(modal).to_have_count(0)


def entries(page):
    return page.locator("#id_entries-FORMS > *")


def curate_the_collection(page) -> None:
    explore_the_site(page)
    add_page_under(page, "Collections")
    fill_title(page, COLLECTION)
    page.locator("#id_curator").fill("Comité de programme de la Rencontre")
    page.get_by_role("button", name=re.compile(r"Choisissez une page \(Édition")).click()
    modal = page.locator(".modal-content")  # it opens on the editions, the only choices
    modal.get_by_role("link", name=EDITION, exact=True).click()
    expect(modal).to_have_count(0)

    choose_items(page, ["Études"], [QUEBEC.title, MONTREAL.title])
    choose_items(page, ["Rencontres", EDITION], [PRESENTATION])
    # The chooser adds them in the tree's order; the presentation comes last.
    expect(entries(page)).to_have_text(
        [re.compile(re.escape(MONTREAL.title)), re.compile(re.escape(QUEBEC.title)),
         re.compile(re.escape(PRESENTATION))]
    )  # fmt: skip

    # Keyboard and pointer users reorder with these buttons (dragging does the same).
    presentation = entries(page).filter(has_text=PRESENTATION)
    presentation.get_by_role("button", name="Monter").click()
    expect(entries(page).nth(1)).to_contain_text(PRESENTATION)
    presentation.get_by_role("button", name="Monter").click()
    expect(entries(page).first).to_contain_text(PRESENTATION)
    presentation.get_by_label("Note de la sélection en français").fill(NOTE)
    presentation.get_by_label("Note de la sélection en anglais").fill(NOTE_EN)
    publish(page, COLLECTION)


def test_an_organiser_builds_an_edition_and_curates_its_collection_in_order(
    page, axe, camera, slides
):
    sign_in_to_the_cms(page, ORGANISER, PASSWORD)
    create_the_edition(page)
    add_the_presentation(page, slides)

    page.get_by_role("link", name=PRESENTATION).click()
    rows = page.locator("[data-file-extraction] tbody tr")
    reload_until(page, files_indexed(rows, 1))
    expect(rows.locator("td:nth-child(2)")).to_have_text(["Indexé"])

    curate_the_collection(page)
    camera.capture(page, "1-cms-collection-published", reflow=False)

    # The public programme: the session, its room and the presentation with its speaker.
    page.goto("/fr/rencontres/")
    page.get_by_role("link", name=EDITION).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(EDITION)
    session = page.locator(".programme__session").filter(
        has=page.get_by_role("heading", name=SESSION)
    )
    expect(session).to_contain_text("Salle Marie-Rollet")
    expect(session.get_by_role("link", name=PRESENTATION)).to_be_visible()
    expect(session).to_contain_text(SPEAKER)
    collections = page.get_by_role("region", name="Collections de cette édition")
    expect(collections.get_by_role("link")).to_have_text([COLLECTION])
    axe.check(page)
    camera.capture(page, "2-edition-programme")

    # The collection, in the order the organiser gave it, with the curator's note.
    collections.get_by_role("link", name=COLLECTION).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COLLECTION)
    expect(page.get_by_role("heading", name="3 études")).to_be_visible()
    expect(page.locator(".research-card__title")).to_have_text(
        [PRESENTATION, MONTREAL.title, QUEBEC.title]
    )
    expect(page.locator(".collection__entry").first.locator(".collection__note")).to_have_text(
        re.compile(re.escape(NOTE))
    )
    axe.check(page)
    camera.capture(page, "3-collection-in-order")

    # In English: the session's and the note's English text, at the English addresses.
    page.get_by_role("navigation", name="Langue").get_by_role("link", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/collections/[\w-]+/$"))
    expect(page.locator(".collection__entry").first.locator(".collection__note")).to_have_text(
        re.compile(re.escape(NOTE_EN))
    )
    page.locator(".research-item__kicker").get_by_role("link", name=EDITION).click()
    expect(page).to_have_url(re.compile(r"/en/meetings/[\w-]+/$"))
    expect(page.get_by_role("heading", name=SESSION_EN)).to_be_visible()
    expect(page.locator(".lead")).to_have_text("Analysis in the service of communities")

    # The presentation's slides were read: a word only they contain finds it.
    page.goto(f"/fr/recherche/?q={SLIDES_WORD}&edition=2026")
    reload_until(page, lambda p: p.get_by_role("heading", name="1 résultat").count() == 1)
    expect(page.locator(".search-hit__title")).to_have_text([PRESENTATION])
    page.get_by_role("link", name=PRESENTATION).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PRESENTATION)
    expect(page.locator(".metadata").get_by_role("link", name=SESSION)).to_be_visible()
    slides_link = page.get_by_role("region", name="Diapositives et vidéo").get_by_role("link")
    expect(slides_link).to_have_text(["Diapositives"])
    expect(slides_link).to_have_attribute("href", re.compile(r"\.pptx$"))
    axe.check(page)
    camera.capture(page, "4-presentation")
