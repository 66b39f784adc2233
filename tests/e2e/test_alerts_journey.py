"""Journey: a member saves a search that finds nothing yet; a matching study is imported; the
next daily digest (the console e-mail backend, through `manage.py send_digests`) lists it; the
member stops the e-mails from the digest's link while signed out. The account page is audited
with axe-core on a laptop and on phones."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.browser import DESKTOP, HEIGHT, PHONE
from tests.e2e.conftest import PASSWORD
from tests.e2e.content import Study, write_manifest

pytestmark = pytest.mark.e2e

SUBSCRIBER = "abonnee"
EMAIL = "abonnee@spvq.example"
# A word no other journey's study contains: only the imported study has it.
WORD = "cynophiles"
NEW_STUDY = Study(
    id="e2e-cynophile-spvq-2025",
    title="Unités cynophiles de la police de Québec : bilan d'activité",
    organisation="spvq",
    published="2025-02-14",
    language="fr",
    type="analysis",
    themes=["community-trust"],
    region="Ville de Québec",
    summary=f"Bilan des interventions des équipes {WORD} entre 2020 et 2024.",
    file_text=f"Les maîtres-chiens des unités {WORD} sont intervenus 1 200 fois.",
)
STOP_LINK = re.compile(r"Ne plus recevoir les courriels de cette recherche : (\S+)")


def sign_in(page, username: str) -> None:
    page.goto("/fr/connexion/")
    page.get_by_label("Nom d'utilisateur").fill(username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Se connecter").click()
    expect(page.get_by_text(f"Connecté en tant que {username}")).to_be_visible()


def test_a_member_gets_a_new_study_by_e_mail_and_stops_the_e_mails_from_the_link(
    page, new_context, live_portal, axe, camera, tmp_path
):
    live_portal.manage(
        "member", "add", SUBSCRIBER, "--organisation", "spvq", "--email", EMAIL,
        "--password-stdin", stdin=PASSWORD + "\n",
    )  # fmt: skip
    sign_in(page, SUBSCRIBER)

    page.goto(f"/fr/recherche/?q={WORD}")
    # Search by meaning may bring a related study; the one to come is not there yet.
    expect(page.get_by_role("heading", name=re.compile(r"^\d+ résultats?$"))).to_be_visible()
    expect(page.get_by_role("link", name=NEW_STUDY.title)).to_have_count(0)
    saving = page.get_by_role("complementary", name="Enregistrer cette recherche")
    saving.get_by_label("Nom", exact=True).fill("Unités cynophiles")
    saving.get_by_label("Nouveautés par courriel").select_option(label="Chaque jour")
    saving.get_by_role("button", name="Enregistrer", exact=True).click()

    expect(page).to_have_url(re.compile(r"/fr/compte/#saved-search-\d+$"))
    # Said once (the site's message area), not twice.
    saved_message = page.get_by_role("status").filter(has_text="Enregistrée")
    expect(saved_message).to_have_text("Enregistrée : « Unités cynophiles ».")
    saved = page.locator("article.saved-search")
    expect(saved.get_by_role("heading", name="Unités cynophiles")).to_be_visible()
    expect(saved.get_by_label("Alertes par courriel")).to_have_value("daily")
    camera.capture(page, "1-account-saved")

    # An editor's import brings the first study with the word.
    manifest = write_manifest(tmp_path / "manifest", [NEW_STUDY])
    live_portal.manage("import_research", str(manifest), "--wait", "--timeout", "120")

    # Tomorrow's run, as beat would do it after the day's digest hour: the e-mail is printed.
    tomorrow = (datetime.datetime.now().astimezone() + datetime.timedelta(days=1)).isoformat()
    output = live_portal.manage("send_digests", "--at", tomorrow)
    assert "Digests sent: 1, with nothing new: 0, failed: 0, items listed: 1." in output
    assert f"To: {EMAIL}" in output
    assert f"* {NEW_STUDY.title}" in output
    stop_links = STOP_LINK.findall(output)
    assert stop_links, output

    # Signed out (another browser profile), the link asks first, then stops the e-mails.
    stranger = new_context().new_page()
    stranger.goto(urlsplit(stop_links[0]).path)
    expect(stranger.get_by_role("heading", name="Arrêter les alertes par courriel")).to_be_visible()
    expect(stranger.get_by_role("main").get_by_role("listitem")).to_have_text("Unités cynophiles")
    expect(stranger.get_by_text("Connecté en tant que")).to_have_count(0)
    camera.capture(stranger, "2-unsubscribe-confirm")
    stranger.get_by_role("button", name="Arrêter les courriels").click()
    expect(stranger.get_by_role("main").get_by_role("status")).to_have_text(
        "C'est fait : ces recherches enregistrées n'enverront plus de courriels."
    )
    camera.capture(stranger, "3-unsubscribed")

    # The member's account shows the search kept, without e-mails; it is no longer due at all.
    page.goto("/fr/compte/")
    expect(saved.get_by_role("heading", name="Unités cynophiles")).to_be_visible()
    expect(saved.get_by_label("Alertes par courriel")).to_have_value("none")
    later = (datetime.datetime.now().astimezone() + datetime.timedelta(days=2)).isoformat()
    output = live_portal.manage("send_digests", "--at", later)
    assert "Digests sent: 0, with nothing new: 0, failed: 0, items listed: 0." in output
    assert EMAIL not in output
    axe.check(page, viewports=[{"width": 375, "height": HEIGHT}, PHONE, DESKTOP])
    camera.capture(page, "4-account-unsubscribed")
