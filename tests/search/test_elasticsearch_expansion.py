"""Thesaurus expansion in Elasticsearch request bodies and answers, without a server."""

from research.access import Viewer
from search.backends.elasticsearch.compiler import compile_search
from search.backends.elasticsearch.results import search_response
from search.expansion import EXACT_MATCH_BONUS, EXPANSION_WEIGHT, Thesaurus
from search.query import MatchedTerm, SearchRequest
from tests.search.bilingual_documents import shipped_thesaurus
from tests.search.test_elasticsearch_compiler import phrase

PROFILING = Thesaurus.from_records(
    [
        {
            "slug": "racial-profiling",
            "fr": ["profilage racial", "profilage ethnique"],
            "en": ["racial profiling"],
        }
    ]
)
EVERYONE = Viewer(unrestricted=True)


def text_of(request):
    return compile_search(request)["query"]["bool"]["must"][0]


def test_words_naming_a_concept_also_search_its_terms_named_and_weighted():
    request = SearchRequest(text="racial profiling -Montréal", thesaurus=PROFILING, viewer=EVERYONE)
    words = {"bool": {"must": [phrase("racial"), phrase("profiling")]}}
    assert text_of(request) == {
        "bool": {
            "must": [
                {
                    "bool": {
                        "should": [
                            {"bool": {**words["bool"], "_name": "expansion:0:0"}},
                            {"constant_score": {"filter": words, "boost": EXACT_MATCH_BONUS}},
                            {
                                "bool": {
                                    "must": [phrase("profilage racial")],
                                    "boost": EXPANSION_WEIGHT,
                                    "_name": "expansion:0:1",
                                }
                            },
                            {
                                "bool": {
                                    "must": [phrase("profilage ethnique")],
                                    "boost": EXPANSION_WEIGHT,
                                    "_name": "expansion:0:2",
                                }
                            },
                        ],
                        "minimum_should_match": 1,
                    }
                }
            ],
            # Exclusions are searched as typed.
            "must_not": [phrase("Montréal")],
        }
    }


def test_without_a_thesaurus_the_words_are_searched_alone():
    request = SearchRequest(text="racial profiling", viewer=EVERYONE)
    assert text_of(request) == {"bool": {"must": [phrase("racial"), phrase("profiling")]}}


def test_each_expansion_and_each_way_to_match_has_its_own_name():
    request = SearchRequest(
        text='"santé mentale" OR itinérance phishing', thesaurus=shipped_thesaurus()
    )
    names = _names(compile_search(request)["query"])
    assert names[:2] == ["expansion:0:0", "expansion:0:1"]  # santé mentale → mental health
    assert "expansion:1:0" in names and "expansion:2:0" in names
    assert len(names) == len(set(names))


def test_highlights_are_asked_for_when_only_alternatives_could_match():
    request = SearchRequest(text="racial profiling", thesaurus=PROFILING)
    assert "highlight" in compile_search(request)


def test_matched_queries_say_which_term_each_hit_matched():
    request = SearchRequest(text="racial profiling", thesaurus=PROFILING, facets=())
    body = {
        "took": 2,
        "hits": {
            "total": {"value": 2, "relation": "eq"},
            "hits": [
                _hit(301, "en", ["expansion:0:0"]),
                _hit(201, "fr", ["expansion:0:1", "expansion:0:2"]),
            ],
        },
        "aggregations": {},
    }
    english, french = search_response(request, body).hits
    assert english.matched_terms == (
        MatchedTerm("racial profiling", "racial profiling", "en", expanded=False),
    )
    assert french.matched_terms == (
        MatchedTerm("racial profiling", "profilage racial", "fr", expanded=True),
        MatchedTerm("racial profiling", "profilage ethnique", "fr", expanded=True),
    )


def _hit(doc_id, language, matched):
    source = {"id": doc_id, "url": "/", "title": "", "language": language, "edges": {}}
    return {"_id": str(doc_id), "_score": 1.0, "_source": source, "matched_queries": matched}


def _names(query) -> list[str]:
    """Every `_name` in the query, depth first, in order."""
    if isinstance(query, dict):
        found = [query["_name"]] if "_name" in query else []
        for value in query.values():
            found += _names(value)
        return found
    if isinstance(query, list):
        return [name for item in query for name in _names(item)]
    return []
