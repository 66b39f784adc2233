"""/api/v1/saved-searches: create, list and delete a member's saved searches, like search's auth."""

import json

import pytest

from alerts.models import SavedSearch
from portal.tokens import issue_personal_token
from tests.alerts.conftest import member, saved_search

pytestmark = pytest.mark.django_db

URL = "/api/v1/saved-searches"


def post(client, body, **headers):
    return client.post(URL, json.dumps(body), content_type="application/json", headers=headers)


@pytest.fixture
def signed_in(client):
    user = member("analyste", "spvm")
    client.force_login(user)
    return user


def test_creating_answers_201_with_the_saved_search(client, signed_in, search_index):
    body = {"name": "Jeunes", "query": {"q": "gangs", "theme": ["youth", "edi"], "page": "3"}}
    response = post(client, {**body, "frequency": "weekly"})
    assert response.status_code == 201
    answer = response.json()
    saved = SavedSearch.objects.get()
    assert answer == {
        "id": saved.pk,
        "name": "Jeunes",
        # The API's shape; a saved search opens at its first page.
        "query": {"q": "gangs", "theme": ["youth", "edi"]},
        "frequency": "weekly",
        "language": "fr",
        "feed_url": f"http://testserver/fr/flux/recherche-enregistree/{saved.pk}/{saved.feed_token}/",
        "new_items": 0,
    }
    assert (saved.owner, saved.frequency, saved.query) == (signed_in, "weekly", answer["query"])


def test_a_single_value_may_be_given_for_a_repeated_parameter_and_language_chosen(
    client, signed_in
):
    response = post(
        client, {"name": "N", "query": {"theme": "youth"}, "frequency": "none", "language": "en"}
    )
    assert response.status_code == 201
    assert (response.json()["query"], response.json()["language"]) == ({"theme": ["youth"]}, "en")
    assert "/en/feed/saved-search/" in response.json()["feed_url"]


def test_listing_shows_only_ones_own(client, signed_in, search_index):
    mine = saved_search(signed_in, name="À moi")
    saved_search(member("autre", "sq"), name="À quelqu'un d'autre")
    response = client.get(URL)
    assert response.status_code == 200
    (listed,) = response.json()["saved_searches"]
    assert (listed["id"], listed["name"], listed["query"]) == (mine.pk, "À moi", mine.query)
    assert set(listed) == {"id", "name", "query", "frequency", "language", "feed_url", "new_items"}


def test_deleting_ones_own_is_204_and_someone_elses_is_404(client, signed_in):
    mine = saved_search(signed_in)
    theirs = saved_search(member("autre", "sq"))
    assert client.delete(f"{URL}/{theirs.pk}").status_code == 404
    assert client.delete(f"{URL}/{theirs.pk}").json() == {
        "error": "Cette recherche enregistrée n'existe pas."
    }
    response = client.delete(f"{URL}/{mine.pk}")
    assert (response.status_code, response.content) == (204, b"")
    assert list(SavedSearch.objects.values_list("pk", flat=True)) == [theirs.pk]
    assert client.delete(f"{URL}/{mine.pk}").status_code == 404


@pytest.mark.parametrize(("method", "path"), [("get", URL), ("post", URL), ("delete", f"{URL}/1")])
def test_anonymous_requests_are_401_in_json(client, method, path):
    response = getattr(client, method)(path, content_type="application/json")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert "jeton" in response.json()["error"]
    assert not SavedSearch.objects.exists()


def test_a_personal_token_works_and_a_wrong_one_is_401(client):
    user = member("robot", "spvm")
    token = issue_personal_token(user)
    response = post(client, {"name": "Par jeton", "query": {}}, Authorization=f"Bearer {token}")
    assert response.status_code == 201
    assert SavedSearch.objects.get().owner == user
    assert client.get(URL, headers={"Authorization": "Bearer wagtail_faux"}).status_code == 401


INVALID = [
    ({"frequency": "hourly"}, "frequency must be none, daily or weekly."),
    ({"name": ""}, "name must be a text of 1 to 120 characters."),
    ({"query": {"size": "500"}}, "size must be between 1 and 100."),
    (
        {"query": {"year_from": "2024", "year_to": "2020"}},
        "The publication year “From” must not come after “Until”.",
    ),
    (
        {"query": {"sort": "random"}},
        "sort must be one of relevance, newest, oldest, title, evidence.",
    ),
    ({"query": {"colour": "blue"}}, "colour is not a search parameter."),
    ({"query": {"q": ["a", "b"]}}, "q takes a single value."),
    (
        {"query": {"theme": [{"x": 1}]}},
        "theme must be text, or a list of texts for a repeated parameter.",
    ),
    ({"query": ["q"]}, "query must be an object of search parameters."),
    ({"language": "de"}, "language must be fr or en."),
    ({"owner": 3}, "Unknown field: owner."),
]


@pytest.mark.parametrize(("fields", "reason"), INVALID)
def test_invalid_fields_are_400_with_the_reason(client, signed_in, fields, reason):
    body = {"name": "N", "query": {}, **fields}
    response = client.post(
        URL, json.dumps(body), content_type="application/json", headers={"Accept-Language": "en"}
    )
    assert (response.status_code, response.json()) == (400, {"error": reason})
    assert not SavedSearch.objects.exists()


def test_a_query_is_refused_for_the_same_reason_as_the_search_api(client, signed_in, search_index):
    refused = client.get("/api/v1/search", {"size": "0", "lang": "fr"}).json()["error"]
    response = post(client, {"name": "N", "query": {"size": "0"}})
    assert response.json() == {"error": refused}


def test_a_body_that_is_not_json_is_400_and_another_content_type_415(client, signed_in):
    response = client.post(URL, "{nope", content_type="application/json")
    assert (response.status_code, response.json()) == (
        400,
        {"error": "Le corps de la requête n'est pas du JSON valide."},
    )
    form = client.post(URL, {"name": "N"})
    assert form.status_code == 415
    assert not SavedSearch.objects.exists()


def test_the_api_description_lists_the_saved_searches_operations(client):
    paths = client.get("/api/v1/schema").json()["paths"]
    assert set(paths["/api/v1/saved-searches"]) == {"get", "post"}
    assert set(paths["/api/v1/saved-searches/{id}"]) == {"delete"}
