"""The behaviour every search engine promises, stated once and run against each engine.

An engine's test module subclasses EngineContract and provides one fixture, `make_backend`:
a callable returning a new engine instance on the same, initially empty, storage. The suite
talks only to the interface in search/backends/base.py. Thesaurus expansion, part of the same
contract, is in contract_expansion.py; search by meaning in contract_vectors.py.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations

import pytest

from research.access import Viewer
from research.verdicts import sms_level
from search.backends.base import SearchBackend
from search.query import (
    FACET_NAMES,
    MAX_PAGE_SIZE,
    MAX_RESULT_WINDOW,
    SearchError,
    SearchRequest,
    SearchResponse,
)
from tests.search.contract_expansion import ExpansionContract
from tests.search.contract_vectors import VectorContract
from tests.search.documents import (
    ACCESS_ORGANISATIONS,
    random_access_documents,
    research_documents,
)

EVERYONE = Viewer(unrestricted=True)
ANONYMOUS = Viewer()
COMMUNITY = Viewer(community=True)
SPVM_MEMBER = Viewer(community=True, organisations=frozenset({"spvm"}))
SQ_ONLY = Viewer(organisations=frozenset({"sq"}))

ODD_INPUTS = [
    "",
    " ",
    '"',
    '"unbalanced quote',
    'violence "conjugale',
    '""',
    "-",
    "- -",
    "--violence",
    "-violence",
    "OR",
    "OR OR",
    "violence OR",
    "OR violence",
    "violence OR OR gangs",
    "violence OR -gangs",
    "*",
    "***",
    "-*",
    "a*",
    "l'",
    "jusqu'",
    "\u2019\u2019\u2019",
    "<script>alert('x')</script>",
    "'; DROP TABLE research; --",
    "title:violence AND NOT (gangs) +santé ~2 ^3 [2019 TO 2021] {x}",
    "\\",
    "\x00",
    "é" * 600,
    "🚓 police 🚨",
    "الشرطة",
    "ﬁnancement",
    "violence " * 200,
    "x" * 10_000,
]


def ids(response: SearchResponse) -> list[int]:
    return [hit.id for hit in response.hits]


def counts(response: SearchResponse, facet: str) -> list[tuple[str, int, bool]]:
    return [(value.value, value.count, value.selected) for value in response.facets[facet]]


class EngineContract(ExpansionContract, VectorContract):
    @pytest.fixture
    def backend(self, make_backend) -> SearchBackend:
        backend = make_backend()
        assert backend.index_documents(research_documents()) == 10
        return backend

    def search(self, backend, text="", viewer=EVERYONE, **options) -> SearchResponse:
        return backend.search(SearchRequest(text=text, viewer=viewer, **options))

    def ids_for(self, backend, text, viewer=EVERYONE, **options) -> list[int]:
        return ids(self.search(backend, text, viewer, size=MAX_PAGE_SIZE, **options))

    def found(self, backend, text, viewer=EVERYONE, **options) -> set[int]:
        response = self.search(backend, text, viewer, size=MAX_PAGE_SIZE, **options)
        assert response.total == len(response.hits)
        return set(ids(response))

    # -- the index --------------------------------------------------------------------------

    def test_counts_and_health(self, backend):
        assert backend.count() == 10
        health = backend.health()
        assert health.ok, health.detail

    def test_a_fresh_engine_answers_with_nothing(self, make_backend):
        response = make_backend().search(SearchRequest(text="violence", viewer=EVERYONE))
        assert (response.total, response.hits) == (0, [])

    def test_reindexing_the_same_id_replaces_the_document(self, backend):
        changed = replace(
            research_documents()[2],
            title="Violence conjugale : appels répétés à une même adresse",
            summary="Nouvelle version du rapport.",
        )
        assert backend.index_documents([changed, changed]) == 2
        assert backend.count() == 10
        assert self.found(backend, "répétés adresse") == {103}
        assert self.found(backend, "portrait") == set()

    def test_delete_removes_documents_and_ignores_unknown_ids(self, backend):
        backend.delete_documents([103, 999])
        assert backend.count() == 9
        assert self.found(backend, "conjugale") == set()
        assert self.found(backend, "gangs") == {102, 108}

    def test_a_delete_older_than_the_stored_version_leaves_the_document(self, backend):
        # Unpublished (version 7), then published again (version 8) before the delete landed.
        backend.index_documents([replace(research_documents()[2], version=8)])
        backend.delete_documents([103, 999], versions={103: 7, 999: 1})
        assert 103 in backend.all_ids()
        backend.delete_documents([103], versions={103: 8})
        assert 103 not in backend.all_ids()

    def test_all_ids_lists_every_document_whatever_its_access(self, backend):
        assert backend.all_ids() == {doc.id for doc in research_documents()}
        backend.delete_documents([103])
        assert 103 not in backend.all_ids()
        backend.clear()
        assert backend.all_ids() == set()

    # -- versions ---------------------------------------------------------------------------

    def test_an_older_write_arriving_after_a_newer_one_leaves_the_newer_content(self, backend):
        newer = replace(research_documents()[2], title="Appels répétés : coquelicot", version=9)
        older = replace(research_documents()[2], title="Appels répétés : pissenlit", version=5)
        backend.index_documents([newer])
        backend.index_documents([older])
        assert self.found(backend, "coquelicot") == {103}
        assert self.found(backend, "pissenlit") == set()
        assert backend.all_versions()[103] == 9

    def test_the_newest_of_one_batch_wins_whatever_its_place(self, backend):
        newer = replace(research_documents()[2], title="Appels répétés : coquelicot", version=9)
        older = replace(research_documents()[2], title="Appels répétés : pissenlit", version=5)
        backend.index_documents([newer, older])
        assert self.found(backend, "coquelicot") == {103}
        assert self.found(backend, "pissenlit") == set()

    def test_a_write_of_the_same_version_replaces(self, backend):
        first = replace(research_documents()[2], title="Appels répétés : coquelicot", version=9)
        again = replace(research_documents()[2], title="Appels répétés : tournesol", version=9)
        backend.index_documents([first])
        backend.index_documents([again])
        assert self.found(backend, "tournesol") == {103}
        assert self.found(backend, "coquelicot") == set()

    def test_all_versions_gives_each_documents_stored_version(self, backend):
        backend.index_documents([replace(research_documents()[0], version=4)])
        versions = backend.all_versions()
        assert versions.keys() == {doc.id for doc in research_documents()}
        assert (versions[101], versions[102]) == (4, 0)

    def test_clear_removes_everything(self, backend):
        backend.clear()
        assert backend.count() == 0
        assert self.search(backend).total == 0

    # -- language analysis ------------------------------------------------------------------

    def test_french_stemming_finds_plural_and_inflected_forms(self, backend):
        assert self.found(backend, "interpellation") == {101, 102}

    def test_english_stemming_finds_plural_forms(self, backend):
        assert self.found(backend, "arrest") == {108}
        assert self.found(backend, "speed camera") == {106}

    def test_every_engine_stems_nouns_and_verbs_of_one_root_alike(self, backend):
        """Every engine stems with Snowball (French; Porter2 for English), so a search counts the
        same items whichever engine answers: `concentration` finds `concentrent`, `trainings`
        finds `trained`."""
        doc = replace(
            research_documents()[2],
            title="Les appels se concentrent la nuit ; officers were trained",
            version=9,
        )
        backend.index_documents([doc])
        assert 103 in self.found(backend, "concentration")
        assert 103 in self.found(backend, "trainings")

    def test_accents_and_case_are_folded(self, backend):
        assert self.found(backend, "donnees") == {101}
        assert self.found(backend, "DONNÉES") == {101}
        assert self.found(backend, "securite routiere") == {107}
        assert self.found(backend, "etude aines") == {110}
        assert self.found(backend, "mise en oeuvre") == {102}  # œuvre

    @pytest.mark.parametrize(
        "text", ["l'egalite", "l'égalité", "l\u2019égalité", "égalité", "L'EGALITE"]
    )
    def test_french_elision_is_removed(self, backend, text):
        assert self.found(backend, text) == {103}

    def test_elided_words_in_documents_are_found_without_their_article(self, backend):
        assert self.found(backend, "appels") == {103}  # "d'appels"
        assert self.found(backend, "qu'appels") == {103}
        assert self.found(backend, "origine") == {101}  # "l'origine"

    # -- query syntax -----------------------------------------------------------------------

    def test_every_word_must_match(self, backend):
        assert self.found(backend, "mentale") == {104, 105}
        assert self.found(backend, "santé mentale") == {105}
        assert self.found(backend, "violence gangs") == set()

    def test_phrase_needs_the_words_together_and_in_order(self, backend):
        assert self.found(backend, '"violence conjugale"') == {103}
        assert self.found(backend, '"conjugale violence"') == set()
        assert self.found(backend, '"street gangs"') == {108}
        assert self.found(backend, '"gangs street"') == set()

    def test_phrase_across_an_elision(self, backend):
        assert self.found(backend, '"de l\'égalité"') == {103}
        assert self.found(backend, '"service de l\u2019egalite entre"') == {103}

    def test_exclusion(self, backend):
        assert self.found(backend, "collisions") == {106, 107}
        assert self.found(backend, "collisions -autoroutes") == {106}
        assert self.found(backend, 'gangs -"street gangs"') == {102}

    def test_exclusion_alone_excludes_from_everything(self, backend):
        assert self.found(backend, "-interpellations") == {103, 104, 105, 106, 107, 108, 109, 110}

    def test_or(self, backend):
        assert self.found(backend, "fraude OR gangs") == {102, 108, 110}
        assert self.found(backend, '"violence conjugale" OR autoroutes OR nurse') == {103, 104, 107}
        assert self.found(backend, "collisions autoroutes OR schools") == {106, 107}
        assert self.found(backend, "fraude or gangs") == set()  # lowercase "or" is a word

    def test_prefix(self, backend):
        assert self.found(backend, "interpel*") == {101, 102}
        assert self.found(backend, "profil*") == {101, 110}
        assert self.found(backend, "autorout*") == {107}
        assert self.found(backend, "zzyzx*") == set()

    @pytest.mark.parametrize("text", ODD_INPUTS)
    def test_odd_input_never_fails(self, backend, text):
        response = self.search(backend, text, viewer=ANONYMOUS, histogram=True)
        assert 0 <= response.total <= 6
        assert set(response.facets) == set(FACET_NAMES)

    def test_markup_in_the_query_is_searched_as_words(self, backend):
        assert self.found(backend, "<script>") == {104}

    # -- facets -----------------------------------------------------------------------------

    def test_facet_counts_without_selection(self, backend):
        response = self.search(backend)
        assert response.total == 10
        assert counts(response, "organisation") == [
            ("spvm", 3, False),
            ("enpq", 2, False),
            ("cpo", 1, False),
            ("msp", 1, False),
            ("ops", 1, False),
            ("spvq", 1, False),
            ("sq", 1, False),
        ]
        assert counts(response, "language") == [("fr", 6, False), ("en", 4, False)]
        assert counts(response, "region") == [
            ("Québec", 4, False),
            ("Montréal", 3, False),
            ("Ottawa", 2, False),
        ]

    def test_a_facet_selection_does_not_shrink_its_own_counts(self, backend):
        response = self.search(backend, filters={"organisation": ("spvm",)})
        assert response.total == 3
        assert counts(response, "organisation") == [
            ("spvm", 3, True),
            ("enpq", 2, False),
            ("cpo", 1, False),
            ("msp", 1, False),
            ("ops", 1, False),
            ("spvq", 1, False),
            ("sq", 1, False),
        ]
        assert counts(response, "type") == [
            ("intelligence-product", 1, False),
            ("program-evaluation", 1, False),
            ("research-report", 1, False),
        ]
        assert counts(response, "theme") == [
            ("racial-social-profiling", 2, False),
            ("community-trust", 1, False),
            ("organised-crime", 1, False),
            ("youth", 1, False),
        ]

    def test_or_within_a_facet_and_across_facets(self, backend):
        filters = {"organisation": ("spvm",), "type": ("program-evaluation", "research-report")}
        response = self.search(backend, filters=filters)
        assert set(ids(response)) == {101, 102}
        assert counts(response, "organisation") == [
            ("spvm", 2, True),
            ("enpq", 1, False),
            ("ops", 1, False),
        ]
        assert counts(response, "type") == [
            ("intelligence-product", 1, False),
            ("program-evaluation", 1, True),
            ("research-report", 1, True),
        ]
        assert counts(response, "theme") == [
            ("racial-social-profiling", 2, False),
            ("community-trust", 1, False),
        ]
        assert counts(response, "design") == [("before-after", 1, False), ("descriptive", 1, False)]

    def test_a_selected_value_without_items_is_listed_with_zero(self, backend):
        filters = {"organisation": ("spvm",), "type": ("literature-review",)}
        response = self.search(backend, filters=filters)
        assert response.total == 0
        assert counts(response, "organisation") == [("enpq", 1, False), ("spvm", 0, True)]
        assert ("literature-review", 0, True) in counts(response, "type")
        assert counts(response, "theme") == []

    def test_facet_counts_follow_the_text_query(self, backend):
        response = self.search(backend, "interpellations")
        assert counts(response, "objective") == [("spvm-2018-a4-10", 2, False)]
        assert counts(response, "tag") == [
            ("interpellations", 2, False),
            ("profilage-racial", 1, False),
        ]

    def test_only_requested_facets_are_counted(self, backend):
        response = self.search(backend, facets=("theme", "edition"))
        assert set(response.facets) == {"theme", "edition"}
        assert counts(response, "edition") == [
            ("2023", 3, False),
            ("2022", 2, False),
            ("2020", 1, False),
            ("2024", 1, False),
        ]

    def test_tag_facet_shows_the_twenty_most_frequent(self, backend):
        many_tags = replace(
            research_documents()[0], tag=[f"tag-{number:02d}" for number in range(30)]
        )
        backend.index_documents([many_tags])
        response = self.search(backend, facets=("tag",))
        assert len(response.facets["tag"]) == 20

    # -- years ------------------------------------------------------------------------------

    def test_year_range(self, backend):
        assert self.found(backend, "", year_from=2021, year_to=2023) == {
            102,
            103,
            104,
            108,
            109,
            110,
        }
        assert self.found(backend, "", year_from=2023) == {104, 106, 108}
        assert self.found(backend, "", year_to=2019) == {101, 107}
        assert self.found(backend, "collisions", year_from=2019) == {106}

    def test_year_range_applies_to_facet_counts(self, backend):
        response = self.search(backend, filters={"language": ("fr",)}, year_from=2021, year_to=2023)
        assert set(ids(response)) == {102, 103, 110}
        assert counts(response, "language") == [("en", 3, False), ("fr", 3, True)]

    def test_year_histogram_counts_everything_but_its_own_range(self, backend):
        response = self.search(backend, histogram=True)
        assert response.years == [
            (2018, 1),
            (2019, 1),
            (2020, 1),
            (2021, 2),
            (2022, 2),
            (2023, 2),
            (2024, 1),
        ]
        response = self.search(
            backend, filters={"language": ("fr",)}, year_from=2021, year_to=2023, histogram=True
        )
        assert response.years == [(2018, 1), (2019, 1), (2020, 1), (2021, 2), (2022, 1)]

    def test_no_histogram_unless_asked(self, backend):
        assert self.search(backend).years == []

    # -- sorting and pages ------------------------------------------------------------------

    def test_sort_newest(self, backend):
        response = self.search(backend, sort="newest", size=10)
        assert ids(response) == [106, 104, 108, 109, 103, 102, 110, 105, 101, 107]

    def test_sort_oldest(self, backend):
        response = self.search(backend, sort="oldest", size=10)
        assert ids(response) == [107, 101, 105, 110, 102, 103, 109, 108, 104, 106]

    def test_sort_title_ignores_case_and_accents(self, backend):
        response = self.search(backend, sort="title", size=10)
        assert ids(response) == [104, 110, 101, 109, 102, 106, 105, 107, 103, 108]

    def test_listing_without_words_is_newest_first(self, backend):
        assert ids(self.search(backend, size=3)) == [106, 104, 108]

    def test_relevance_ranks_title_matches_first(self, backend):
        response = self.search(backend, "gangs")
        assert ids(response) == [108, 102]
        assert response.hits[0].score >= response.hits[1].score > 0

    def test_sorts_apply_to_text_searches(self, backend):
        assert ids(self.search(backend, "collisions", sort="oldest")) == [107, 106]
        assert ids(self.search(backend, "collisions", sort="newest")) == [106, 107]
        assert ids(self.search(backend, "collisions", sort="title")) == [106, 107]

    def test_pages(self, backend):
        pages = [
            ids(self.search(backend, sort="newest", size=3, page=page)) for page in (1, 2, 4, 5)
        ]
        assert pages == [[106, 104, 108], [109, 103, 102], [107], []]
        assert self.search(backend, sort="newest", size=3, page=5).total == 10

    @pytest.mark.parametrize(
        "options",
        [
            {"page": MAX_RESULT_WINDOW // MAX_PAGE_SIZE + 1, "size": MAX_PAGE_SIZE},
            {"page": MAX_RESULT_WINDOW, "size": 2},
            {"size": MAX_PAGE_SIZE + 1},
            {"size": 0},
            {"page": 0},
            {"sort": "random"},
            {"filters": {"colour": ("red",)}},
            {"facets": ("colour",)},
            {"year_from": 2024, "year_to": 2020},
        ],
    )
    def test_invalid_requests_are_refused_with_a_reason(self, options):
        with pytest.raises(SearchError) as refused:
            SearchRequest(text="violence", **options)
        assert str(refused.value)

    def test_deepest_allowed_page_answers(self, backend):
        response = self.search(backend, page=MAX_RESULT_WINDOW // MAX_PAGE_SIZE, size=MAX_PAGE_SIZE)
        assert (response.total, response.hits) == (10, [])

    @pytest.mark.parametrize(
        ("viewer", "expected"),
        [
            (EVERYONE, [104, 102, 106, 101, 109, 108, 103, 110, 105, 107]),
            (ANONYMOUS, [104, 106, 101, 103, 110, 105]),
            (SPVM_MEMBER, [104, 102, 106, 101, 109, 108, 103, 110, 105]),
        ],
    )
    def test_sort_evidence_without_words_is_strongest_level_first_then_newest(
        self, backend, viewer, expected
    ):
        response = self.search(backend, viewer=viewer, sort="evidence", size=10)
        assert ids(response) == expected
        assert response.total == len(expected)

    @pytest.mark.parametrize("sort", ["relevance", "newest", "evidence"])
    def test_bare_hits_rank_and_count_as_the_full_ones(self, backend, sort):
        full = self.search(backend, "police OR gangs OR fraude OR conjugale", sort=sort, size=10)
        bare = self.search(
            backend, "police OR gangs OR fraude OR conjugale", sort=sort, size=10, bare=True
        )
        assert len(full.hits) > 3  # enough to show an order
        assert [(hit.id, hit.score) for hit in bare.hits] == [
            (hit.id, hit.score) for hit in full.hits
        ]
        assert (bare.total, bare.facets) == (full.total, full.facets)
        assert all(hit.title == "" and not hit.highlights for hit in bare.hits)
        assert any(hit.highlights for hit in full.hits)

    @pytest.mark.parametrize("text", ["interpellations", "police", "gangs OR fraude OR conjugale"])
    def test_sort_evidence_keeps_relevance_within_a_level(self, backend, text):
        relevance = self.search(backend, text, size=10).hits
        levels = {hit.id: sms_level(hit.evidence) or 0 for hit in relevance}
        expected = sorted((hit.id for hit in relevance), key=lambda doc_id: -levels[doc_id])
        assert ids(self.search(backend, text, sort="evidence", size=10)) == expected
        assert len(set(levels.values())) > 1  # the case shows the levels reorder the hits

    def test_sort_evidence_pages_across_levels(self, backend):
        pages = [
            ids(self.search(backend, sort="evidence", size=3, page=page)) for page in (1, 2, 3, 4)
        ]
        assert pages == [[104, 102, 106], [101, 109, 108], [103, 110, 105], [107]]
        response = self.search(
            backend, sort="evidence", size=2, page=2, filters={"language": ("fr",)}
        )
        assert (ids(response), response.total) == ([103, 110], 6)

    # -- hits and highlights ----------------------------------------------------------------

    def test_hit_fields(self, backend):
        (hit,) = self.search(backend, '"violence conjugale"').hits
        assert (hit.id, hit.url, hit.title, hit.year) == (
            103,
            "/fr/recherche/item-103/",
            "Violence conjugale : analyse des appels de service",
            2022,
        )
        assert (hit.language, hit.organisation, hit.type, hit.access) == (
            "fr",
            "spvq",
            "analysis",
            "public",
        )

    def test_highlights_mark_matches_in_title_and_summary(self, backend):
        (hit,) = self.search(backend, "violence conjugale").hits
        assert hit.highlights["title"] == [
            "<mark>Violence</mark> <mark>conjugale</mark> : analyse des appels de service"
        ]
        (summary,) = hit.highlights["summary"]
        assert "pour <mark>violence</mark> <mark>conjugale</mark> reçus" in summary

    def test_highlights_escape_everything_else(self, backend):
        (hit,) = self.search(backend, "nurse").hits
        (passage,) = hit.highlights["files_text"]
        assert "<mark>nurse</mark> rides" in passage
        assert "&lt;script&gt;" in passage
        assert "<script" not in passage
        (title,) = self.search(backend, "cameras").hits[0].highlights["title"]
        assert title == "Road safety: speed <mark>cameras</mark> &amp; collisions near schools"

    def test_highlights_follow_stemming_folding_elision_and_prefix(self, backend):
        (hit,) = self.search(backend, "l'egalite").hits
        assert "<mark>égalité</mark>" in hit.highlights["summary"][0]
        (hit,) = self.search(backend, "autorout*").hits
        assert "<mark>autoroutes</mark>" in hit.highlights["title"][0]

    @pytest.mark.parametrize(
        ("text", "marked"),
        [
            ("psychosociale", "<mark>psychosociale</mark>"),
            ("PSYCHOSOCIALES", "<mark>psychosociale</mark>"),
            ("crisis safety", "<mark>safety</mark>"),
        ],
    )
    def test_highlights_reach_deep_into_long_files(self, backend, text, marked):
        filler = "Le tableau 4 présente les résultats par région administrative. " * 1500
        report = replace(
            research_documents()[4],
            files_text=(
                f"Introduction. {filler} Les interventions en situation de crise psychosociale "
                f"demandent une formation continue (crisis safety planning). {filler} Annexe."
            ),
        )
        backend.index_documents([report])
        (hit,) = self.search(backend, text).hits
        (passage,) = hit.highlights["files_text"]
        assert marked in passage
        assert passage.startswith("… ")
        assert passage.endswith(" …")
        assert len(passage) < 400

    def test_no_highlights_without_words_or_in_unmatched_fields(self, backend):
        assert all(hit.highlights == {} for hit in self.search(backend).hits)
        (hit,) = self.search(backend, "Armony").hits  # matched in authors only
        assert hit.highlights == {}

    # -- what studies found ------------------------------------------------------------------

    def test_hits_carry_design_evidence_findings_in_order_and_practices(self, backend):
        hits = {hit.id: hit for hit in self.search(backend, size=10).hits}
        hit = hits[104]
        assert (hit.design, hit.evidence) == ("quasi-experimental", "sms-3")
        assert hit.findings == (("use-of-force", "mixed"), ("calls-for-service", "positive"))
        assert hit.practices == ("mental-health-co-response",)
        assert (hits[101].findings, hits[101].practices) == ((), ())
        assert (hits[101].design, hits[101].evidence) == ("descriptive", "sms-2")

    def test_a_reindexed_item_shows_its_new_findings(self, backend):
        changed = replace(
            research_documents()[3],
            finding_pairs=["calls-for-service:no-effect"],
            outcome=["calls-for-service"],
            effect=["no-effect"],
            practice=[],
        )
        backend.index_documents([changed])
        (hit,) = self.search(backend, "co-response").hits
        assert (hit.findings, hit.practices) == ((("calls-for-service", "no-effect"),), ())

    @pytest.mark.parametrize(
        ("viewer", "practices", "effects"),
        [
            (
                ANONYMOUS,
                [("domestic-violence-risk-assessment", 1), ("mental-health-co-response", 1)],
                [("positive", 2), ("inconclusive", 1), ("mixed", 1)],
            ),
            (
                COMMUNITY,
                [
                    ("domestic-violence-risk-assessment", 1),
                    ("mental-health-co-response", 1),
                    ("procedural-justice", 1),
                ],
                [("positive", 2), ("inconclusive", 1), ("mixed", 1), ("no-effect", 1)],
            ),
            (
                SPVM_MEMBER,
                [
                    ("domestic-violence-risk-assessment", 1),
                    ("focused-deterrence", 1),
                    ("mental-health-co-response", 1),
                    ("procedural-justice", 1),
                ],
                [("positive", 3), ("inconclusive", 1), ("mixed", 1), ("no-effect", 1)],
            ),
            (
                SQ_ONLY,
                [("domestic-violence-risk-assessment", 1), ("mental-health-co-response", 1)],
                [("positive", 2), ("inconclusive", 1), ("mixed", 1)],
            ),
        ],
    )
    def test_practice_and_effect_counts_follow_the_viewer(
        self, backend, viewer, practices, effects
    ):
        response = self.search(backend, viewer=viewer)
        assert counts(response, "practice") == [(value, n, False) for value, n in practices]
        assert counts(response, "effect") == [(value, n, False) for value, n in effects]

    def test_outcome_counts_and_filters(self, backend):
        response = self.search(backend, viewer=ANONYMOUS)
        assert counts(response, "outcome") == [
            ("calls-for-service", 2, False),
            ("repeat-victimisation", 1, False),
            ("use-of-force", 1, False),
        ]
        assert self.found(backend, "", filters={"outcome": ("calls-for-service",)}) == {103, 104}
        assert self.found(backend, "", filters={"effect": ("positive",)}) == {103, 104, 108}
        assert self.found(backend, "", ANONYMOUS, filters={"effect": ("positive",)}) == {103, 104}
        assert self.found(backend, "", filters={"practice": ("focused-deterrence",)}) == {108}
        narrowed = self.search(
            backend, filters={"effect": ("positive",), "practice": ("focused-deterrence",)}
        )
        assert ids(narrowed) == [108]
        assert counts(narrowed, "effect") == [("positive", 1, True)]
        assert counts(narrowed, "practice") == [
            ("domestic-violence-risk-assessment", 1, False),
            ("focused-deterrence", 1, True),
            ("mental-health-co-response", 1, False),
        ]

    # -- vocabulary labels --------------------------------------------------------------------

    @pytest.fixture
    def labelled(self, backend) -> SearchBackend:
        """An English and a French item whose own words never name their theme: only the
        theme's labels, in both languages, say what they are about."""
        trust = ["Confiance de la communauté", "Community trust"]
        english = replace(
            research_documents()[3],
            id=201,
            title="Neighbourhood legitimacy survey",
            summary="Residents rate the fairness of the police.",
            findings="",
            files_text="",
            theme=["community-trust"],
            labels=trust,
            record_labels=["Service de police de la Ville de Montréal", "SPVM"],
        )
        french = replace(
            research_documents()[4],
            id=202,
            title="Sondage sur la légitimité dans les quartiers",
            summary="Les résidents jugent l'équité de la police.",
            theme=["community-trust"],
            labels=trust,
            record_labels=["École nationale de police du Québec", "ENPQ"],
        )
        backend.index_documents([english, french])
        return backend

    def test_a_themes_french_label_finds_the_english_items_filed_under_it(self, labelled):
        assert self.found(labelled, "confiance") == {201, 202}
        assert self.found(labelled, '"confiance de la communauté"') == {201, 202}

    def test_a_themes_english_label_finds_the_french_items_filed_under_it(self, labelled):
        assert self.found(labelled, "community trust") == {201, 202}
        assert self.found(labelled, "trust") == {201, 202}

    def test_an_organisations_name_and_short_name_find_its_items(self, labelled):
        assert 201 in self.found(labelled, "SPVM")
        assert 202 in self.found(labelled, "enpq")
        assert 202 not in self.found(labelled, "SPVM")

    def test_labels_weigh_less_than_the_title(self, labelled):
        french = replace(
            research_documents()[4],
            id=203,
            title="La confiance envers la police",
            summary="",
            theme=[],
        )
        labelled.index_documents([french])
        assert self.ids_for(labelled, "confiance")[0] == 203

    def test_hidden_items_are_not_found_by_their_labels(self, labelled):
        hidden = replace(
            research_documents()[7],
            id=204,
            labels=["Confiance de la communauté", "Community trust"],
        )
        labelled.index_documents([hidden])
        assert 204 in self.found(labelled, "trust")
        assert 204 not in self.found(labelled, "trust", viewer=ANONYMOUS)

    # -- access -----------------------------------------------------------------------------

    @pytest.mark.parametrize(
        ("viewer", "visible"),
        [
            (ANONYMOUS, {101, 103, 104, 105, 106, 110}),
            (COMMUNITY, {101, 102, 103, 104, 105, 106, 109, 110}),
            (SPVM_MEMBER, {101, 102, 103, 104, 105, 106, 108, 109, 110}),
            (SQ_ONLY, {101, 103, 104, 105, 106, 107, 110}),
            (EVERYONE, {101, 102, 103, 104, 105, 106, 107, 108, 109, 110}),
        ],
    )
    def test_each_viewer_sees_only_what_they_may(self, backend, viewer, visible):
        response = self.search(backend, viewer=viewer, size=MAX_PAGE_SIZE, histogram=True)
        assert set(ids(response)) == visible
        assert response.total == len(visible)
        assert sum(value.count for value in response.facets["organisation"]) == len(visible)
        assert sum(count for _year, count in response.years) == len(visible)

    def test_the_access_filter_shows_exactly_what_the_single_item_check_allows(self, make_backend):
        """For random items and every kind of viewer, the engine's filter (compiled from the
        policy's search filter) and the policy's yes/no check agree, totals and counts too."""
        made = random_access_documents(count=80, seed=19)
        backend = make_backend()
        backend.index_documents([document for document, _access, _organisations in made])
        viewers = [EVERYONE, ANONYMOUS, COMMUNITY] + [
            Viewer(community=community, organisations=frozenset(organisations))
            for community in (False, True)
            for size in (1, 2, 4)
            for organisations in combinations(ACCESS_ORGANISATIONS, size)
        ]
        for viewer in viewers:
            expected = {
                1000 + number
                for number, (_document, access, organisations) in enumerate(made)
                if viewer.may_see(access, organisations)
            }
            response = self.search(backend, viewer=viewer, size=MAX_PAGE_SIZE)
            assert set(ids(response)) == expected, viewer
            assert response.total == len(expected)
            assert sum(value.count for value in response.facets["language"]) == len(expected)

    def test_hidden_items_leak_through_no_total_count_or_highlight(self, backend):
        response = self.search(backend, "gangs", viewer=COMMUNITY, histogram=True)
        assert ids(response) == [102]
        assert response.total == 1
        assert counts(response, "organisation") == [("spvm", 1, False)]
        assert counts(response, "theme") == [("racial-social-profiling", 1, False)]
        assert response.years == [(2021, 1)]
        response = self.search(backend, "autoroutes", viewer=ANONYMOUS, histogram=True)
        assert (response.total, response.hits, response.years) == (0, [], [])
        assert all(values == [] for values in response.facets.values())

    def test_hidden_items_stay_hidden_when_their_facet_is_selected(self, backend):
        response = self.search(backend, viewer=ANONYMOUS, filters={"organisation": ("sq",)})
        assert response.total == 0
        assert ("sq", 0, True) in counts(response, "organisation")

    def test_withheld_items_count_nowhere_though_the_index_still_shows_them(self, backend):
        # 103 is public in the index; the service withholds it (restricted, index not caught up).
        withheld = frozenset({103})
        response = self.search(backend, "conjugale", ANONYMOUS, histogram=True, withheld=withheld)
        assert (response.total, response.hits, response.years) == (0, [], [])
        assert all(values == [] for values in response.facets.values())
        response = self.search(
            backend, viewer=ANONYMOUS, histogram=True, withheld=withheld, year_from=2023
        )
        assert set(ids(response)) == {104, 106}
        assert response.total == 2
        assert response.years == [(2019, 1), (2020, 1), (2021, 1), (2023, 1), (2024, 1)]
        assert sum(value.count for value in response.facets["organisation"]) == 2
        assert self.found(backend, "conjugale", ANONYMOUS) == {103}

    def test_a_search_within_given_items_finds_and_counts_only_those(self, backend):
        within = frozenset({103, 104, 999})
        response = self.search(backend, viewer=ANONYMOUS, histogram=True, within=within)
        assert set(ids(response)) == {103, 104}
        assert response.total == 2
        assert sum(value.count for value in response.facets["organisation"]) == 2
        assert self.found(backend, "conjugale", ANONYMOUS, within=within) == {103}
        assert self.found(backend, "conjugale", ANONYMOUS, within=frozenset({104})) == set()
        # The viewer's access still applies inside the given items; none given finds nothing.
        assert self.found(backend, "", ANONYMOUS, within=frozenset({102, 104})) == {104}
        assert self.found(backend, "", EVERYONE, within=frozenset()) == set()

    def test_a_page_fetched_unranked_shows_its_hits_as_the_ranked_search_does(self, backend):
        # Hybrid search fetches the page it shows this way (ranked=False), its order and scores
        # known from its window: the same hits, highlights and matched terms, the same access.
        text = '"violence conjugale" OR police OR gangs OR fraude OR interpellations'
        ranked = self.search(backend, text, viewer=ANONYMOUS, size=5)
        shown = [hit.id for hit in ranked.hits]
        assert len(shown) > 2 and any(hit.highlights for hit in ranked.hits)
        fetched = self.search(
            backend,
            text,
            viewer=ANONYMOUS,
            within=frozenset({*shown, 102}),  # 102 is not the visitor's to see
            size=len(shown) + 1,
            facets=(),
            ranked=False,
        )
        by_id = {hit.id: hit for hit in fetched.hits}
        assert set(by_id) == set(shown)
        for hit in ranked.hits:
            same = by_id[hit.id]
            assert (same.title, same.url, same.highlights, same.matched_terms) == (
                hit.title,
                hit.url,
                hit.highlights,
                hit.matched_terms,
            )

    # -- rebuild ----------------------------------------------------------------------------

    def test_rebuild_switches_to_the_new_content_at_once(self, backend, make_backend):
        other_reader = make_backend()
        assert self.found(other_reader, "violence conjugale") == {103}
        seen_during_rebuild = []

        def new_content():
            for doc in research_documents()[3:]:
                seen_during_rebuild.append(self.found(backend, "violence conjugale"))
                yield doc

        assert backend.rebuild(new_content()) == 7
        assert seen_during_rebuild == [{103}] * 7
        for engine in (backend, other_reader):
            assert engine.count() == 7
            assert self.found(engine, "violence conjugale") == set()
            assert self.found(engine, "collisions") == {106, 107}

    def test_a_failed_rebuild_leaves_the_old_index_serving(self, backend):
        def broken_content():
            yield from research_documents()[:2]
            raise RuntimeError("database went away")

        with pytest.raises(RuntimeError, match="database went away"):
            backend.rebuild(broken_content())
        assert backend.count() == 10
        assert self.found(backend, "violence conjugale") == {103}
        assert backend.health().ok

    def test_writes_after_a_rebuild_go_to_the_new_index(self, backend, make_backend):
        backend.rebuild(research_documents()[:5])
        make_backend().delete_documents([101])
        backend.index_documents(research_documents()[5:6])
        assert self.found(backend, "") == {102, 103, 104, 105, 106}
