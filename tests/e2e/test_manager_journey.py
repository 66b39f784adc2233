"""Journey 2: a manager searches in French, narrows with facets, sorts, reads the highlighted
passage, opens and downloads a study, then reads the same study in English."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.content import CRISIS_WORD, study

pytestmark = pytest.mark.e2e

NEWEST = study("e2e-crise-spvm-2024")
OLDEST = study("e2e-crise-spvm-2019")
QUEBEC = study("e2e-crise-spvq-2022")


def organisation_facet(page):
    return page.get_by_role("group", name="Organisation")


def test_a_manager_narrows_a_french_search_then_reads_and_downloads_a_study(page, axe, camera):
    page.goto("/fr/")
    page.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Recherche"
    ).click()
    expect(page).to_have_url(re.compile(r"/fr/recherche/$"))
    page.get_by_label("Mots à trouver").fill(CRISIS_WORD)
    page.get_by_role("main").get_by_role("button", name="Recherche", exact=True).click()
    expect(page.get_by_role("heading", name="3 résultats")).to_be_visible()

    # Two values of one facet: either organisation may match (OR within a facet). Each applies
    # as soon as it is ticked.
    organisation_facet(page).get_by_label(
        re.compile(r"^Service de police de la Ville de Montréal")
    ).click()
    expect(page).to_have_url(re.compile(r"organisation=spvm"))
    expect(page.get_by_role("heading", name="2 résultats")).to_be_visible()
    organisation_facet(page).get_by_label(
        re.compile(r"^Service de police de la Ville de Québec")
    ).click()
    expect(page).to_have_url(
        re.compile(r"organisation=spvm&organisation=spvq|organisation=spvq&organisation=spvm")
    )
    expect(page.get_by_role("heading", name="3 résultats")).to_be_visible()
    active = page.get_by_role("list", name="Filtres actifs")
    expect(active.get_by_role("listitem")).to_have_count(2)
    axe.check(page)
    camera.capture(page, "1-search-two-facets")

    active.get_by_role("link", name=re.compile(r"Ville de Québec")).click()
    expect(page.get_by_role("heading", name="2 résultats")).to_be_visible()
    expect(active.get_by_role("listitem")).to_have_count(1)
    expect(
        organisation_facet(page).get_by_label(
            re.compile(r"^Service de police de la Ville de Montréal")
        )
    ).to_be_checked()
    expect(page.get_by_role("link", name=QUEBEC.title)).to_have_count(0)

    page.get_by_label("Trier par").select_option(label="Plus anciennes d'abord")
    page.get_by_role("button", name="Trier", exact=True).click()
    expect(page).to_have_url(re.compile(r"sort=oldest"))
    expect(page.locator(".search-hit__title")).to_have_text([OLDEST.title, NEWEST.title])

    # The passage comes from the attached file, with the searched word marked.
    hit = page.locator(".search-hit").filter(has=page.get_by_role("link", name=NEWEST.title))
    expect(hit.locator(".search-hit__snippet mark")).to_have_text(re.compile(CRISIS_WORD, re.I))
    expect(hit.locator(".search-hit__snippet")).to_contain_text("reposent sur la")
    axe.check(page)
    camera.capture(page, "2-search-sorted-highlighted")

    hit.get_by_role("link", name=NEWEST.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NEWEST.title)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    axe.check(page)
    camera.capture(page, "3-item-fr")

    # The PDF opens in the browser; the link beside it saves it.
    files = page.get_by_role("region", name="Fichiers")
    report = files.get_by_role("link").first
    expect(report).not_to_have_attribute("download", re.compile(".*"))
    expect(files).to_contain_text(re.compile(r"\(PDF, \d+ pages?, [\d,]+\s(Kio|Ko|octets)\)"))
    shown = page.request.get(report.get_attribute("href"))
    assert shown.headers["content-type"] == "application/pdf"
    assert shown.headers["content-disposition"].startswith("inline")
    with page.expect_download() as download_info:
        files.get_by_role("link", name=re.compile(r"^Télécharger")).first.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read(5) == b"%PDF-"

    item_slug = page.url.rstrip("/").rsplit("/", 1)[1]
    page.get_by_role("navigation", name="Langue").get_by_role("link", name="English").click()
    # The study keeps its slug, under the English section's address.
    expect(page).to_have_url(re.compile(r"/en/studies/" + re.escape(item_slug) + "/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # The same French study, marked as French inside the English page.
    expect(page.get_by_role("heading", level=1)).to_have_text(NEWEST.title)
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "fr")
    metadata = page.get_by_role("definition").all_inner_texts()
    terms = page.get_by_role("term").all_inner_texts()
    assert terms[:4] == ["Published by", "Publication date", "Language", "Type"], terms
    assert "Program evaluation" in metadata, metadata
    expect(page.get_by_role("heading", name="Summary")).to_be_visible()
    expect(page.get_by_role("heading", name="Files")).to_be_visible()
    axe.check(page)
    camera.capture(page, "4-item-en")
