"""Search by words and meaning (search.hybrid) through the service, on the embedded engine:
items are embedded by the worker's task, found across languages, counted exactly, never
revealed to a viewer who may not see them; keyword mode and a failed model fall back."""

import pytest
from jsonschema import Draft202012Validator

from research.access import Viewer
from research.models import ResearchPage
from search import item_embeddings
from search.backends import VectorMatch
from search.embedding import current_embedder, query_vector, reset_embedder
from search.hybrid import ENTRY_MARGIN, LANGUAGE_GAP, entries, language_fair
from search.models import ItemEmbedding
from search.query import SearchRequest
from search.service import search
from tests.search.embedders import BrokenEmbedder, ConceptEmbedder

EVERYONE = Viewer(unrestricted=True)


@pytest.fixture
def embedder(settings):
    settings.SEARCH_EMBEDDER = "tests.search.embedders.ConceptEmbedder"
    reset_embedder()
    yield
    reset_embedder()


@pytest.fixture
def publish(make_research_page, django_capture_on_commit_callbacks, search_index, embedder):
    """Publish an item and run what its commit schedules: indexing, then embedding."""

    def make(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return make_research_page(**fields)

    return make


@pytest.fixture
def items(publish):
    french = publish(
        title="Vols de véhicules dans les stationnements",
        summary="Les voitures volées la nuit près des gares.",
        slug="vols",
    )
    english = publish(
        title="Neighbourhood legitimacy survey",
        summary="Residents rate the police. <b>Légitimité</b> & confidence.",
        language="en",
        slug="survey",
        themes=[],
    )
    restricted = publish(
        title="Car theft rings",
        summary="Stolen cars shipped abroad.",
        language="en",
        slug="rings",
        access="organisation",
        themes=[],
    )
    return french, english, restricted


def found(text, viewer=EVERYONE, **options):
    response = search(SearchRequest(text=text, viewer=viewer, **options))
    return response, [hit.id for hit in response.hits]


def test_the_worker_embeds_each_item_once_and_indexes_its_vectors(items):
    french, _english, _restricted = items
    stored = ItemEmbedding.objects.get(item=french)
    assert stored.model == "test-concepts"
    assert stored.passages[0].startswith("Vols de véhicules dans les stationnements — ")
    assert stored.matrix().shape == (len(stored.passages), ConceptEmbedder.dimension)
    # Indexing again (nothing changed) embeds nothing.
    assert item_embeddings.embed_items([french.pk]).unchanged == [french.pk]


def test_changing_the_text_embeds_again(items, django_capture_on_commit_callbacks):
    french = ResearchPage.objects.get(pk=items[0].pk)
    before = ItemEmbedding.objects.get(item=french).content_hash
    french.summary = "Les jeunes et la confiance."
    with django_capture_on_commit_callbacks(execute=True):
        french.save_revision().publish()
    assert ItemEmbedding.objects.get(item=french).content_hash != before


def test_an_english_query_finds_a_french_item_by_meaning_alone(items):
    french, _english, _restricted = items
    response, ids = found("stolen vehicle")
    assert french.pk in ids
    assert response.mode == "hybrid"
    assert response.total == len(ids)
    (hit,) = [hit for hit in response.hits if hit.id == french.pk]
    assert hit.related_passage.startswith("Vols de véhicules")
    assert sum(value.count for value in response.facets["language"]) == response.total


def test_pages_of_a_hybrid_search_carry_highlights_and_follow_each_other(items, publish):
    french, _english, restricted = items  # "Car theft rings": the words (this viewer sees all)
    thefts = [
        publish(
            title=f"Theft report {number}",
            summary="Bicycle theft.",
            language="en",
            slug=f"t{number}",
        )
        for number in range(3)
    ]
    pages = [found("theft", page=page, size=2) for page in (1, 2, 3)]  # 2 + 2 + 1
    ids = [doc_id for _response, page_ids in pages for doc_id in page_ids]
    assert sorted(ids) == sorted([french.pk, restricted.pk, *(item.pk for item in thefts)])
    assert {response.total for response, _ids in pages} == {5}
    hits = [hit for response, _ids in pages for hit in response.hits]
    for hit in hits:
        if hit.id == french.pk:  # by meaning alone: its passage, no words to mark
            assert hit.related_passage and not hit.highlights
        else:  # by its words: the word marked, as in keyword mode
            assert "<mark>theft</mark>" in " ".join(hit.highlights["title"]).lower()
            assert not hit.related_passage


def test_a_related_passage_is_escaped(items):
    _french, english, _restricted = items
    _response, ids = found("confiance")
    assert english.pk in ids
    (hit,) = [hit for hit in search(SearchRequest(text="confiance")).hits if hit.id == english.pk]
    assert "&lt;b&gt;Légitimité&lt;/b&gt; &amp; confidence" in hit.related_passage
    assert "<b>" not in hit.related_passage


def test_a_hidden_item_found_by_meaning_never_shows(items):
    _french, _english, restricted = items
    response, ids = found("stolen vehicle", viewer=Viewer())
    assert restricted.pk not in ids
    assert response.total == len(ids)
    assert sum(value.count for value in response.facets["language"]) == len(ids)
    _response, everyone = found("stolen vehicle")
    assert restricted.pk in everyone


def test_before_anything_is_embedded_a_search_does_not_embed_its_query(items):
    """An install whose worker has embedded nothing yet answers by words, without paying for
    the model; the first embedded item turns meaning on."""
    french, _english, _restricted = items
    ItemEmbedding.objects.all().delete()
    reset_embedder()
    model = current_embedder()
    response, ids = found("stolen vehicle")
    assert french.pk not in ids
    assert response.mode == "keyword"
    assert [kind for kind, _texts in model.calls if kind == "query"] == []
    item_embeddings.embed_items([french.pk])
    response, ids = found("stolen vehicle")
    assert french.pk in ids
    assert response.mode == "hybrid"
    assert ("query", ["stolen vehicle"]) in model.calls


def test_keyword_mode_searches_the_words_alone(items):
    french, _english, _restricted = items
    response, ids = found("stolen vehicle", mode="keyword")
    assert french.pk not in ids
    assert response.mode == "keyword"
    keyword = search(SearchRequest(text="stationnements", mode="keyword"))
    hybrid = search(SearchRequest(text="stationnements"))
    assert next(hit.id for hit in hybrid.hits) == french.pk == keyword.hits[0].id


def test_filters_apply_to_items_found_by_meaning(items):
    french, _english, _restricted = items
    _response, ids = found("stolen vehicle", filters={"language": ("en",)})
    assert french.pk not in ids


def test_each_language_enters_by_meaning_within_the_margin_of_its_own_closest():
    """A multilingual model rates the query's own language higher: the other language's
    closest items enter even when the closest item of all is further ahead than the margin."""
    floor = 0.7
    top = 0.9
    matches = [
        VectorMatch(1, top, 0),
        VectorMatch(2, top - ENTRY_MARGIN / 2, 0),
        VectorMatch(3, top - ENTRY_MARGIN * 2, 0),  # the closest English item
        VectorMatch(4, top - ENTRY_MARGIN * 2.5, 0),
        VectorMatch(5, top - ENTRY_MARGIN * 3.5, 0),  # beyond the English items' margin
        VectorMatch(6, floor - 0.01, 0),  # under the model's floor
    ]
    languages = {1: "fr", 2: "fr", 3: "en", 4: "en", 5: "en", 6: "fr"}
    assert [match.id for match in entries(matches, floor, languages)] == [1, 2, 3, 4]
    # Under the floor nothing enters, whatever its language.
    assert entries(matches, top + 0.01, languages) == []


def test_the_ranking_by_meaning_makes_up_the_other_languages_gap_up_to_a_bound():
    top = 0.9
    matches = [
        VectorMatch(1, top, 0),
        VectorMatch(2, top - LANGUAGE_GAP / 2, 0),
        VectorMatch(3, top - LANGUAGE_GAP, 0),  # the closest English item
        VectorMatch(4, top - LANGUAGE_GAP * 1.75, 0),
        VectorMatch(5, top - LANGUAGE_GAP * 4, 0),
    ]
    languages = {1: "fr", 2: "fr", 3: "en", 4: "fr", 5: "en"}
    # The closest English item ties with the closest French one (the French stays first);
    # an English item further behind than the bound still ranks behind.
    ranked = [match.id for match in language_fair(matches, languages)]
    assert ranked == [1, 3, 2, 4, 5]
    # Far behind, the other language gains no more than the bound: a French item a little
    # closer than the closest English one, minus the bound, stays ahead of it.
    english = top - 5 * LANGUAGE_GAP
    far = [
        VectorMatch(1, top, 0),
        VectorMatch(2, english + LANGUAGE_GAP * 1.5, 0),
        VectorMatch(3, english, 0),
    ]
    far_languages = {1: "fr", 2: "fr", 3: "en"}
    assert [match.id for match in language_fair(far, far_languages)] == [1, 2, 3]


def test_exclusions_let_nothing_in_by_meaning_alone(items):
    french, _english, _restricted = items
    _response, ids = found("stolen vehicle -abroad")
    assert french.pk not in ids


def test_a_model_that_fails_to_load_falls_back_to_words_with_a_notice(items, client):
    reset_embedder()
    from django.conf import settings

    settings.SEARCH_EMBEDDER = "tests.search.embedders.BrokenEmbedder"
    reset_embedder()
    response, ids = found("stationnements")
    assert response.mode == "keyword-fallback"
    assert ids == [items[0].pk]
    health = client.get("/healthz").json()
    assert health["search"] == "degraded"
    page = client.get("/en/search/", {"q": "stationnements"})
    assert b"Search by meaning is unavailable for now" in page.content
    assert BrokenEmbedder  # the class the settings name


def test_words_embedded_by_one_server_process_are_not_embedded_again_by_another(
    items, settings, tmp_path
):
    settings.CACHES = {
        **settings.CACHES,
        settings.SEARCH_SHARED_CACHE: {
            "BACKEND": "diskcache.DjangoCache",
            "LOCATION": str(tmp_path / "shared"),
        },
    }
    model = current_embedder()

    def embedded():
        return [texts for kind, texts in model.calls if kind == "query"]

    _response, ids = found("stolen vehicle")
    assert embedded() == [["stolen vehicle"]]
    query_vector.cache_clear()  # another process: nothing kept in its own memory
    again, again_ids = found("stolen vehicle")
    assert again_ids == ids and again.mode == "hybrid"
    assert embedded() == [["stolen vehicle"]]
    query_vector.cache_clear()
    found("stolen cars")
    assert embedded() == [["stolen vehicle"], ["stolen cars"]]


@pytest.mark.parametrize("text", ["x" * 1000, "🚓🚨", "a", "le la les", "the of and", "-vols"])
def test_odd_queries_answer(items, client, text):
    response = client.get("/api/v1/search", {"q": text})
    assert response.status_code == 200
    page = client.get("/fr/recherche/", {"q": text})
    assert page.status_code == 200


def test_the_page_offers_the_words_alone_and_marks_related_passages(items, client):
    page = client.get("/en/search/", {"q": "stolen vehicle"})
    html = page.content.decode()
    assert "Only the words I typed" in html
    assert "mode=keyword" in html
    assert "Related passage:" in html
    french = client.get("/fr/recherche/", {"q": "stolen vehicle"}).content.decode()
    assert "Passage proche" in french


def test_the_reconcile_embeds_items_left_without_vectors(items):
    from search.reconcile import reconcile_index

    french = items[0]
    ItemEmbedding.objects.filter(item=french).delete()
    report = reconcile_index()
    assert report.items_to_embed == [french.pk]
    assert ItemEmbedding.objects.filter(item=french).exists()
    _response, ids = found("stolen vehicle")
    assert french.pk in ids


# -- related research ---------------------------------------------------------------------------


def test_related_items_are_close_in_meaning_and_visible_to_the_viewer(items, publish):
    french, _english, restricted = items
    also_cars = publish(
        title="Car theft near train stations",
        summary="Vehicles stolen at night.",
        language="en",
        slug="stations",
        themes=[],
    )
    from search.related import related_items

    everyone = [hit.id for hit in related_items(french, EVERYONE, 5)]
    assert everyone[:2] == [also_cars.pk, restricted.pk] or everyone[:2] == [
        restricted.pk,
        also_cars.pk,
    ]
    assert french.pk not in everyone
    anonymous = [hit.id for hit in related_items(french, Viewer(), 5)]
    assert anonymous[0] == also_cars.pk
    assert restricted.pk not in anonymous
    assert len(related_items(french, EVERYONE, 1)) == 1


def test_the_related_api_answers_search_hits_and_hides_what_the_viewer_may_not_see(items, client):
    french, _english, restricted = items
    response = client.get(f"/api/v1/items/{french.pk}/related", {"size": "3"})
    assert response.status_code == 200
    body = response.json()
    assert body["item"] == french.pk
    assert restricted.pk not in [hit["id"] for hit in body["hits"]]
    assert set(body["hits"][0]) >= {"id", "url", "title", "organisation", "highlights"}
    assert client.get(f"/api/v1/items/{restricted.pk}/related").status_code == 404
    assert client.get("/api/v1/items/999999/related").status_code == 404
    assert client.get(f"/api/v1/items/{french.pk}/related", {"size": "50"}).status_code == 400
    assert client.get(f"/api/v1/items/{french.pk}/related", {"size": "x"}).status_code == 400


def test_the_related_api_answers_as_its_openapi_description_says(items, client):
    french, _english, _restricted = items
    schema = client.get("/api/v1/schema", HTTP_ACCEPT_LANGUAGE="en").json()
    operation = schema["paths"]["/api/v1/items/{id}/related"]["get"]
    assert {"200", "400", "404"} <= operation["responses"].keys()
    size = schema["components"]["parameters"]["relatedSize"]["schema"]
    assert (size["minimum"], size["maximum"], size["default"]) == (1, 20, 5)
    answer = client.get(f"/api/v1/items/{french.pk}/related", {"lang": "en"}).json()
    validator = Draft202012Validator(
        {"$ref": "#/components/schemas/RelatedItems", "components": schema["components"]}
    )
    assert answer["hits"]
    validator.validate(answer)  # raises, naming the field, when the answer strays


def test_the_item_page_shows_similar_research(items, client, publish):
    french, _english, _restricted = items
    publish(
        title="Car theft near train stations",
        summary="Vehicles stolen at night.",
        language="en",
        slug="stations",
        themes=[],
    )
    html = client.get(french.url).content.decode()
    assert "Recherches semblables" in html
    assert "Car theft near train stations" in html
    assert "Car theft rings" not in html  # an organisation's item, hidden from a visitor


def test_without_vectors_related_items_are_those_sharing_most_newest_first_among_equals(
    make_research_page, django_capture_on_commit_callbacks, search_index
):
    # SEARCH_EMBEDDER is off in the test settings: shared practices, themes, objectives alone.
    from research.models import Practice, Theme
    from search.related import related_items

    hot_spots = Practice.objects.get(slug="hot-spots-policing")
    cctv = Practice.objects.get(slug="cctv")
    theme = Theme.objects.order_by("pk").first().slug  # themes are given by their slugs

    def publish(slug, date, practices, themes):
        with django_capture_on_commit_callbacks(execute=True):
            return make_research_page(
                title=slug, slug=slug, publication_date=date, practices=practices, themes=themes
            )

    item = publish("item", "2020-01-01", [hot_spots, cctv], [theme])
    both = publish("both", "2001-01-01", [hot_spots, cctv], [])  # two practices: 0.06
    theme_new = publish("theme-new", "2024-01-01", [], [theme])  # a theme: 0.015
    theme_old = publish("theme-old", "2002-01-01", [], [theme])
    one = publish("one", "2003-01-01", [cctv], [])  # a practice: 0.03
    publish("nothing", "2025-01-01", [], [])
    assert [hit.id for hit in related_items(item, EVERYONE, 5)] == [
        both.pk,
        one.pk,
        theme_new.pk,
        theme_old.pk,
    ]
    assert [hit.id for hit in related_items(item, EVERYONE, 2)] == [both.pk, one.pk]
