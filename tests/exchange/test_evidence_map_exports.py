"""The evidence map leaves the portal as a CSV grid and an SVG image, each the viewer's own
cells under the page's filters, and each cell of the page opens the search behind it."""

import csv
import io

import pytest
from defusedxml import ElementTree as ET
from django.contrib.auth import get_user_model

from portal.models import Membership, Organisation
from research.models import Effect, EvidenceLevel, Outcome, Practice, ResearchFinding

SVG = "{http://www.w3.org/2000/svg}"
LEVELS = ("public", "community", "organisation")


def finding(outcome: str, effect: str) -> ResearchFinding:
    return ResearchFinding(
        outcome=Outcome.objects.get(slug=outcome), effect=Effect.objects.get(slug=effect)
    )


@pytest.fixture
def studies(search_index, make_research_page, django_capture_on_commit_callbacks):
    """Hot spots policing on violent crime: a positive SMS-4 study at each access level of SPVM,
    and a public SMS-2 one in Gatineau (no effect on violent crime, positive on disorder)."""
    practice = [Practice.objects.get(slug="hot-spots-policing")]
    with django_capture_on_commit_callbacks(execute=True):
        for level in LEVELS:
            make_research_page(
                title=f"Points chauds {level}",
                slug=f"points-chauds-{level}",
                access=level,
                evidence=EvidenceLevel.objects.get(slug="sms-4"),
                practices=practice,
                findings=[finding("violent-crime", "positive")],
            )
        make_research_page(
            title="Points chauds, avant-après",
            slug="points-chauds-avant-apres",
            evidence=EvidenceLevel.objects.get(slug="sms-2"),
            region="Gatineau",
            practices=practice,
            findings=[finding("violent-crime", "no-effect"), finding("disorder", "positive")],
        )


def sign_in_member(client, organisation: str):
    user = get_user_model().objects.create_user(f"member_{organisation}", password="x")
    Membership.objects.create(user=user, organisation=Organisation.objects.get(slug=organisation))
    client.force_login(user)


def grid(response) -> dict[str, dict[str, str]]:
    """Row label → column label → cell text, from the CSV."""
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, *lines = rows
    return {line[0]: dict(zip(header[1:], line[1:], strict=True)) for line in lines}, header


@pytest.mark.parametrize(
    ("who", "violent_crime"),
    [
        ("anonymous", "2 findings: Promising"),
        ("member_sq", "3 findings: Works"),
        ("member_spvm", "4 findings: Works"),
    ],
)
def test_the_csv_grid_holds_the_viewer_s_cells(client, studies, who, violent_crime):
    if who != "anonymous":
        sign_in_member(client, who.split("_")[1])
    response = client.get("/en/evidence-map/grid.csv")
    assert response["Content-Disposition"] == 'attachment; filename="passerelle-evidence-map.csv"'
    assert "private" in response["Cache-Control"]
    cells, header = grid(response)
    assert header[:3] == ["Practices", "Crime overall", "Violent crime"]
    assert cells["Hot spots policing"]["Violent crime"] == violent_crime
    assert cells["Hot spots policing"]["Disorder"] == ("1 finding: Not enough evidence")
    assert cells["Hot spots policing"]["Crime overall"] == ""  # a research gap
    assert set(cells["CCTV"].values()) == {""}


def test_the_csv_follows_the_page_s_filters_and_language(client, studies):
    cells, _header = grid(client.get("/en/evidence-map/grid.csv", {"region": "Gatineau"}))
    assert cells["Hot spots policing"]["Violent crime"] == "1 finding: Not enough evidence"
    cells, _header = grid(client.get("/en/evidence-map/grid.csv", {"year_from": "2030"}))
    assert set(cells["Hot spots policing"].values()) == {""}
    cells, header = grid(client.get("/fr/carte-des-preuves/grille.csv", {"rows": "theme"}))
    assert header[:2] == ["Thèmes", "Criminalité en général"]
    assert cells["Profilage racial et social"]["Crimes violents"] == (
        "2 constats\u00a0: Prometteuse"
    )


@pytest.mark.parametrize("extension", ["csv", "svg"])
@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"rows": "planets"}, "Choose what the rows show"),
        (
            {"year_from": "2024", "year_to": "2020"},
            "The publication year “From” must not come after “Until”.",
        ),
        ({"local": "maybe"}, "local must be 0 or 1."),
    ],
)
def test_bad_parameters_are_a_clear_400(client, db, extension, params, message):
    response = client.get(f"/en/evidence-map/grid.{extension}", params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_image_is_titled_described_and_says_each_cell_in_words(client, studies):
    response = client.get("/en/evidence-map/grid.svg")
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="passerelle-evidence-map.svg"'
    root = ET.fromstring(response.content)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "map-title map-desc"
    assert root.find(f"{SVG}title").text == "Evidence map: what works, for which outcome"
    assert "an empty cell is a research gap" in root.find(f"{SVG}desc").text
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert "Hot spots policing" in texts
    assert "Violent crime" in texts
    assert texts.count("Promising") == 1
    assert "2 findings" in texts
    assert "Not enough evidence" in texts
    assert "Every study you may see." in texts


def test_the_image_in_french_and_under_filters(client, studies):
    sign_in_member(client, "spvm")
    response = client.get("/fr/carte-des-preuves/grille.svg", {"year_from": "2020", "local": "1"})
    root = ET.fromstring(response.content)
    texts = [element.text for element in root.iter(f"{SVG}text")]
    assert "Carte des preuves : ce qui fonctionne, pour quel résultat" in texts
    assert "Études comptées\u00a0: à partir de 2020; évaluée au Québec ou en Ontario." in texts
    assert "4 constats" not in texts  # no study is marked as evaluated locally


def test_editor_typed_labels_are_escaped_in_the_image_and_the_spreadsheet(client, studies):
    Practice.objects.filter(slug="cctv").update(label_en='=CCTV <script>alert("x")</script> & co')
    response = client.get("/en/evidence-map/grid.svg")
    assert b"<script>" not in response.content
    root = ET.fromstring(response.content)
    assert any("<script>" in (element.text or "") for element in root.iter(f"{SVG}text"))
    cells, _header = grid(client.get("/en/evidence-map/grid.csv"))
    assert '\'=CCTV <script>alert("x")</script> & co' in cells


def test_the_map_page_links_its_exports_and_each_cell_opens_the_search_behind_it(client, studies):
    page = client.get("/en/evidence-map/", {"region": "Gatineau", "year_from": "2020"})
    html = page.content.decode()
    assert 'href="/en/evidence-map/grid.csv?region=Gatineau&amp;year_from=2020" download' in html
    assert 'href="/en/evidence-map/grid.svg?region=Gatineau&amp;year_from=2020" download' in html
    cell = (
        "/en/search/?practice=hot-spots-policing&amp;outcome=violent-crime"
        "&amp;region=Gatineau&amp;year_from=2020"
    )
    assert f'<a href="{cell}">1 finding' in html
    body = client.get(
        "/api/v1/search",
        {"practice": "hot-spots-policing", "outcome": "violent-crime", "region": "Gatineau"},
    ).json()
    assert body["total"] == 1  # the one study behind the cell
    unfiltered = client.get("/en/evidence-map/").content.decode()
    assert '<a href="/en/search/?practice=hot-spots-policing&amp;outcome=violent-crime">' in (
        unfiltered
    )
    search = client.get(
        "/api/v1/search", {"practice": "hot-spots-policing", "outcome": "violent-crime"}
    ).json()
    assert search["total"] == 2  # the studies behind its 2 findings, for this viewer
