"""A search's results exported as CSV, BibTeX, RIS and CSL-JSON; the OpenAPI description."""

import csv
import datetime
import io

import bibtexparser
import pytest
import rispy
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openapi_spec_validator import validate

from exchange.exports import CSV_COLUMNS
from portal.models import Membership, Organisation
from research.models import ExtractionStatus


@pytest.fixture
def items(search_index, make_research_page, django_capture_on_commit_callbacks):
    made = {}
    with django_capture_on_commit_callbacks(execute=True):
        made["youth"] = make_research_page(
            title='=HYPERLINK("http://example.org") jeunes et gangs',
            slug="jeunes-gangs",
            publication_date=datetime.date(2024, 5, 2),
            themes=["youth", "organised-crime"],
        )
        made["road"] = make_research_page(
            title="Sécurité routière",
            slug="securite-routiere",
            publication_date=datetime.date(2019, 3, 1),
            themes=["road-safety"],
        )
        made["restricted"] = make_research_page(
            title="Jeunes et renseignement",
            slug="jeunes-renseignement",
            publication_date=datetime.date(2025, 1, 9),
            themes=["youth"],
            access="organisation",
        )
    return made


def read_csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


def test_csv_export_holds_the_public_fields_of_what_the_viewer_may_see(client, items):
    response = client.get("/api/v1/search/export", {"format": "csv", "theme": "youth"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="passerelle-search.csv"'
    (row,) = read_csv(response)
    assert row["id"] == str(items["youth"].pk)
    # A cell a spreadsheet would run as a formula is quoted.
    assert row["title"] == '\'=HYPERLINK("http://example.org") jeunes et gangs'
    assert row["url"] == "http://testserver/fr/etudes/jeunes-gangs/"
    assert row["themes"] == "organised-crime;youth"
    assert row["organisation"] == "spvm"
    assert row["authors"] == "Camille Exemple"
    assert "contact_email" not in row and "extracted_text" not in row


def test_a_member_of_the_organisation_exports_its_restricted_items(client, items):
    user = get_user_model().objects.create_user("analyste", password="x")
    Membership.objects.create(user=user, organisation=Organisation.objects.get(slug="spvm"))
    client.force_login(user)
    rows = read_csv(client.get("/api/v1/search/export", {"format": "csv", "sort": "newest"}))
    assert [row["id"] for row in rows] == [
        str(items[key].pk) for key in ("restricted", "youth", "road")
    ]


@pytest.fixture
def item_with_a_long_file(
    search_index, make_research_page, make_document, django_capture_on_commit_callbacks
):
    """A public item whose PDF's extracted text runs to megabytes."""
    document = make_document(name="annexe.pdf", content=b"%PDF-1.4", title="Annexe")
    document.extracted_text = "texte extrait du rapport " * 100_000
    document.mime_type = "application/pdf"
    document.status = ExtractionStatus.INDEXED
    document.save()
    with django_capture_on_commit_callbacks(execute=True):
        return make_research_page(title="Rapport volumineux", files=[document])


@pytest.mark.parametrize(
    ("path", "params", "shown"),
    [
        ("/api/v1/search/export", {"format": "csv"}, "Rapport volumineux"),
        ("/api/v1/search/export", {"format": "bibtex"}, "Rapport volumineux"),
        ("/api/v1/search/export", {"format": "ris"}, "L1  - http://testserver/documents/"),
        ("/fr/flux/", {}, "Rapport volumineux"),
    ],
)
def test_exports_and_feeds_leave_the_files_extracted_text_in_the_database(
    client, item_with_a_long_file, path, params, shown
):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
        body = response.getvalue().decode("utf-8-sig")
    assert response.status_code == 200
    assert shown in body
    assert [query["sql"] for query in queries if "extracted_text" in query["sql"]] == []


def test_a_csv_export_is_sent_as_its_rows_are_read(client, items, monkeypatch):
    monkeypatch.setattr("exchange.exports.READ_CHUNK", 1)
    monkeypatch.setattr("exchange.results.READ_CHUNK", 1)
    response = client.get("/api/v1/search/export", {"format": "csv", "sort": "newest"})
    assert response.status_code == 200
    assert response.streaming
    chunks = [chunk.decode() for chunk in response.streaming_content]
    assert chunks[0] == "\ufeff"  # then the header with the first row, then each next row
    assert [chunk.splitlines()[-1].split(",", 1)[0] for chunk in chunks[1:]] == [
        str(items[key].pk) for key in ("youth", "road")
    ]
    assert chunks[1].splitlines()[0] == ",".join(CSV_COLUMNS)


def test_citation_exports_of_a_search(client, items):
    bib = client.get("/api/v1/search/export", {"format": "bibtex", "sort": "oldest"})
    entries = bibtexparser.parse_string(bib.content.decode()).entries
    assert [entry["title"] for entry in entries] == [
        "{Sécurité routière}",
        '{=HYPERLINK("http://example.org") jeunes et gangs}',
    ]
    ris = rispy.loads(
        client.get("/api/v1/search/export", {"format": "ris", "q": "routière"}).content.decode()
    )
    assert [entry["title"] for entry in ris] == ["Sécurité routière"]
    csl = client.get("/api/v1/search/export", {"format": "csl-json", "lang": "en"}).json()
    assert {entry["id"] for entry in csl} == {str(items["youth"].pk), str(items["road"].pk)}
    assert {entry["genre"] for entry in csl} == {"Analysis"}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"format": "xlsx"},
            "format doit être l'une des valeurs suivantes : csv, bibtex, ris, csl-json.",
        ),
        (
            {"format": "csv", "sort": "random"},
            "sort doit être l'une des valeurs suivantes : "
            "relevance, newest, oldest, title, evidence.",
        ),
    ],
)
def test_bad_export_parameters_are_400_with_the_reason(client, items, params, message):
    response = client.get("/api/v1/search/export", {**params, "lang": "fr"})
    assert response.status_code == 400
    assert response.json() == {"error": message}


def test_a_revoked_or_wrong_token_cannot_export(client, items):
    response = client.get(
        "/api/v1/search/export", {"format": "csv"}, HTTP_AUTHORIZATION="Bearer nope"
    )
    assert response.status_code == 401


def test_the_openapi_schema_is_valid_and_matches_the_api(client, db):
    response = client.get("/api/v1/schema", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    parameters = schema["components"]["parameters"]
    assert parameters["sort"]["schema"]["enum"] == [
        "relevance",
        "newest",
        "oldest",
        "title",
        "evidence",
    ]
    hit = schema["components"]["schemas"]["Hit"]["properties"]
    assert hit["findings"]["items"]["properties"]["effect"] == {
        "$ref": "#/components/schemas/Labelled"
    }
    assert {"evidence", "design", "practices"} <= hit.keys()
    assert parameters["size"]["schema"]["maximum"] == 100
    for facet in ("organisation", "type", "theme", "edition", "objective", "tag"):
        assert {"$ref": f"#/components/parameters/{facet}"} in schema["paths"]["/api/v1/search"][
            "get"
        ]["parameters"]
    assert schema["info"]["title"] == "Passerelle search API"


def test_the_api_documentation_page_is_readable_in_both_languages(client, db):
    french = client.get("/fr/api/").content.decode()
    assert "API de recherche de Passerelle" in french
    assert "<code>GET /api/v1/search</code>" in french
    assert 'href="/api/v1/schema"' in french
    english = client.get("/en/api/").content.decode()
    assert "Export a search&#x27;s results" in english


@pytest.mark.parametrize(
    ("language", "rule"),
    [
        ("en", "The publication year “From” must not come after “Until”."),
        (
            "fr",
            "L\u2019année de publication « De » ne doit pas être postérieure à « Jusqu\u2019à ».",
        ),
    ],
)
def test_the_openapi_description_states_the_year_range_rule_the_api_applies(
    client, db, language, rule
):
    schema = client.get("/api/v1/schema", HTTP_ACCEPT_LANGUAGE=language).json()
    parameters = schema["components"]["parameters"]
    assert parameters["year_from"]["description"].endswith(f". {rule}")
    assert parameters["year_to"]["description"].endswith(f". {rule}")
    reversed_range = {"year_from": 2024, "year_to": 2019, "lang": language}
    response = client.get("/api/v1/search", reversed_range)
    assert (response.status_code, response.json()) == (400, {"error": rule})
