"""Journey 4: a member signs in on the public site and finds a study shared with the police
community, which an anonymous visitor can neither find nor open."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import MEMBER, PASSWORD
from tests.e2e.content import COMMUNITY_WORD, study

pytestmark = pytest.mark.e2e

COMMUNITY_STUDY = study("e2e-rancon-sq-2023")


def search_from_header(page, words: str) -> None:
    page.get_by_role("search").first.get_by_label("Rechercher dans les études").fill(words)
    page.get_by_role("search").first.get_by_label("Rechercher dans les études").press("Enter")
    page.wait_for_url(re.compile(r"/fr/recherche/\?q="))


def test_a_member_finds_a_community_study_that_an_anonymous_visitor_cannot(page, axe, camera):
    page.goto("/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("link", name=COMMUNITY_STUDY.title)).to_have_count(0)
    axe.check(page)
    camera.capture(page, "1-home-anonymous")

    search_from_header(page, COMMUNITY_WORD)
    expect(page.get_by_role("heading", name="0 résultat")).to_be_visible()
    expect(page.get_by_text("Aucune étude ne correspond à cette recherche.")).to_be_visible()
    camera.capture(page, "2-search-anonymous")

    page.get_by_role("link", name="Se connecter").click()
    expect(page).to_have_url(re.compile(r"/fr/connexion/\?next="))
    axe.check(page)
    camera.capture(page, "3-sign-in")
    page.get_by_label("Nom d'utilisateur").fill(MEMBER)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()

    # Back on the same search, now with the community study.
    expect(page).to_have_url(re.compile(r"/fr/recherche/\?q="))
    expect(page.get_by_text(f"Connecté en tant que {MEMBER}")).to_be_visible()
    expect(page.get_by_role("heading", name="1 résultat")).to_be_visible()
    hit = page.locator(".search-hit")
    expect(hit.locator(".access-badge")).to_have_text("Restreint à la communauté policière")
    camera.capture(page, "4-search-member")

    hit.get_by_role("link", name=COMMUNITY_STUDY.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COMMUNITY_STUDY.title)
    item_url = page.url
    expect(page.locator(".research-item__kicker .access-badge")).to_have_text(
        "Restreint à la communauté policière"
    )
    axe.check(page)
    camera.capture(page, "5-community-item")

    # Signed out, the same address asks to sign in instead of showing the study.
    page.get_by_role("button", name="Se déconnecter").click()
    page.goto(item_url)
    expect(page).to_have_url(re.compile(r"/fr/connexion/\?next="))
    expect(page.get_by_role("heading", name=COMMUNITY_STUDY.title)).to_have_count(0)
