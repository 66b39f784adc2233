"""The Elasticsearch request bodies, index definition and answer reading, without a server."""

import json
from dataclasses import replace

import numpy as np
import pytest

from research.access import Viewer
from search.backends.elasticsearch.compiler import (
    access_filter,
    compile_nearest,
    compile_search,
    text_query,
)
from search.backends.elasticsearch.mapping import (
    INDEX_FILE,
    building_settings,
    index_mappings,
    index_settings,
    serving_settings,
    to_es_document,
    vector_fields,
)
from search.backends.elasticsearch.results import facet_values, nearest_matches, search_response
from search.documents import PassageVectors
from search.query import FACET_NAMES, FacetCount, SearchRequest, parse_query
from tests.search.documents import research_documents

LANGUAGE_FIELDS = [
    "title.fr^3",
    "title.en^3",
    "summary.fr^1.5",
    "summary.en^1.5",
    "tag.fr^1.5",
    "tag.en^1.5",
    "findings.fr^1.2",
    "findings.en^1.2",
    "labels.fr^1.2",
    "labels.en^1.2",
    "record_labels.fr^0.5",
    "record_labels.en^0.5",
    "authors.fr^1.2",
    "authors.en^1.2",
    "body.fr",
    "body.en",
    "files_text.fr^0.7",
    "files_text.en^0.7",
]
WORD_FIELDS = [
    "title.words^3",
    "summary.words^1.5",
    "tag.words^1.5",
    "findings.words^1.2",
    "labels.words^1.2",
    "record_labels.words^0.5",
    "authors.words^1.2",
    "body.words",
    "files_text.words^0.7",
]
HIT_SOURCE = {
    "includes": [
        "id",
        "url",
        "title",
        "year",
        "language",
        "organisation",
        "type",
        "access",
        "design",
        "evidence",
        "practice",
        "finding_pairs",
        "edges",
    ]
}
BY_COUNT = [{"_count": "desc"}, {"_key": "asc"}]
ANONYMOUS_ACCESS = {"bool": {"should": [{"term": {"access": "public"}}], "minimum_should_match": 1}}
WHOLE = {"number_of_fragments": 0}
FRAGMENT = {"fragment_size": 240, "number_of_fragments": 1}
HIGHLIGHT = {
    "type": "unified",
    "encoder": "default",
    "pre_tags": ["\ue000"],
    "post_tags": ["\ue001"],
    "require_field_match": True,
    "max_analyzed_offset": 1_000_000,
    "fields": {
        "title.fr": WHOLE,
        "title.en": WHOLE,
        "title.words": WHOLE,
        "summary.fr": FRAGMENT,
        "summary.en": FRAGMENT,
        "summary.words": FRAGMENT,
        "files_text.fr": FRAGMENT,
        "files_text.en": FRAGMENT,
        "files_text.words": FRAGMENT,
    },
}


def phrase(text):
    return {"multi_match": {"query": text, "type": "phrase", "fields": LANGUAGE_FIELDS}}


def terms(field, size=10_000):
    return {"terms": {"field": field, "size": size, "order": BY_COUNT}}


# -- whole request bodies ------------------------------------------------------------------------


def test_a_listing_for_an_anonymous_visitor():
    request = SearchRequest(facets=("organisation", "tag"))
    assert compile_search(request) == {
        "query": {"bool": {"must": [{"match_all": {}}], "filter": [ANONYMOUS_ACCESS]}},
        "aggs": {
            "organisation": {
                "filter": {"match_all": {}},
                "aggs": {"values": terms("organisation")},
            },
            "tag": {"filter": {"match_all": {}}, "aggs": {"values": terms("tag", 20)}},
        },
        "sort": [{"published": "desc"}, {"id": "desc"}],
        "from": 0,
        "size": 20,
        "track_total_hits": True,
        "_source": HIT_SOURCE,
    }


def test_text_facets_years_access_sort_and_page():
    request = SearchRequest(
        text='violence "appels de service" -gangs',
        filters={"organisation": ("spvm", "spvq"), "type": ("analysis",)},
        facets=("organisation", "type", "theme"),
        year_from=2020,
        year_to=2023,
        sort="title",
        page=3,
        size=10,
        viewer=Viewer(community=True, organisations=frozenset({"spvm", "sq"})),
    )
    selections = {
        "organisation": {"terms": {"organisation": ["spvm", "spvq"]}},
        "type": {"terms": {"type": ["analysis"]}},
    }
    access = {
        "bool": {
            "should": [
                {"term": {"access": "public"}},
                {"term": {"access": "community"}},
                {
                    "bool": {
                        "filter": [
                            {"term": {"access": "organisation"}},
                            {"terms": {"access_organisations": ["spvm", "sq"]}},
                        ]
                    }
                },
            ],
            "minimum_should_match": 1,
        }
    }
    text = {
        "bool": {
            "must": [phrase("violence"), phrase("appels de service")],
            "must_not": [phrase("gangs")],
        }
    }
    assert compile_search(request) == {
        "query": {
            "bool": {
                "must": [text],
                "filter": [access, {"range": {"year": {"gte": 2020, "lte": 2023}}}],
            }
        },
        "post_filter": {"bool": {"filter": [selections["organisation"], selections["type"]]}},
        "aggs": {
            "organisation": {
                "filter": {"bool": {"filter": [selections["type"]]}},
                "aggs": {"values": terms("organisation")},
            },
            "type": {
                "filter": {"bool": {"filter": [selections["organisation"]]}},
                "aggs": {"values": terms("type")},
            },
            "theme": {
                "filter": {"bool": {"filter": [selections["organisation"], selections["type"]]}},
                "aggs": {"values": terms("theme")},
            },
        },
        "sort": [{"title_sort": "asc"}, {"id": "asc"}],
        "from": 20,
        "size": 10,
        "track_total_hits": True,
        "_source": HIT_SOURCE,
        "highlight": HIGHLIGHT,
    }


def test_the_year_histogram_counts_outside_the_year_range():
    request = SearchRequest(
        text="gangs",
        filters={"language": ("fr",)},
        facets=(),
        year_from=2021,
        histogram=True,
        viewer=Viewer(unrestricted=True),
    )
    body = compile_search(request)
    assert body["query"] == {
        "bool": {
            "must": [{"bool": {"must": [phrase("gangs")]}}],
            "filter": [{"range": {"year": {"gte": 2021}}}],
        }
    }
    assert body["aggs"] == {
        "_years": {
            "global": {},
            "aggs": {
                "matching": {
                    "filter": {
                        "bool": {
                            "must": [{"bool": {"must": [phrase("gangs")]}}],
                            "filter": [{"terms": {"language": ["fr"]}}],
                        }
                    },
                    "aggs": {
                        "values": {
                            "histogram": {"field": "year", "interval": 1, "min_doc_count": 1}
                        }
                    },
                }
            },
        }
    }
    assert body["sort"] == [{"_score": "desc"}, {"id": "asc"}]


def test_without_a_year_range_the_histogram_follows_the_facet_selections():
    request = SearchRequest(filters={"language": ("fr",)}, facets=(), histogram=True)
    assert compile_search(request)["aggs"] == {
        "_years": {
            "filter": {"bool": {"filter": [{"terms": {"language": ["fr"]}}]}},
            "aggs": {"values": {"histogram": {"field": "year", "interval": 1, "min_doc_count": 1}}},
        }
    }


def test_withheld_items_are_left_out_of_the_hits_the_counts_and_the_histogram():
    withheld = {"bool": {"must_not": [{"terms": {"id": [7, 42]}}]}}
    request = SearchRequest(facets=(), year_from=2021, histogram=True, withheld=frozenset({42, 7}))
    body = compile_search(request)
    assert body["query"] == {
        "bool": {
            "must": [{"match_all": {}}],
            "filter": [ANONYMOUS_ACCESS, withheld, {"range": {"year": {"gte": 2021}}}],
        }
    }
    matching = body["aggs"]["_years"]["aggs"]["matching"]["filter"]
    scope = [ANONYMOUS_ACCESS, withheld]
    assert matching == {"bool": {"must": [{"match_all": {}}], "filter": scope}}


def test_the_deepest_page_stays_inside_the_result_window():
    body = compile_search(SearchRequest(page=100, size=100))
    assert body["from"] + body["size"] == 10_000


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("relevance", [{"_score": "desc"}, {"id": "asc"}]),
        ("newest", [{"published": "desc"}, {"id": "desc"}]),
        ("oldest", [{"published": "asc"}, {"id": "asc"}]),
        ("title", [{"title_sort": "asc"}, {"id": "asc"}]),
        ("evidence", [{"evidence_rank": "desc"}, {"_score": "desc"}, {"id": "asc"}]),
    ],
)
def test_sorts_break_ties_by_id(sort, expected):
    assert compile_search(SearchRequest(text="violence", sort=sort))["sort"] == expected


def test_sort_evidence_without_words_is_newest_first_within_a_level():
    assert compile_search(SearchRequest(sort="evidence"))["sort"] == [
        {"evidence_rank": "desc"},
        {"published": "desc"},
        {"id": "desc"},
    ]


def test_an_unrestricted_viewer_has_no_access_filter():
    body = compile_search(SearchRequest(viewer=Viewer(unrestricted=True), facets=()))
    assert body["query"] == {"bool": {"must": [{"match_all": {}}]}}


# -- the query text ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", {"match_all": {}}),
        ("l'", {"match_all": {}}),  # nothing searchable is left: ignored, as in tantivy
        ("x" * 41, {"match_all": {}}),
        ("l'égalité", {"bool": {"must": [phrase("l'égalité")]}}),
        (
            "fraude OR gangs",
            {
                "bool": {
                    "must": [
                        {
                            "bool": {
                                "should": [phrase("fraude"), phrase("gangs")],
                                "minimum_should_match": 1,
                            }
                        }
                    ]
                }
            },
        ),
        ("l' OR gangs", {"bool": {"must": [phrase("gangs")]}}),
        (
            "-interpellations",
            {"bool": {"must": [{"match_all": {}}], "must_not": [phrase("interpellations")]}},
        ),
        (
            "autorout*",
            {
                "bool": {
                    "must": [
                        {
                            "multi_match": {
                                "query": "autorout",
                                "type": "phrase_prefix",
                                "fields": WORD_FIELDS,
                                "max_expansions": 64,
                            }
                        }
                    ]
                }
            },
        ),
    ],
)
def test_the_parsed_query_compiles_clause_by_clause(text, expected):
    assert text_query(parse_query(text)) == expected


# -- the index definition ------------------------------------------------------------------------


def test_the_index_file_is_versioned_and_valid_json():
    definition = json.loads(INDEX_FILE.read_text(encoding="utf-8"))
    assert INDEX_FILE.name == "index-v4.json"
    assert definition["schema_version"] == 4
    assert definition["mappings"]["_meta"] == {"schema_version": 4}
    assert definition["mappings"]["dynamic"] == "strict"


def test_every_facet_and_access_field_is_a_keyword():
    properties = index_mappings()["properties"]
    for field in (*FACET_NAMES, "access", "access_organisations"):
        assert properties[field]["type"] == "keyword", field
    assert properties["published"]["type"] == "date"
    assert properties["year"]["type"] == "integer"
    assert properties["title_sort"] == {"type": "keyword", "normalizer": "passerelle_sort"}


def test_every_searched_field_has_french_english_and_word_analysis_defined_in_settings():
    properties = index_mappings()["properties"]
    analysis = index_settings()["analysis"]
    for field in ("title", "summary", "tag", "findings", "authors", "body", "files_text"):
        subfields = properties[field]["fields"]
        assert {name: sub["analyzer"] for name, sub in subfields.items()} == {
            "fr": "passerelle_fr",
            "en": "passerelle_en",
            "words": "passerelle_words",
        }, field
    for name, analyzer in analysis["analyzer"].items():
        for token_filter in analyzer["filter"]:
            assert token_filter in analysis["filter"] or token_filter in {
                "lowercase",
                "asciifolding",
            }
        assert analyzer["char_filter"] == ["passerelle_apostrophes"], name
    assert analysis["filter"]["passerelle_french_stem"]["language"] == "french"
    assert analysis["filter"]["passerelle_english_stem"]["language"] == "porter2"
    assert analysis["normalizer"]["passerelle_sort"]["filter"] == ["lowercase", "asciifolding"]


def test_french_articles_are_elided_and_folding_comes_before_stemming():
    analysis = index_settings()["analysis"]
    articles = ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"]
    assert analysis["filter"]["passerelle_elision"]["articles"] == articles
    assert analysis["filter"]["passerelle_elision"]["articles_case"] is True
    assert analysis["filter"]["passerelle_elided_words"]["stopwords"] == articles
    chain = analysis["analyzer"]["passerelle_fr"]["filter"]
    assert chain.index("asciifolding") < chain.index("passerelle_french_stem")
    assert chain.index("lowercase") < chain.index("passerelle_elision")


def test_a_new_index_loads_without_refreshes_or_replicas_then_serves_with_them():
    assert building_settings()["refresh_interval"] == "-1"
    assert building_settings()["number_of_replicas"] == 0
    assert building_settings()["auto_expand_replicas"] is False
    # A delete made while it loads must outlast the load (the cluster's default is 60 s).
    assert building_settings()["gc_deletes"] == "24h"
    assert serving_settings() == {
        "refresh_interval": "1s",
        "auto_expand_replicas": "0-1",
        "gc_deletes": None,  # back to the cluster's default
    }


def test_search_documents_become_index_documents():
    doc = research_documents()[3]
    source = to_es_document(doc)
    assert set(source) == set(index_mappings()["properties"])
    assert (source["id"], source["year"], source["published"]) == (104, 2023, "2023-05-10")
    assert source["title_sort"] == "co response teams for mental health crisis calls in Ottawa"
    assert source["edges"]["title"] == [doc.title, doc.title]
    assert source["tag"] == ["co-response"]
    with pytest.raises(ValueError, match="integer id"):
        to_es_document(replace(doc, id="104"))


# -- reading the answer --------------------------------------------------------------------------


def test_facet_values_list_selected_values_without_items_and_sort_by_count_then_value():
    buckets = [{"key": "spvm", "doc_count": 1}, {"key": "enpq", "doc_count": 1}]
    assert facet_values(buckets, ("sq",)) == [
        FacetCount("enpq", 1),
        FacetCount("spvm", 1),
        FacetCount("sq", 0, True),
    ]


def _answer(highlight, source_overrides=None):
    source = {
        "id": 103,
        "url": "/fr/recherche/item-103/",
        "title": "Violence <conjugale> : appels",
        "year": 2022,
        "language": "fr",
        "organisation": "spvq",
        "type": "analysis",
        "access": "public",
        "edges": {
            "title": ["Violence <conjugale> : appels", "Violence <conjugale> : appels"],
            "summary": ["", ""],
            "files_text": ["Début du fichier. " * 3, "… et la fin (annexe)."],
        },
    }
    source.update(source_overrides or {})
    hit = {"_id": "103", "_score": 2.5, "_source": source, "highlight": highlight}
    return {
        "took": 3,
        "hits": {"total": {"value": 1, "relation": "eq"}, "hits": [hit]},
        "aggregations": {
            "organisation": {
                "doc_count": 1,
                "values": {"buckets": [{"key": "spvq", "doc_count": 1}]},
            },
            "_years": {
                "doc_count": 1,
                "matching": {
                    "doc_count": 1,
                    "values": {"buckets": [{"key": 2022.0, "doc_count": 1}]},
                },
            },
        },
    }


def test_answers_become_hits_with_escaped_highlights_facets_and_years():
    request = SearchRequest(text="violence", facets=("organisation",), histogram=True)
    highlight = {
        "title.en": ["\ue000Violence\ue001 <conjugale> : appels"],
        "title.fr": ["\ue000Violence\ue001 <\ue000conjugale\ue001> : appels"],
        "files_text.fr": ["la \ue000fin\ue001 (annexe"],
    }
    response = search_response(request, _answer(highlight))
    (hit,) = response.hits
    assert (hit.id, hit.title, hit.score, response.total, response.took_ms) == (
        103,
        "Violence <conjugale> : appels",
        2.5,
        1,
        3,
    )
    assert hit.highlights == {
        # The analysis marking most words wins; the rest of the text is escaped.
        "title": ["<mark>Violence</mark> &lt;<mark>conjugale</mark>&gt; : appels"],
        # Words were left out before the passage; only punctuation after it.
        "files_text": ["… la <mark>fin</mark> (annexe)."],
    }
    assert response.facets == {"organisation": [FacetCount("spvq", 1)]}
    assert response.years == [(2022, 1)]


def test_scores_are_left_out_when_sorted_otherwise():
    request = SearchRequest(text="violence", facets=(), sort="newest")
    assert search_response(request, _answer({})).hits[0].score is None


# -- search by meaning ---------------------------------------------------------------------------


def test_nearest_is_one_knn_search_filtered_by_access_withheld_items_and_model():
    request = SearchRequest(viewer=Viewer(), withheld=frozenset({105, 102}))
    body = compile_nearest(request, np.array([0.6, 0.8], dtype=np.float32), "e5", 50)
    anonymous = access_filter(request.access_filter)
    assert anonymous is not None
    assert body == {
        "knn": {
            "field": "passages.vector",
            "query_vector": [pytest.approx(0.6), pytest.approx(0.8)],
            "k": 50,
            "num_candidates": 200,
            "filter": [
                anonymous,
                {"bool": {"must_not": [{"terms": {"id": [102, 105]}}]}},
                {"term": {"vector_model": "e5"}},
            ],
            "inner_hits": {"size": 1, "_source": ["passages.number"]},
        },
        "size": 50,
        "_source": False,
        "track_total_hits": False,
    }
    json.dumps(body)  # plain JSON: no NumPy numbers


def test_an_unrestricted_nearest_search_filters_by_model_only():
    request = SearchRequest(viewer=Viewer(unrestricted=True))
    body = compile_nearest(request, [1.0, 0.0], "e5", 3)
    assert body["knn"]["filter"] == [{"term": {"vector_model": "e5"}}]
    assert body["knn"]["num_candidates"] == 100


def test_the_vector_field_is_exact_cosine_hnsw_of_the_models_dimension():
    assert vector_fields(384) == {
        "passages": {
            "type": "nested",
            "properties": {
                "vector": {
                    "type": "dense_vector",
                    "dims": 384,
                    "index": True,
                    "similarity": "cosine",
                    "index_options": {"type": "hnsw"},
                }
            },
        }
    }
    mapping = index_mappings()
    assert mapping["properties"]["passages"] == {
        "type": "nested",
        "properties": {"number": {"type": "short"}},
    }
    assert mapping["_source"] == {"excludes": ["passages.vector"]}


def test_a_documents_vectors_are_its_passages_with_their_model():
    rows = np.array([[1.0, 0.0], [0.6, 0.8]], dtype=np.float32)
    doc = replace(research_documents()[0], vectors=PassageVectors("e5", rows))
    source = to_es_document(doc, with_vectors=True)
    assert source["vector_model"] == "e5"
    assert source["passages"] == [
        {"number": 0, "vector": [1.0, 0.0]},
        {"number": 1, "vector": [pytest.approx(0.6), pytest.approx(0.8)]},
    ]
    # Until the index maps their dimension, the vectors stay out (and an older set is replaced).
    assert (to_es_document(doc)["vector_model"], to_es_document(doc)["passages"]) == (None, [])


def test_a_knn_answer_becomes_matches_with_the_cosine_and_the_best_passage():
    body = {"hits": {"hits": [
        {"_id": "104", "_score": 0.9, "inner_hits": {"passages": {"hits": {"hits": [
            {"_nested": {"field": "passages", "offset": 2}, "_source": {"number": 2}}]}}}},
    ]}}  # fmt: skip
    (match,) = nearest_matches(body)
    assert (match.id, match.passage) == (104, 2)
    assert match.similarity == pytest.approx(0.8)
