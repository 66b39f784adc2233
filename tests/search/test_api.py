"""GET /api/v1/search answers SPEC §6's JSON for the viewer, over a real index of ten items."""

import pytest
from django.contrib.auth import get_user_model

from search.backends import get_search_backend, reset_search_backend
from search.query import MAX_RESULT_WINDOW
from tests.search.documents import research_documents

pytestmark = pytest.mark.django_db

PUBLIC = {101, 103, 104, 105, 106, 110}


@pytest.fixture(autouse=True)
def indexed():
    reset_search_backend()
    backend = get_search_backend()
    backend.clear()
    backend.index_documents(research_documents())
    yield backend
    backend.clear()
    reset_search_backend()


def get(client, **params):
    headers = params.pop("headers", {})
    return client.get("/api/v1/search", params, headers=headers)


def ids(body):
    return [hit["id"] for hit in body["hits"]]


def facet(body, name):
    return [
        (value["value"], value["label"], value["count"], value["selected"])
        for value in body["facets"][name]
    ]


def test_the_answer_has_exactly_the_documented_shape(client):
    response = get(client, q="violence conjugale")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {
        "total", "page", "size", "took_ms", "hits", "facets", "years", "expansions", "mode"
    }  # fmt: skip
    assert (body["total"], body["page"], body["size"]) == (1, 1, 20)
    assert isinstance(body["took_ms"], int)
    assert body["hits"] == [
        {
            "id": 103,
            "url": "/fr/recherche/item-103/",
            "title": "Violence conjugale : analyse des appels de service",
            "year": 2022,
            "language": "fr",
            "organisation": {"slug": "spvq", "label": "Service de police de la Ville de Québec"},
            "type": "analysis",
            "access": "public",
            "highlights": {
                "title": [
                    "<mark>Violence</mark> <mark>conjugale</mark> : analyse des appels de service"
                ],
                "summary": [
                    "Portrait des appels pour <mark>violence</mark> <mark>conjugale</mark> reçus "
                    "au centre d&#x27;appels, au service de l&#x27;égalité entre les femmes et "
                    "les hommes."
                ],
            },
            "matched_terms": [
                {
                    "query": "violence conjugale",
                    "term": "violence conjugale",
                    "language": "fr",
                    "expanded": False,
                }
            ],
            "evidence": {"value": "unrated", "label": "Non évalué"},
            "design": {"value": "crime-analysis", "label": "Analyse criminelle"},
            "findings": [
                {
                    "outcome": {"value": "repeat-victimisation", "label": "Victimisation répétée"},
                    "effect": {"value": "positive", "label": "Effet positif"},
                },
                {
                    "outcome": {"value": "calls-for-service", "label": "Appels de service"},
                    "effect": {"value": "inconclusive", "label": "Non concluant"},
                },
            ],
            "practices": [
                {
                    "value": "domestic-violence-risk-assessment",
                    "label": "Évaluation du risque en violence conjugale",
                }
            ],
            "related_passage": None,
        }
    ]
    assert body["mode"] == "keyword"  # no embedding model in the tests' settings
    assert set(body["facets"]) == {
        "organisation", "type", "theme", "design", "evidence", "approach",
        "language", "region", "edition", "tag", "objective", "outcome", "effect", "practice",
    }  # fmt: skip
    assert body["facets"]["type"] == [
        {"value": "analysis", "label": "Analyse", "count": 1, "selected": False}
    ]
    assert body["years"] == [{"year": 2022, "count": 1}]
    assert [expansion["query"] for expansion in body["expansions"]] == ["violence conjugale"]
    assert {"term": "intimate partner violence", "language": "en"} in body["expansions"][0]["terms"]


def test_results_depend_on_the_viewer_so_no_shared_cache_keeps_them(client):
    response = get(client)
    assert "private" in response["Cache-Control"]
    assert "Accept-Language" in response["Vary"]


def test_without_words_everything_visible_is_listed_newest_first(client):
    for params in ({}, {"q": ""}, {"q": "   "}):
        body = get(client, **params).json()
        assert ids(body) == [106, 104, 103, 110, 105, 101]
        assert body["total"] == 6


def test_page_and_size(client):
    body = get(client, size=2, page=2).json()
    assert (body["total"], body["page"], body["size"]) == (6, 2, 2)
    assert ids(body) == [103, 110]
    assert ids(get(client, size=2, page=4).json()) == []


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"page": str(MAX_RESULT_WINDOW)}, "page"),
        ({"page": "9" * 40}, "page"),
        ({"size": "0"}, "size"),
        ({"size": "101"}, "size"),
        ({"size": "500"}, "size"),
        ({"size": "ten"}, "size"),
        ({"sort": "best"}, "sort"),
        ({"year_from": "x"}, "year_from"),
        ({"year_to": "20x1"}, "year_to"),
        ({"year_from": "99999"}, "year_from"),
        # The rule the search form shares: named by the form's fields (the API speaks French
        # unless asked otherwise).
        ({"year_from": "2023", "year_to": "2019"}, "« De »"),
        ({"lang": "de"}, "lang"),
        ({"expand": "yes"}, "expand"),
        ({"theme": [f"theme-{n}" for n in range(51)]}, "theme"),
    ],
)
def test_each_bad_parameter_is_refused_with_a_message_naming_it(client, params, named):
    response = get(client, **params)
    assert response.status_code == 400
    assert set(response.json()) == {"error"}
    assert named in response.json()["error"]


def test_the_error_speaks_the_requested_language(client):
    assert get(client, page="abc", lang="fr").json() == {
        "error": "page doit être un nombre entier."
    }
    assert get(client, page="abc", lang="en").json() == {"error": "page must be a whole number."}


def test_only_get_is_allowed(client):
    assert client.post("/api/v1/search").status_code == 405


@pytest.mark.parametrize(
    "text",
    [
        '"unbalanced quote',
        "OR",
        "-",
        "*",
        "x" * 10_000,
        "<script>alert('x')</script>",
        "\x00",
        "title:violence AND NOT (gangs) [2019 TO 2021]",
    ],
)
def test_odd_queries_never_fail(client, text):
    assert get(client, q=text).status_code in {200, 400}


@pytest.mark.parametrize(
    "params",
    [
        {"type": "<script>"},
        {"tag": "x" * 10_000},
        {"region": "\x00"},
        {"organisation": ["spvm"] * 60},
        {"theme": [f"theme-{number}" for number in range(60)]},
        {"unknown": "value"},
        {"page": "", "size": "", "sort": "", "year_from": "", "lang": ""},
    ],
)
def test_odd_filters_never_fail(client, params):
    assert get(client, **params).status_code in {200, 400}


def test_a_long_query_is_cut_not_refused(client):
    body = get(client, q="violence " + "x" * 900).json()
    assert ids(body) == [103]


def test_facet_labels_in_french_by_default(client):
    body = get(client).json()
    assert ("ops", "Service de police d'Ottawa", 1, False) in facet(body, "organisation")
    assert ("mental-health", "Santé mentale", 2, False) in facet(body, "theme")
    assert facet(body, "language") == [("fr", "Français", 4, False), ("en", "Anglais", 2, False)]
    assert ("Ottawa", "Ottawa", 2, False) in facet(body, "region")
    hit = next(hit for hit in body["hits"] if hit["id"] == 106)
    assert hit["organisation"] == {"slug": "cpo", "label": "Prévention du crime Ottawa"}


@pytest.mark.parametrize(
    "request_options",
    [{"lang": "en"}, {"headers": {"Accept-Language": "en-CA,en;q=0.8"}}],
)
def test_facet_labels_in_english(client, request_options):
    body = get(client, **request_options).json()
    assert ("ops", "Ottawa Police Service", 1, False) in facet(body, "organisation")
    assert ("mental-health", "Mental health", 2, False) in facet(body, "theme")
    assert facet(body, "language") == [("fr", "French", 4, False), ("en", "English", 2, False)]
    hit = next(hit for hit in body["hits"] if hit["id"] == 106)
    assert hit["organisation"] == {"slug": "cpo", "label": "Crime Prevention Ottawa"}
    hit = next(hit for hit in body["hits"] if hit["id"] == 104)
    assert hit["evidence"]["label"] == "SMS 3 — before-after with a comparison group"
    assert hit["design"] == {"value": "quasi-experimental", "label": "Quasi-experimental"}
    assert [
        (finding["outcome"]["label"], finding["effect"]["label"]) for finding in hit["findings"]
    ] == [("Use of force", "Mixed effect"), ("Calls for service", "Positive effect")]
    assert hit["practices"] == [
        {"value": "mental-health-co-response", "label": "Mental health co-response"}
    ]


def test_sort_evidence_lists_the_strongest_studies_first(client):
    assert ids(get(client, sort="evidence").json()) == [104, 106, 101, 103, 110, 105]
    assert ids(get(client, sort="evidence", q="interpellations").json()) == [101]
    body = get(client, sort="evidence", effect="positive").json()
    assert ids(body) == [104, 103]


def test_lang_wins_over_accept_language(client):
    body = get(client, lang="fr", headers={"Accept-Language": "en"}).json()
    assert facet(body, "language")[0] == ("fr", "Français", 4, False)


def test_two_values_of_one_facet_are_either_and_keep_their_own_counts(client):
    body = get(client, type=["analysis", "literature-review"]).json()
    assert set(ids(body)) == {103, 105, 106, 110}
    assert [(value, count, selected) for value, _label, count, selected in facet(body, "type")] == [
        ("analysis", 3, True),
        ("literature-review", 1, True),
        ("program-evaluation", 1, False),
        ("research-report", 1, False),
    ]
    body = get(client, type=["analysis", "literature-review"], organisation="msp").json()
    assert ids(body) == [110]


def test_year_range(client):
    body = get(client, year_from=2021, year_to=2023).json()
    assert set(ids(body)) == {103, 104, 110}
    assert body["years"][0] == {"year": 2019, "count": 1}


def test_anonymous_visitors_never_learn_of_restricted_items(client):
    body = get(client, size=100).json()
    assert set(ids(body)) == PUBLIC
    assert body["total"] == 6
    assert sum(value["count"] for value in body["facets"]["organisation"]) == 6
    assert "sq" not in [value["value"] for value in body["facets"]["organisation"]]
    assert "workforce-wellbeing" not in [value["value"] for value in body["facets"]["theme"]]
    # 107 is the only item about highways, 108 the only one about social media.
    for text in ("autoroutes", "social media", "gangs"):
        body = get(client, q=text).json()
        assert body["total"] == 0 and body["hits"] == []
        assert all(values == [] for values in body["facets"].values())
    body = get(client, organisation="sq").json()
    assert (body["total"], body["hits"]) == (0, [])
    assert ("sq", "Sûreté du Québec", 0, True) in facet(body, "organisation")
    assert sum(value["count"] for value in body["facets"]["organisation"]) == 6


def test_a_signed_in_member_sees_public_items_until_membership_exists(client):
    user = get_user_model().objects.create_user("analyste", password="x")
    client.force_login(user)
    assert set(ids(get(client, size=100).json())) == PUBLIC


def test_a_superuser_sees_everything(client):
    admin = get_user_model().objects.create_superuser("admin", password="x")
    client.force_login(admin)
    body = get(client, size=100).json()
    assert body["total"] == 10
    assert set(ids(body)) == set(range(101, 111))


@pytest.mark.usefixtures("index_from_an_older_schema")
def test_an_engine_that_cannot_answer_gives_a_503_with_a_clear_message(client):
    response = get(client, q="violence", lang="en")
    assert response.status_code == 503
    assert response.json() == {
        "error": "Search is unavailable for the moment. Please try again in a few minutes."
    }
    assert response["Retry-After"] == "30"
    french = get(client, q="violence", lang="fr")
    assert french.json()["error"].startswith("La recherche est indisponible")


def test_hit_urls_keep_the_requested_language(client):
    # Item 103 is a French study indexed at its French address.
    english = get(client, q="violence conjugale", lang="en").json()
    french = get(client, q="violence conjugale", lang="fr").json()
    assert {hit["id"]: hit["url"] for hit in english["hits"]}[103] == "/en/recherche/item-103/"
    assert {hit["id"]: hit["url"] for hit in french["hits"]}[103] == "/fr/recherche/item-103/"


def test_a_query_in_english_finds_french_studies_through_the_thesaurus(client):
    body = get(client, q="mental health", lang="en").json()
    assert ids(body) == [104, 105]  # the words typed first, then the French study
    assert body["hits"][0]["matched_terms"] == [
        {"query": "mental health", "term": "mental health", "language": "en", "expanded": False}
    ]
    assert body["hits"][1]["matched_terms"] == [
        {"query": "mental health", "term": "santé mentale", "language": "fr", "expanded": True}
    ]
    assert body["hits"][1]["highlights"]["title"] == [
        "<mark>Santé</mark> <mark>mentale</mark> et interventions policières : "
        "revue de la littérature"
    ]
    assert body["expansions"] == [
        {"query": "mental health", "terms": [{"term": "santé mentale", "language": "fr"}]}
    ]


def test_a_query_in_french_finds_english_studies_through_the_thesaurus(client):
    assert ids(get(client, q="gangs de rue").json()) == []  # both studies are restricted
    get_user_model().objects.create_superuser("admin", "admin@example.org", "x" * 16)
    client.login(username="admin", password="x" * 16)
    body = get(client, q="gangs de rue").json()
    assert ids(body) == [102, 108]
    assert {
        "query": "gangs de rue",
        "term": "street gangs",
        "language": "en",
        "expanded": True,
    } in (body["hits"][1]["matched_terms"])


def test_expand_0_searches_the_words_alone(client):
    body = get(client, q="mental health", expand="0").json()
    assert ids(body) == [104]
    assert body["expansions"] == []
    assert body["hits"][0]["matched_terms"] == []
    assert ids(get(client, q="mental health", expand="1").json()) == [104, 105]


def test_a_bad_expand_value_is_explained_in_the_requested_language(client):
    assert get(client, q="violence", expand="non", lang="fr").json() == {
        "error": "expand doit valoir 0 ou 1."
    }
    assert get(client, q="violence", expand="no", lang="en").json() == {
        "error": "expand must be 0 or 1."
    }


@pytest.mark.parametrize(
    ("options", "organisation", "theme"),
    [
        ({}, "Service de police de la Ville de Québec", "Violence fondée sur le genre"),
        ({"lang": "en"}, "Québec City Police Service", "Gender-based violence"),
        (
            {"headers": {"Accept-Language": "en"}},
            "Québec City Police Service",
            "Gender-based violence",
        ),
        (
            {"lang": "fr", "headers": {"Accept-Language": "en"}},
            "Service de police de la Ville de Québec",
            "Violence fondée sur le genre",
        ),
    ],
)
def test_hit_and_facet_labels_follow_the_requested_language(client, options, organisation, theme):
    body = get(client, q="violence conjugale", **options).json()
    assert body["hits"][0]["organisation"]["label"] == organisation
    assert ("gender-based-violence", theme, 1, False) in facet(body, "theme")
