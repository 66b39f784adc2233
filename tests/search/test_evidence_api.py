"""What works, as a manager reads it: practices' verdicts, a practice's studies and the
evidence map, over HTTP, computed only from the findings each viewer may see."""

import re

import pytest
from django.contrib.auth import get_user_model

from portal.models import Membership, Organisation
from research.models import Effect, EvidenceLevel, Outcome, Practice, ResearchFinding

LEVELS = ("public", "community", "organisation")


def finding(outcome: str, effect: str) -> ResearchFinding:
    return ResearchFinding(
        outcome=Outcome.objects.get(slug=outcome), effect=Effect.objects.get(slug=effect)
    )


@pytest.fixture
def hot_spots_studies(make_research_page):
    """Hot spots policing on violent crime: one positive SMS-4 study at each access level of
    SPVM, and a public SMS-2 one (listed, never counted by the rule)."""
    practice = [Practice.objects.get(slug="hot-spots-policing")]
    studies = {
        level: make_research_page(
            title=f"Points chauds {level}",
            slug=f"points-chauds-{level}",
            access=level,
            evidence=EvidenceLevel.objects.get(slug="sms-4"),
            practices=practice,
            findings=[finding("violent-crime", "positive")],
        )
        for level in LEVELS
    }
    studies["weak"] = make_research_page(
        title="Points chauds, avant-après",
        slug="points-chauds-avant-apres",
        evidence=EvidenceLevel.objects.get(slug="sms-2"),
        region="Gatineau",
        practices=practice,
        findings=[finding("violent-crime", "no-effect"), finding("disorder", "positive")],
    )
    return studies


def sign_in_member(client, organisation: str):
    user = get_user_model().objects.create_user(f"member_{organisation}", password="x")
    Membership.objects.create(user=user, organisation=Organisation.objects.get(slug=organisation))
    client.force_login(user)


def violent_crime(body: dict, slug: str = "hot-spots-policing") -> dict:
    (practice,) = [entry for entry in body["practices"] if entry["slug"] == slug]
    (verdict,) = [v for v in practice["verdicts"] if v["outcome"]["value"] == "violent-crime"]
    return verdict


@pytest.mark.parametrize(
    ("who", "rigorous_positives", "verdict"),
    [
        # Anonymous: one public positive at SMS 4 (and a weak no-effect) → promising.
        ("anonymous", 1, "promising"),
        # Another organisation's member also sees the community study → works.
        ("member_sq", 2, "works"),
        # SPVM's members see their organisation-level study too.
        ("member_spvm", 3, "works"),
    ],
)
def test_a_practice_s_verdict_counts_only_what_the_viewer_may_see(
    client, hot_spots_studies, who, rigorous_positives, verdict
):
    if who != "anonymous":
        sign_in_member(client, who.split("_")[1])
    body = client.get("/api/v1/practices", {"lang": "en"}).json()
    assert violent_crime(body) == {
        "outcome": {"value": "violent-crime", "label": "Violent crime"},
        "verdict": verdict,
        "findings": rigorous_positives + 1,
        "studies": rigorous_positives + 1,
        "strongest": "sms-4",
    }
    practices = {entry["slug"]: entry for entry in body["practices"]}
    assert practices["cctv"]["verdicts"] == []  # a research gap, still listed
    assert practices["hot-spots-policing"]["url"] == "/en/practices/hot-spots-policing/"


def test_one_practice_lists_its_visible_studies_strongest_first(client, hot_spots_studies):
    body = client.get("/api/v1/practices/hot-spots-policing", {"lang": "fr"}).json()
    assert [study["title"] for study in body["studies"]] == [
        "Points chauds public",
        "Points chauds, avant-après",
    ]
    assert body["studies"][1]["findings"] == [
        {
            "outcome": {"value": "violent-crime", "label": "Crimes violents"},
            "effect": {"value": "no-effect", "label": "Aucun effet"},
        },
        {
            "outcome": {"value": "disorder", "label": "Désordre et incivilités"},
            "effect": {"value": "positive", "label": "Effet positif"},
        },
    ]
    assert body["studies"][0]["evidence"] == {
        "value": "sms-4",
        "label": EvidenceLevel.objects.get(slug="sms-4").label_fr,
    }


def test_an_unknown_practice_is_a_404_in_json(client, db):
    response = client.get("/api/v1/practices/astrology", {"lang": "en"})
    assert response.status_code == 404
    assert response.json() == {"error": "No practice with the slug astrology."}


def test_the_evidence_map_counts_cells_per_viewer_and_filters(client, hot_spots_studies):
    body = client.get("/api/v1/evidence-map", {"rows": "practice", "lang": "en"}).json()
    assert {"value": "hot-spots-policing", "label": "Hot spots policing"} in body["rows"]
    assert body["columns"][0] == {"value": "crime-overall", "label": "Crime overall"}
    assert body["cells"] == [
        {"row": "hot-spots-policing", "column": "disorder", "findings": 1, "verdict": "unknown"},
        {
            "row": "hot-spots-policing",
            "column": "violent-crime",
            "findings": 2,
            "verdict": "promising",
        },
    ]
    only_gatineau = client.get("/api/v1/evidence-map", {"region": "Gatineau"}).json()
    assert [(c["column"], c["findings"]) for c in only_gatineau["cells"]] == [
        ("disorder", 1),
        ("violent-crime", 1),
    ]
    sign_in_member(client, "spvm")
    member = client.get("/api/v1/evidence-map", {"rows": "practice"}).json()
    assert {
        "row": "hot-spots-policing",
        "column": "violent-crime",
        "findings": 4,
        "verdict": "works",
    } in member["cells"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"rows": "planets"}, "rows must be one of practice, objective, theme."),
        ({"year_from": "2024", "year_to": "2020"}, None),
        ({"local": "maybe"}, "local must be 0 or 1."),
    ],
)
def test_bad_map_parameters_are_a_clear_400(client, db, params, message):
    response = client.get("/api/v1/evidence-map", {**params, "lang": "en"})
    assert response.status_code == 400
    if message:
        assert response.json() == {"error": message}
    else:
        assert "year" in response.json()["error"]


def test_the_practice_page_and_the_map_render_in_both_languages(client, hot_spots_studies):
    page = client.get("/fr/pratiques/police-des-points-chauds/")
    assert page.status_code == 404  # pages are addressed by the stable slug, not the label
    french = client.get("/fr/pratiques/hot-spots-policing/").content.decode()
    assert "Police des points chauds" in french
    assert 'id="outcome-violent-crime"' in french
    assert "Prometteuse" in french
    assert "Points chauds organisation" not in french  # not visible to an anonymous reader
    english = client.get("/en/evidence-map/").content.decode()
    cell = '<a href="/en/search/?practice=hot-spots-policing&amp;outcome=violent-crime">2 findings'
    assert cell in english
    assert "Promising" in english
    assert client.get("/en/evidence-map/", {"rows": "planets"}).status_code == 400
    rule = client.get("/fr/carte-des-preuves/methode/").content.decode()
    assert 'id="sms-3"' in rule and "Ne fonctionne pas" in rule


@pytest.fixture
def many_cctv_studies(make_research_page):
    """25 public CCTV studies: five at each SMS level, the years running 2000 to 2024."""
    practice = [Practice.objects.get(slug="cctv")]
    studies = []
    for number in range(25):
        level = 5 - number % 5
        studies.append(
            make_research_page(
                title=f"Caméras {number:02d} SMS {level}",
                slug=f"cameras-{number:02d}",
                evidence=EvidenceLevel.objects.get(slug=f"sms-{level}"),
                publication_date=f"{2000 + number}-06-01",
                region="Montréal" if number % 2 else "Ottawa",
                practices=practice,
                findings=[finding("property-crime", "positive")],
            )
        )
    return studies


def expected_order(studies) -> list[str]:
    """Strongest evidence first, the newest first within a level."""
    ordered = sorted(
        studies, key=lambda page: (page.evidence.slug, page.publication_date), reverse=True
    )
    return [page.title for page in ordered]


def test_a_practice_s_studies_come_a_page_at_a_time_strongest_first(client, many_cctv_studies):
    first = client.get("/fr/pratiques/cctv/").content.decode()
    titles = re.findall(r"Caméras \d\d SMS \d", first)
    assert titles == expected_order(many_cctv_studies)[:20]
    assert "25 études que vous pouvez consulter" in first
    assert 'rel="next" href="?page=2"' in first
    second = client.get("/fr/pratiques/cctv/", {"page": 2}).content.decode()
    assert re.findall(r"Caméras \d\d SMS \d", second) == expected_order(many_cctv_studies)[20:]
    assert "Page 2 sur 2" in second
    # The verdict and the regions count every study, not the page shown.
    assert "Montréal, Ottawa" in second
    assert 'id="outcome-property-crime"' in second
    # A page past the end shows the last one, as the site's other lists do.
    assert client.get("/fr/pratiques/cctv/", {"page": 9}).status_code == 200


def test_the_api_pages_a_practice_s_studies_like_the_search(client, many_cctv_studies):
    order = expected_order(many_cctv_studies)
    body = client.get("/api/v1/practices/cctv", {"lang": "en"}).json()
    assert (body["total"], body["page"], body["size"]) == (25, 1, 20)
    assert [study["title"] for study in body["studies"]] == order[:20]
    (verdict,) = body["verdicts"]
    assert (verdict["findings"], verdict["studies"], verdict["verdict"]) == (25, 25, "works")
    body = client.get("/api/v1/practices/cctv", {"page": 3, "size": 10}).json()
    assert [study["title"] for study in body["studies"]] == order[20:]
    response = client.get("/api/v1/practices/cctv", {"size": 1000, "lang": "en"})
    assert response.status_code == 400
    assert "size" in response.json()["error"]


def test_the_what_works_api_answers_as_its_openapi_description_says(client, hot_spots_studies):
    from jsonschema import Draft202012Validator

    schema = client.get("/api/v1/schema", HTTP_ACCEPT_LANGUAGE="en").json()
    answers = {
        ("/api/v1/practices", "PracticeList"): {},
        ("/api/v1/practices/{slug}", "PracticeStudies"): {"page": 1, "size": 2},
        ("/api/v1/evidence-map", "EvidenceMap"): {"rows": "practice", "local": 0},
    }
    for (path, name), params in answers.items():
        operation = schema["paths"][path]["get"]
        assert "200" in operation["responses"] and "400" in operation["responses"]
        url = path.replace("{slug}", "hot-spots-policing")
        answer = client.get(url, {"lang": "fr", **params}).json()
        validator = Draft202012Validator(
            {"$ref": f"#/components/schemas/{name}", "components": schema["components"]}
        )
        validator.validate(answer)  # raises, naming the field, when the answer strays
        assert answer.get("practices") or answer.get("studies") or answer.get("cells")
    assert schema["paths"]["/api/v1/practices/{slug}"]["get"]["responses"]["404"]
    rows = schema["components"]["parameters"]["mapRows"]["schema"]["enum"]
    assert rows == ["practice", "objective", "theme"]
    # A verdict outside the rule's four would fail the validation above.
    verdict = schema["components"]["schemas"]["EvidenceMap"]["properties"]["cells"]["items"]
    assert verdict["properties"]["verdict"]["enum"] == [
        "works",
        "promising",
        "does-not-work",
        "unknown",
    ]
