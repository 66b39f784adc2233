"""Steps in Wagtail's admin (in French, as the portal's editors use it) shared by the journeys."""

import re
import time

from playwright.sync_api import expect


def sign_in_to_the_cms(page, username: str, password: str) -> None:
    page.goto("/admin/")
    page.get_by_label(re.compile(r"Nom d.utilisateur")).fill(username)
    page.get_by_label(re.compile(r"^\s*Mot de passe\b")).fill(password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def explore_the_site(page) -> None:
    """Pages → the French home page's sections (Études, Rencontres, Collections, …).

    A moderator's explorer opens where their permissions start: at the French home page, or at the
    root when they also hold the English home page beside it (its translations)."""
    page.goto("/admin/pages/")
    french_home = page.get_by_role("row", name=re.compile(r"Passerelle\s+Français"))
    if french_home.count():
        french_home.get_by_role(
            "link", name=re.compile(r"Explorer les sous-pages de \W*Passerelle")
        ).click()
    expect(page.get_by_role("link", name="Études", exact=True)).to_be_visible()


def add_page_under(page, parent: str) -> None:
    """ "Add a child page" from the more-options menu of `parent`'s row in the listing."""
    row = page.get_by_role("row", name=re.compile(re.escape(parent)))
    row.get_by_role("button", name=re.compile(r"Plus d.options pour")).click()
    row.get_by_role("link", name="Ajouter une sous-page", exact=True).click()
    expect(page.locator("#id_title")).to_be_visible()


def fill_title(page, title: str) -> None:
    """The title, which Wagtail's script turns into the page's slug when the field is left."""
    # The script listens from when it has loaded: typing earlier would leave the slug empty.
    page.wait_for_load_state("networkidle")
    page.locator("#id_title").click()
    page.locator("#id_title").fill(title)
    page.locator("#id_title").press("Tab")
    expect(page.locator("#id_slug")).not_to_have_value("")


def fill_date(page, selector: str, value: str) -> None:
    """A date or date-time field, leaving its picker closed so it covers nothing.

    The picker opens 100 ms after the field takes focus, even when the field has lost it by
    then: a key pressed at once would be early and leave it open over the next controls. Wait
    for it, then leave with Tab, the key it closes on.
    """
    field = page.locator(selector)
    field.fill(value)
    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_have_count(1)
    field.press("Tab")
    expect(picker).to_have_count(0)
    expect(field).to_have_value(value)


def choose_in_modal(page, open_button, choice) -> None:
    """A chooser button (organisation, vocabulary, page) and the choice in its modal."""
    page.get_by_role("button", name=open_button).click()
    modal = page.locator(".modal-content")
    modal.get_by_role("link", name=choice, exact=True).click()
    expect(modal).to_have_count(0)


def upload_file(page, inline: str, index: int, path, title: str) -> None:
    """Add a form to the `inline` panel and upload a new document through its chooser."""
    page.locator(f"#id_{inline}-ADD").click()
    child = page.locator(f"#inline_child_{inline}-{index}")
    child.get_by_role("button", name="Choisir un document").click()
    modal = page.locator(".modal-content")
    modal.get_by_role("tab", name=re.compile("Transférer")).click()
    modal.get_by_label("Fichier").set_input_files(path)
    modal.get_by_label("Titre").fill(title)
    modal.get_by_role("button", name="Transférer").click()
    expect(modal).to_have_count(0)
    expect(child).to_contain_text(title)


def publish(page, title: str) -> None:
    page.get_by_role("button", name=re.compile(r"Plus d.actions")).click()
    page.get_by_role("button", name="Publier", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(title)


def reload_until(page, check, limit: float = 90) -> None:
    """Reload the page until `check(page)` holds: the worker runs on its own schedule."""
    deadline = time.monotonic() + limit
    while not check(page):
        assert time.monotonic() < deadline, f"{page.url} never showed what was awaited"
        page.wait_for_timeout(1000)
        page.reload()


def files_indexed(rows, count: int):
    """A check for `reload_until`: the extraction panel lists `count` files, all indexed."""
    return lambda page: (
        rows.count() == count
        and all(row.get_attribute("data-status") == "indexed" for row in rows.all())
    )
