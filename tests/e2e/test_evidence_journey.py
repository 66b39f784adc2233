"""Journey 5: a manager asks what works. From the evidence map they open the cell of one
practice and one outcome, land on the search that lists the studies behind it, read each
study's level and findings, open the practice's page and download the grid; every screen
passes axe-core at phone and desktop widths."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.content import study

pytestmark = pytest.mark.e2e

CO_RESPONSE = study("e2e-crise-spvm-2024")
PRACTICE = "Intervention conjointe en santé mentale"
OUTCOME = "Appels de service"


def map_cell(page, row_label: str, column_label: str):
    """The cell at a row and a column of the map, found by their headers as a reader would."""
    table = page.get_by_role("table", name="Constats et verdicts par ligne et par résultat mesuré")
    headers = table.get_by_role("columnheader").all_inner_texts()
    column = headers.index(column_label)
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=row_label))
    return row.get_by_role("cell").nth(column - 1)


def test_a_manager_goes_from_the_evidence_map_to_the_studies_and_the_practice(page, axe, camera):
    page.goto("/fr/")
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Ce qui fonctionne"
    ).click()
    expect(page).to_have_url(re.compile(r"/fr/carte-des-preuves/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Carte des preuves : ce qui fonctionne, pour quel résultat"
    )
    cell = map_cell(page, PRACTICE, OUTCOME)
    # The cell says its number and verdict in words; the colour only repeats them.
    expect(cell).to_have_text(re.compile(r"1 constat\s*Prometteuse"))
    expect(map_cell(page, PRACTICE, "Crimes violents")).to_have_text("Aucun constat")
    axe.check(page)
    # A wide table scrolls inside its own region (WCAG 1.4.10 exempts data tables).
    camera.capture(page, "1-evidence-map", reflow=False)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="tableau (CSV)").click()
    with open(download_info.value.path(), encoding="utf-8-sig") as downloaded:
        rows = list(csv.reader(io.StringIO(downloaded.read())))
    header = rows[0]
    (practice_row,) = [row for row in rows if row[0] == PRACTICE]
    assert practice_row[header.index(OUTCOME)] == "1 constat\u00a0: Prometteuse"

    cell.get_by_role("link").click()
    expect(page).to_have_url(
        re.compile(r"/fr/recherche/\?practice=mental-health-co-response&outcome=calls-for-service$")
    )
    expect(page.get_by_role("heading", name="1 résultat")).to_be_visible()
    expect(page.get_by_role("list", name="Filtres actifs").get_by_role("listitem")).to_have_count(2)
    hit = page.locator(".search-hit").filter(has=page.get_by_role("link", name=CO_RESPONSE.title))
    expect(hit.get_by_role("link", name=re.compile(r"^SMS 3"))).to_be_visible()
    expect(hit.locator(".search-hit__findings")).to_contain_text("Appels de service")
    expect(hit.locator(".search-hit__findings")).to_contain_text("Effet positif")
    expect(hit.locator(".search-hit__findings")).to_contain_text("Effet mitigé")
    axe.check(page)
    camera.capture(page, "2-search-behind-the-cell")

    hit.get_by_role("link", name=PRACTICE).click()
    expect(page).to_have_url(re.compile(r"/fr/pratiques/mental-health-co-response/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(PRACTICE)
    verdicts = page.get_by_role("table", name="Verdicts par résultat mesuré")
    expect(
        verdicts.get_by_role("row").filter(has=page.get_by_role("rowheader", name=OUTCOME))
    ).to_contain_text("Prometteuse")
    expect(page.get_by_role("link", name=CO_RESPONSE.title)).to_be_visible()
    axe.check(page)
    camera.capture(page, "3-practice-page")
