"""OAI-PMH 2.0: a harvester collects every public record once; errors use the protocol codes."""

import datetime

import pytest
from defusedxml import ElementTree as ET
from django.contrib.auth import get_user_model
from sickle import Sickle

from portal.models import Organisation

OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture
def items(make_research_page):
    made = {}
    for number in range(5):
        made[f"public-{number}"] = make_research_page(
            title=f"Étude publique numéro {number}",
            slug=f"etude-publique-{number}",
            publication_date=datetime.date(2020 + number, 1, 15),
            themes=["youth"] if number % 2 else ["road-safety"],
            organisation=Organisation.objects.get(slug="spvm" if number < 3 else "ops"),
        )
    for level in ("community", "organisation"):
        made[level] = make_research_page(
            title=f"Étude {level}", slug=f"etude-{level}", access=level, themes=["youth"]
        )
    return made


def public_ids(items) -> set[int]:
    return {page.pk for key, page in items.items() if key.startswith("public")}


def oai(client, **params):
    response = client.get("/oai", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return ET.fromstring(response.content)


def error_code(root) -> str | None:
    element = root.find(f"{OAI}error")
    return None if element is None else element.get("code")


@pytest.mark.django_db(transaction=True)
def test_a_harvester_collects_every_public_record_once(live_server, items, settings):
    settings.OAI_PAGE_SIZE = 2  # three pages, two resumption tokens
    harvester = Sickle(f"{live_server.url}/oai", max_retries=0)
    records = list(harvester.ListRecords(metadataPrefix="oai_dc"))
    identifiers = [record.header.identifier for record in records]
    assert len(identifiers) == len(set(identifiers)) == 5
    host = live_server.url.split("//")[1].rsplit(":", 1)[0]
    assert set(identifiers) == {f"oai:{host}:research/{pk}" for pk in public_ids(items)}
    first = next(r for r in records if r.metadata["title"] == ["Étude publique numéro 0"])
    assert first.metadata["creator"] == ["Exemple, Camille"]
    assert first.metadata["date"] == ["2020-01-15"]
    assert first.metadata["language"] == ["fr"]
    assert first.metadata["publisher"] == ["Service de police de la Ville de Montréal"]
    assert "organisation:spvm" in first.header.setSpecs
    assert "theme:road-safety" in first.header.setSpecs
    headers = list(harvester.ListIdentifiers(metadataPrefix="oai_dc", set="theme:youth"))
    youth = {items["public-1"].pk, items["public-3"].pk}
    assert {h.identifier.rsplit("/", 1)[1] for h in headers} == {str(pk) for pk in youth}
    sets = {s.setSpec for s in harvester.ListSets()}
    assert {"organisation:spvm", "organisation:cpo", "theme:youth"} <= sets
    identify = harvester.Identify()
    assert identify.protocolVersion == "2.0"
    assert identify.deletedRecord == "transient"
    record = harvester.GetRecord(identifier=identifiers[0], metadataPrefix="oai_dc")
    assert record.header.identifier == identifiers[0]


def test_signed_in_users_still_harvest_public_records_only(client, items):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(user)
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    found = {
        int(h.findtext(f"{OAI}identifier").rsplit("/", 1)[1]) for h in root.iter(f"{OAI}header")
    }
    assert found == public_ids(items)


def test_resumption_tokens_report_the_list_size_and_cursor(client, items, settings):
    settings.OAI_PAGE_SIZE = 2
    root = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = root.find(f".//{OAI}resumptionToken")
    assert (token.get("completeListSize"), token.get("cursor")) == ("5", "0")
    seen = len(root.findall(f".//{OAI}header"))
    while token is not None and token.text:
        root = oai(client, verb="ListIdentifiers", resumptionToken=token.text)
        seen += len(root.findall(f".//{OAI}header"))
        token = root.find(f".//{OAI}resumptionToken")
    assert seen == 5
    assert (token.text, token.get("cursor")) == (None, "4")


def test_records_are_selected_by_datestamp(client, items):
    today = datetime.datetime.now(datetime.UTC).date()  # datestamps are UTC
    later = (today + datetime.timedelta(days=1)).isoformat()
    assert (
        error_code(oai(client, verb="ListRecords", metadataPrefix="oai_dc", **{"from": later}))
        == "noRecordsMatch"
    )
    root = oai(client, verb="ListRecords", metadataPrefix="oai_dc", until=today.isoformat())
    assert len(root.findall(f".//{OAI}record")) == 5


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Harvest"}, "badVerb"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "Identify", "set": "theme:youth"}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-13-45"}, "badArgument"),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2025-01-01",
                "until": "2024-01-01",
            },
            "badArgument",
        ),
        (
            {
                "verb": "ListRecords",
                "metadataPrefix": "oai_dc",
                "from": "2024-01-01",
                "until": "2025-01-01T00:00:00Z",
            },
            "badArgument",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "marcxml"}, "cannotDisseminateFormat"),
        ({"verb": "ListRecords", "resumptionToken": "forged"}, "badResumptionToken"),
        (
            {"verb": "ListRecords", "resumptionToken": "x", "metadataPrefix": "oai_dc"},
            "badArgument",
        ),
        ({"verb": "ListSets", "resumptionToken": "x"}, "badResumptionToken"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "theme:cybercrime"},
            "noRecordsMatch",
        ),
        (
            {
                "verb": "GetRecord",
                "metadataPrefix": "oai_dc",
                "identifier": "oai:testserver:research/999999",
            },
            "idDoesNotExist",
        ),
        ({"verb": "ListMetadataFormats", "identifier": "not-an-identifier"}, "idDoesNotExist"),
    ],
)
def test_errors_carry_the_protocols_codes(client, items, params, code):
    root = oai(client, **params)
    assert error_code(root) == code
    request = root.find(f"{OAI}request")
    assert request.text == "http://testserver/oai"
    if code in ("badVerb", "badArgument"):
        assert request.attrib == {}  # the protocol forbids echoing arguments that were wrong


@pytest.mark.parametrize("verb", ["GetRecord", "ListMetadataFormats"])
@pytest.mark.parametrize("number", ["9223372036854775808", "99999999999999999999999"])
def test_an_identifier_no_database_holds_does_not_exist(client, items, verb, number):
    params = {"verb": verb, "identifier": f"oai:testserver:research/{number}"}
    if verb == "GetRecord":
        params["metadataPrefix"] = "oai_dc"
    assert error_code(oai(client, **params)) == "idDoesNotExist"


def test_a_repeated_argument_is_bad(client, items):
    response = client.get("/oai?verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc")
    assert error_code(ET.fromstring(response.content)) == "badArgument"
    response = client.get("/oai?verb=Identify&verb=Identify")
    assert error_code(ET.fromstring(response.content)) == "badVerb"


def test_restricted_records_do_not_exist_for_harvesters(client, items):
    for key in ("community", "organisation"):
        identifier = f"oai:testserver:research/{items[key].pk}"
        root = oai(client, verb="GetRecord", metadataPrefix="oai_dc", identifier=identifier)
        assert error_code(root) == "idDoesNotExist"


def test_post_requests_are_answered_like_get(client, items):
    response = client.post(
        "/oai",
        {
            "verb": "GetRecord",
            "metadataPrefix": "oai_dc",
            "identifier": f"oai:testserver:research/{items['public-0'].pk}",
        },
    )
    root = ET.fromstring(response.content)
    assert error_code(root) is None
    assert root.find(f".//{DC}title").text == "Étude publique numéro 0"
    assert root.find(f"{OAI}request").get("verb") == "GetRecord"
