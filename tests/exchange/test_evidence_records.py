"""What a study found travels with its records: CSV columns (labels in the requested language),
citations (BibTeX, RIS, CSL-JSON) and OAI-PMH Dublin Core carry its findings and practices."""

import csv
import io

import bibtexparser
import pytest
import rispy
from defusedxml import ElementTree as ET

from exchange.oai.repository import item_identifier
from research.models import Effect, EvidenceLevel, Outcome, Practice, ResearchFinding

DC = "{http://purl.org/dc/elements/1.1/}"


def finding(outcome: str, effect: str, position: int) -> ResearchFinding:
    return ResearchFinding(
        outcome=Outcome.objects.get(slug=outcome),
        effect=Effect.objects.get(slug=effect),
        sort_order=position,
    )


@pytest.fixture
def study(search_index, make_research_page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_research_page(
            title="Patrouilles dans les points chauds",
            slug="patrouilles",
            evidence=EvidenceLevel.objects.get(slug="sms-4"),
            practices=[Practice.objects.get(slug="hot-spots-policing")],
            # In the analyst's order, not the alphabetical one.
            findings=[
                finding("violent-crime", "positive", 0),
                finding("trust-legitimacy", "negative", 1),
            ],
        )


def read_csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def test_the_csv_export_says_findings_practices_design_and_level_in_english(client, study):
    (row,) = read_csv(client.get("/api/v1/search/export", {"format": "csv", "lang": "en"}))
    assert row["findings"] == (
        "Violent crime: Positive effect; Trust and legitimacy: Negative effect (backfire)"
    )
    assert row["practices"] == "Hot spots policing"
    assert row["design_label"] == "Descriptive"
    assert row["evidence_label"].startswith("SMS 4")
    assert (row["design"], row["evidence"]) == ("descriptive", "sms-4")


def test_the_csv_export_says_them_in_french(client, study):
    (row,) = read_csv(client.get("/api/v1/search/export", {"format": "csv", "lang": "fr"}))
    assert row["findings"] == (
        "Crimes violents\u00a0: Effet positif; "
        "Confiance et légitimité\u00a0: Effet négatif (contre-productif)"
    )
    assert row["practices"] == "Police des points chauds"


def test_citations_carry_the_findings_as_a_note_and_practices_as_keywords(client, study):
    (entry,) = bibtexparser.parse_string(
        client.get(f"/en/citation/{study.pk}.bib").content.decode()
    ).entries
    assert entry["note"] == (
        "Findings: Violent crime: Positive effect; Trust and legitimacy: Negative effect "
        "(backfire)."
    )
    assert "Hot spots policing" in entry["keywords"]
    (ris,) = rispy.loads(client.get(f"/en/citation/{study.pk}.ris").content.decode())
    assert "Hot spots policing" in ris["keywords"]
    assert ris["notes"] == [entry["note"]]
    (csl,) = client.get(f"/fr/citation/{study.pk}.json").json()
    assert csl["note"] == (
        "Constats\u00a0: Crimes violents\u00a0: Effet positif; Confiance et légitimité\u00a0: "
        "Effet négatif (contre-productif)."
    )
    assert "Police des points chauds" in csl["keyword"]


def test_search_exports_of_citations_carry_them_too(client, study):
    bib = client.get("/api/v1/search/export", {"format": "bibtex", "lang": "en"})
    (entry,) = bibtexparser.parse_string(bib.content.decode()).entries
    assert entry["note"].startswith("Findings: Violent crime: Positive effect;")


def test_oai_dc_gives_findings_as_a_description_and_practices_as_subjects(client, study):
    identifier = item_identifier(study.pk, "testserver")
    response = client.get(
        "/oai", {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": identifier}
    )
    root = ET.fromstring(response.content)
    subjects = [element.text for element in root.iter(f"{DC}subject")]
    descriptions = [element.text for element in root.iter(f"{DC}description")]
    assert "Police des points chauds" in subjects
    assert (
        "Constats\u00a0: Crimes violents\u00a0: Effet positif; Confiance et légitimité\u00a0: "
        "Effet négatif (contre-productif)."
    ) in descriptions


def test_a_study_without_findings_has_no_note(client, make_research_page):
    page = make_research_page(slug="sans-constats")
    (csl,) = client.get(f"/en/citation/{page.pk}.json").json()
    assert "note" not in csl
    (entry,) = bibtexparser.parse_string(
        client.get(f"/en/citation/{page.pk}.bib").content.decode()
    ).entries
    assert "note" not in entry.fields_dict
