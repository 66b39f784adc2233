"""What the journeys do not show on their own: keyboard-only use of the search form and its
facets, a visible focus at every stop, the skip link, labelled controls and marked languages;
and that the axe-core audit itself catches a broken page."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.content import CRISIS_WORD, study

pytestmark = pytest.mark.e2e

OTTAWA = study("e2e-ottawa-trust-2023")

FOCUS_STYLE = """el => {
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
    return outline || style.boxShadow !== "none";
}"""

UNLABELLED_CONTROLS = """() => [...document.querySelectorAll("input, select, textarea, button")]
    .filter(el => el.type !== "hidden")
    .filter(el => !(el.labels && el.labels.length) && !el.getAttribute("aria-label")
                  && !el.getAttribute("aria-labelledby")
                  && !(el.tagName === "BUTTON" && el.textContent.trim()))
    .map(el => el.outerHTML)"""


def has_focus(locator) -> bool:
    return locator.evaluate("el => el === document.activeElement")


def tab_to(page, target, limit: int = 120) -> int:
    """Press Tab until `target` has the focus, checking that each stop shows it visibly."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        assert focused.evaluate(FOCUS_STYLE), (
            f"no visible focus on {focused.evaluate('el => el.outerHTML')}"
        )
        if has_focus(target):
            return presses
    raise AssertionError(f"{target} cannot be reached with the Tab key")


def test_the_search_form_and_its_facets_work_with_the_keyboard_alone(page, camera):
    page.goto("/fr/recherche/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu principal")
    assert has_focus(skip)
    box = skip.bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0, "the skip link stays off-screen"
    camera.capture(page, "1-skip-link-focused")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    assert has_focus(page.locator("main"))

    # From the main content, the words to find are the first stop.
    words = page.get_by_label("Mots à trouver")
    assert tab_to(page, words) == 1
    page.keyboard.type(CRISIS_WORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="3 résultats")).to_be_visible()

    quebec = page.get_by_role("group", name="Organisation").get_by_role(
        "checkbox", name=re.compile("Ville de Québec")
    )
    tab_to(page, quebec)
    # Ticking applies at once; the page comes back with the focus on the value.
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"organisation=spvq"))
    expect(page.get_by_role("heading", name="1 résultat")).to_be_visible()
    expect(quebec).to_be_checked()
    expect(quebec).to_be_focused()
    camera.capture(page, "2-facet-focused")

    # The capture went through a phone's width, where the filters hide in a drawer.
    quebec.focus()
    page.keyboard.press("Space")
    expect(page.get_by_role("heading", name="3 résultats")).to_be_visible()
    expect(quebec).to_be_focused()

    sort = page.get_by_label("Trier par")
    tab_to(page, sort)
    page.keyboard.press("ArrowDown")
    expect(sort).to_have_value("newest")
    tab_to(page, page.get_by_role("button", name="Trier", exact=True))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"sort=newest"))
    years = page.locator(".search-hit__meta").all_inner_texts()
    assert [re.search(r"\b(20\d\d)\b", meta).group(1) for meta in years] == [
        "2024",
        "2022",
        "2019",
    ]
    assert page.evaluate(UNLABELLED_CONTROLS) == []


def test_each_page_says_its_language_and_marks_a_study_in_the_other(page, axe, camera):
    page.goto("/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    card_title = page.locator(".research-card__title", has_text=OTTAWA.title)
    expect(card_title).to_have_attribute("lang", "en")
    # Its metadata is French interface text, so it is not marked as English.
    card = page.locator(".research-card", has=card_title)
    expect(card.locator(".research-card__meta")).not_to_have_attribute("lang", "en")
    expect(card.locator(".research-card__meta")).to_contain_text("Anglais")

    card_title.get_by_role("link").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_attribute("lang", "en")
    expect(page.get_by_role("region", name="Résumé")).to_have_attribute("lang", "en")
    expect(page.get_by_role("term").first).to_have_text("Publiée par")
    assert page.evaluate(UNLABELLED_CONTROLS) == []
    axe.check(page)
    camera.capture(page, "english-study-on-french-site")

    page.get_by_role("navigation", name="Langue").get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("term").first).to_have_text("Published by")


def test_the_audit_fails_on_a_page_that_breaks_the_rules(page, axe):
    """The audit is real: an unlabelled field and an image without text are reported."""
    page.goto(
        "data:text/html,<!doctype html><html lang=fr><title>x</title><main>"
        "<input type=text><img src=x.png></main></html>"
    )
    with pytest.raises(AssertionError, match=r"\[critical\] (label|image-alt)"):
        axe.check(page)


def test_an_english_visitor_reads_english_on_every_editorial_page(new_context, axe, camera):
    """From the English home page through the menu: English headings and introductions, at
    English addresses, with nothing marked French but the studies written in French."""
    page = new_context(locale="en-CA").new_page()
    page.goto("/en/")
    expect(page.locator(".hero__intro")).not_to_have_attribute("lang", "fr")
    expect(page.locator(".hero__intro")).to_contain_text("publish, find and reuse")
    sections = {
        "Research": ("/en/studies/", "Studies"),
        "Rencontres": ("/en/meetings/", "Rencontre meetings"),
        "Collections": ("/en/collections/", "Collections"),
        "Strategic plans": ("/en/strategic-plans/", "Strategic plans"),
    }
    menu = page.get_by_role("navigation", name="Main navigation")
    for link, (path, heading) in sections.items():
        menu.get_by_role("link", name=link, exact=True).click()
        expect(page).to_have_url(re.compile(re.escape(path) + "$"))
        expect(page.locator("html")).to_have_attribute("lang", "en")
        title = page.get_by_role("heading", level=1)
        expect(title).to_have_text(heading)
        expect(title).not_to_have_attribute("lang", "fr")
        expect(page.locator("main header")).not_to_have_attribute("lang", "fr")
        expect(page.locator(".only-in")).to_have_count(0)
        axe.check(page)
        camera.capture(page, "english" + path.replace("/", "-").rstrip("-"))
    # An old French address under /en/ lands on the English page.
    page.goto("/en/etudes/")
    expect(page).to_have_url(re.compile(r"/en/studies/$"))
