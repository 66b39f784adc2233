"""A manager narrows a search to what studies found: outcome measured, effect found, practice
evaluated; counts and hits only ever include the studies the viewer may see."""

import pytest

from research.models import Effect, EvidenceLevel, Outcome, Practice, ResearchFinding


def finding(outcome: str, effect: str) -> ResearchFinding:
    return ResearchFinding(
        outcome=Outcome.objects.get(slug=outcome), effect=Effect.objects.get(slug=effect)
    )


@pytest.fixture
def studies(search_index, make_research_page, django_capture_on_commit_callbacks):
    made = {}
    with django_capture_on_commit_callbacks(execute=True):
        made["patrols"] = make_research_page(
            title="Patrouilles dans les points chauds",
            slug="patrouilles",
            evidence=EvidenceLevel.objects.get(slug="sms-5"),
            practices=[Practice.objects.get(slug="hot-spots-policing")],
            findings=[
                finding("violent-crime", "positive"),
                finding("trust-legitimacy", "negative"),
            ],
        )
        made["cameras"] = make_research_page(
            title="Caméras portatives, projet pilote",
            slug="cameras",
            practices=[Practice.objects.get(slug="body-worn-cameras")],
            findings=[finding("use-of-force", "no-effect")],
        )
        made["restricted"] = make_research_page(
            title="Patrouilles, évaluation interne",
            slug="patrouilles-interne",
            access="organisation",
            practices=[Practice.objects.get(slug="hot-spots-policing")],
            findings=[finding("violent-crime", "positive")],
        )
    return made


def counts(body: dict, facet: str) -> dict[str, int]:
    return {entry["value"]: entry["count"] for entry in body["facets"][facet]}


def test_outcome_effect_and_practice_facets_count_only_visible_studies(client, studies):
    body = client.get("/api/v1/search", {"lang": "en"}).json()
    assert body["total"] == 2
    assert counts(body, "practice") == {"hot-spots-policing": 1, "body-worn-cameras": 1}
    assert counts(body, "outcome") == {"violent-crime": 1, "trust-legitimacy": 1, "use-of-force": 1}
    assert counts(body, "effect") == {"positive": 1, "negative": 1, "no-effect": 1}
    labels = {entry["value"]: entry["label"] for entry in body["facets"]["effect"]}
    assert labels["negative"] == "Negative effect (backfire)"


def test_filters_by_what_studies_found(client, studies):
    harmful = client.get("/api/v1/search", {"effect": "negative"}).json()
    assert [hit["id"] for hit in harmful["hits"]] == [studies["patrols"].pk]
    either = client.get("/api/v1/search", {"practice": ["hot-spots-policing", "body-worn-cameras"]})
    assert either.json()["total"] == 2
    both = client.get(
        "/api/v1/search", {"practice": "hot-spots-policing", "outcome": "use-of-force"}
    )
    assert both.json()["total"] == 0


def test_the_search_page_offers_the_new_facets_in_french(client, studies):
    html = client.get("/fr/recherche/").content.decode()
    assert "Pratique évaluée" in html
    assert "Police des points chauds" in html
    assert "Effet négatif (contre-productif)" in html
