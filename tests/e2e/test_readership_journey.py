"""Journey: a Rencontre organiser turns an unmet search into a call for research; readers see
it on the Open questions page and beside the evidence map's gaps, and an item page its totals.
Each page is audited with axe-core and captured at phone and desktop widths."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.cms import sign_in_to_the_cms
from tests.e2e.conftest import ORGANISER, PASSWORD
from tests.e2e.content import study

pytestmark = pytest.mark.e2e

QUESTION_FR = "Les caméras portatives réduisent-elles l'emploi de la force ?"
QUESTION_EN = "Do body-worn cameras reduce the use of force?"
OTTAWA = study("e2e-ottawa-trust-2023")


def test_an_organiser_publishes_a_call_for_research_that_readers_see(page, axe, camera):
    sign_in_to_the_cms(page, ORGANISER, PASSWORD)
    page.goto("/admin/readership/unmet-searches/")
    expect(page.get_by_role("heading", name="Recherches sans réponse")).to_be_visible()

    page.goto("/admin/readership/unmet-searches/mark/?query=body-worn+cameras+use+of+force")
    # Suggested from the words: the practice and the outcome they name.
    expect(page.get_by_label("Ligne de la carte des preuves")).to_have_value(
        "practice:body-worn-cameras"
    )
    expect(page.get_by_label("Résultat visé (colonne de la carte des preuves)")).to_have_value(
        "use-of-force"
    )
    page.get_by_label("Question en français").fill(QUESTION_FR)
    page.get_by_label("Question en anglais").fill(QUESTION_EN)
    page.get_by_role("button", name="Publier l'appel à la recherche").click()
    expect(page.get_by_text("est maintenant un appel à la recherche")).to_be_visible()

    page.goto("/fr/questions-ouvertes/")
    expect(page.get_by_role("heading", name=QUESTION_FR)).to_be_visible()
    axe.check(page)
    camera.capture(page, "1-open-questions")

    page.goto("/fr/carte-des-preuves/")
    expect(page.get_by_role("heading", name="Questions ouvertes sur ces lacunes")).to_be_visible()
    gap = page.get_by_role("link", name=re.compile("Question ouverte")).first
    expect(gap).to_have_attribute("href", re.compile(r"/fr/questions-ouvertes/#question-\d+"))
    axe.check(page)
    camera.capture(page, "2-evidence-map")

    page.goto("/en/open-questions/")
    expect(page.get_by_role("heading", name=QUESTION_EN)).to_be_visible()
    axe.check(page)

    page.goto("/fr/recherche/?q=" + OTTAWA.title.split()[0])
    page.get_by_role("link", name=OTTAWA.title).first.click()
    expect(page.locator("[data-reading-totals]")).to_contain_text("consultation")
    axe.check(page)
    camera.capture(page, "3-item-totals")
