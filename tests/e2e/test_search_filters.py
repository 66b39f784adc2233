"""The search page's filters: a ticked value applies at once, facets fold and a long one can be
searched, and on a phone the filters open in a drawer from a button above the results.
Checked with axe on a laptop (1366 by 900) and a phone (390 by 844), photographed in French and
English."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import DESKTOP, PHONE
from tests.e2e.content import CRISIS_WORD

pytestmark = pytest.mark.e2e

FILTERS_BUTTON = re.compile(r"^(Filtres|Filters)( \(\d+\))?$")


def filters_button(page):
    return page.get_by_role("button", name=FILTERS_BUTTON)


def open_the_drawer(page):
    filters_button(page).click()
    expect(page.get_by_role("dialog")).to_be_visible()


def focused(page):
    return page.evaluate("document.activeElement.outerHTML")


def test_on_a_laptop_a_ticked_value_applies_at_once(new_context, axe, camera):
    page = new_context(width=DESKTOP["width"], height=DESKTOP["height"]).new_page()
    page.goto(f"/fr/recherche/?q={CRISIS_WORD}")
    expect(page.get_by_role("heading", name="3 résultats")).to_be_visible()
    # No button to press: ticking applies. The phone's button is not shown on a laptop.
    expect(page.get_by_role("button", name="Appliquer les filtres")).to_be_hidden()
    expect(filters_button(page)).to_be_hidden()

    # Keywords: folded at first; five values in view, the rest behind "show more", and a box
    # that finds a value among all of them.
    keywords = page.locator('details[data-facet="tag"]')
    expect(keywords).not_to_have_attribute("open", "")
    keywords.locator("summary").first.click()
    group = page.get_by_role("group", name="Mot-clé")
    expect(group.get_by_role("checkbox").locator("visible=true")).to_have_count(5)
    expect(group.get_by_text("Afficher 6 de plus")).to_be_visible()
    finder = group.get_by_label("Chercher dans « Mot-clé »")
    finder.fill("FORMA")
    expect(group.get_by_role("checkbox").locator("visible=true")).to_have_count(1)
    expect(group.get_by_role("checkbox", name=re.compile("^formation"))).to_be_visible()
    finder.fill("zzz")
    expect(group.get_by_text("Aucune valeur ne correspond.")).to_be_visible()
    finder.fill("")
    expect(group.get_by_role("checkbox").locator("visible=true")).to_have_count(5)

    # The reader folds a facet; it stays folded on the next page.
    page.locator('details[data-facet="theme"] > summary').click()
    expect(page.locator('details[data-facet="theme"]')).not_to_have_attribute("open", "")

    quebec = page.get_by_role("group", name="Organisation").get_by_role(
        "checkbox", name=re.compile("Ville de Québec")
    )
    quebec.click()
    expect(page).to_have_url(re.compile(r"[?&]organisation=spvq"))
    expect(page.get_by_role("heading", name="1 résultat")).to_be_visible()
    expect(quebec).to_be_checked()
    # The focus comes back to the value that changed the search, so a keyboard user goes on.
    expect(quebec).to_be_focused()
    expect(page.locator('details[data-facet="theme"]')).not_to_have_attribute("open", "")
    expect(page.locator('details[data-facet="tag"]')).to_have_attribute("open", "")
    axe.check(page, viewports=[DESKTOP])
    camera.snap(page, "search-fr-desktop")

    # Unticking applies at once too.
    page.keyboard.press("Space")
    expect(page.get_by_role("heading", name="3 résultats")).to_be_visible()
    expect(page).not_to_have_url(re.compile("organisation="))

    page.goto(f"/en/search/?q={CRISIS_WORD}")
    expect(page.get_by_role("heading", name="3 results")).to_be_visible()
    axe.check(page, viewports=[DESKTOP])
    camera.snap(page, "search-en-desktop")


def test_on_a_phone_two_filters_are_applied_from_a_drawer_at_the_top(new_context, axe, camera):
    page = new_context(locale="en-CA", width=PHONE["width"], height=PHONE["height"]).new_page()
    page.goto(f"/en/search/?q={CRISIS_WORD}")
    results = page.get_by_role("heading", name="3 results")
    button = filters_button(page)
    expect(button).to_have_text("Filters")
    # The button is above the results, in the first screen; the filters are not in the way.
    assert button.bounding_box()["y"] < results.bounding_box()["y"] < PHONE["height"]
    expect(page.get_by_role("region", name="Filters")).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    axe.check(page, viewports=[PHONE])
    axe.check(page, viewports=[PHONE], prepare=open_the_drawer)

    button.click()
    drawer = page.get_by_role("dialog", name="Filters")
    expect(drawer).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(drawer.get_by_role("button", name="Close")).to_be_focused()
    # The focus stays inside the drawer: backwards from its first stop is its last.
    page.keyboard.press("Shift+Tab")
    expect(drawer.get_by_role("button", name="Show 3 results")).to_be_focused()
    page.keyboard.press("Tab")
    expect(drawer.get_by_role("button", name="Close")).to_be_focused()
    camera.snap(page, "drawer-en-phone")
    # Escape closes it and gives the focus back to the button.
    page.keyboard.press("Escape")
    expect(drawer).to_be_hidden()
    expect(button).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "false")

    # Two values, ticked in the drawer: each applies at once and the drawer stays open.
    button.click()
    drawer.get_by_role("checkbox", name=re.compile("^Québec City Police Service")).click()
    expect(page).to_have_url(re.compile(r"[?&]organisation=spvq"))
    drawer = page.get_by_role("dialog", name="Filters")
    expect(drawer).to_be_visible()
    checked = drawer.get_by_role("checkbox", name=re.compile("^Québec City Police Service"))
    expect(checked).to_be_focused()
    drawer.get_by_role("checkbox", name=re.compile("^Mental health")).click()
    expect(page).to_have_url(re.compile(r"[?&]theme=mental-health"))
    expect(page).to_have_url(re.compile(r"[?&]organisation=spvq"))
    page.get_by_role("dialog", name="Filters").get_by_role("button", name="Show 1 result").click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(filters_button(page)).to_have_text("Filters (2)")
    expect(page.get_by_role("list", name="Active filters").get_by_role("listitem")).to_have_count(2)
    results = page.get_by_role("heading", name="1 result")
    expect(results).to_be_in_viewport()
    axe.check(page, viewports=[PHONE])
    camera.snap(page, "search-en-phone-two-filters")

    page.goto(f"/fr/recherche/?q={CRISIS_WORD}")
    camera.snap(page, "search-fr-phone")
    open_the_drawer(page)
    camera.snap(page, "drawer-fr-phone")
    axe.check(page, viewports=[PHONE], prepare=open_the_drawer)
