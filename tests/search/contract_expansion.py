"""The engine contract for thesaurus expansion: a query in one language finds studies in the other.

Part of EngineContract (tests/search/contract.py), so it runs on every engine. The thesaurus is
the one the project ships (search/data/thesaurus.json), the studies those of bilingual_documents.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from research.access import Viewer
from search.query import MatchedTerm, SearchRequest
from tests.search.bilingual_documents import (
    PAIRS,
    bilingual_documents,
    english_id,
    french_id,
    shipped_thesaurus,
)
from tests.search.documents import _item, research_documents

EVERYONE = Viewer(unrestricted=True)
THESAURUS = shipped_thesaurus()


def hit_ids(response) -> list[int]:
    return [hit.id for hit in response.hits]


class ExpansionContract:
    @pytest.fixture
    def bilingual(self, make_backend):
        backend = make_backend()
        backend.index_documents(bilingual_documents())
        return backend

    def expanded(self, backend, text, viewer=EVERYONE, **options):
        request = SearchRequest(text=text, viewer=viewer, thesaurus=THESAURUS, size=100, **options)
        return backend.search(request)

    @pytest.mark.parametrize(("french", "english", "_fr", "_en"), PAIRS, ids=[p[1] for p in PAIRS])
    def test_a_query_finds_the_study_in_the_other_language(
        self, bilingual, french, english, _fr, _en
    ):
        position = [pair[0] for pair in PAIRS].index(french)
        french_study, english_study = french_id(position), english_id(position)
        for words, own, other, other_words in (
            (french, french_study, english_study, english),
            (english, english_study, french_study, french),
        ):
            response = self.expanded(bilingual, words)
            # The study with the words typed first, the other language's through the thesaurus.
            assert hit_ids(response) == [own, other], words
            assert response.total == 2
            own_hit, other_hit = response.hits
            assert [term.term for term in own_hit.matched_terms if not term.expanded] == [words]
            assert other_words in [term.term for term in other_hit.matched_terms if term.expanded]
            assert all(term.expanded for term in other_hit.matched_terms)
            # Without the thesaurus, the words alone find only the study in their language.
            unexpanded = bilingual.search(SearchRequest(text=words, viewer=EVERYONE, size=100))
            assert hit_ids(unexpanded) == [own]
            assert unexpanded.hits[0].matched_terms == ()

    def test_at_least_twenty_concepts_cross_languages(self):
        concepts = {
            concept.key for fr, _en, _f, _e in PAIRS for concept in THESAURUS.concepts_named(fr)
        }
        assert len(concepts) >= 20

    def test_the_matched_term_is_reported_with_its_language(self, bilingual):
        response = self.expanded(bilingual, "racial profiling")
        english, french = response.hits
        assert english.matched_terms == (
            MatchedTerm("racial profiling", "racial profiling", "en", expanded=False),
        )
        assert french.matched_terms == (
            MatchedTerm("racial profiling", "profilage racial", "fr", expanded=True),
        )

    def test_an_exact_match_ranks_above_an_expanded_one_whatever_the_field(self, make_backend):
        backend = make_backend()
        backend.index_documents(
            [
                # The words typed appear once, deep in an attached file (the lightest field).
                _item(
                    401,
                    "en",
                    "2020-01-01",
                    title="Annual report on complaints",
                    files_text="Appendix C lists two complaints of racial profiling.",
                ),
                # The French term fills the title, the summary and the findings.
                _item(
                    402,
                    "fr",
                    "2024-01-01",
                    title="Profilage racial : profilage racial et profilage ethnique",
                    summary="Le profilage racial, encore le profilage racial.",
                    findings="Profilage racial observé dans chaque secteur.",
                ),
            ]
        )
        response = self.expanded(backend, "racial profiling")
        assert hit_ids(response) == [401, 402]
        assert response.hits[0].score > response.hits[1].score

    def test_the_term_found_through_the_thesaurus_is_highlighted(self, bilingual):
        french = self.expanded(bilingual, "racial profiling").hits[1]
        assert french.highlights["title"] == [
            "<mark>Profilage</mark> <mark>racial</mark> lors des contrôles routiers"
        ]

    def test_unmatched_alternatives_are_not_highlighted(self, make_backend):
        backend = make_backend()
        backend.index_documents(research_documents())
        # "violence entre partenaires intimes" is an alternative; item 103 has "entre" elsewhere.
        (hit,) = self.expanded(backend, "violence conjugale").hits
        (summary,) = hit.highlights["summary"]
        assert "<mark>violence</mark> <mark>conjugale</mark>" in summary
        assert "<mark>entre</mark>" not in summary

    def test_exclusions_are_not_expanded(self, bilingual):
        phishing = [pair[1] for pair in PAIRS].index("phishing")
        # The French study has the excluded word; the English one only its translation.
        response = self.expanded(bilingual, "phishing -hameçonnage")
        assert hit_ids(response) == [english_id(phishing)]

    def test_phrases_and_alternatives_of_or_are_expanded(self, bilingual):
        mental, homeless = (
            [pair[0] for pair in PAIRS].index(words) for words in ("santé mentale", "itinérance")
        )
        assert set(hit_ids(self.expanded(bilingual, '"santé mentale"'))) == {
            french_id(mental),
            english_id(mental),
        }
        assert set(hit_ids(self.expanded(bilingual, "homelessness OR «santé mentale»"))) == {
            french_id(mental),
            english_id(mental),
            french_id(homeless),
            english_id(homeless),
        }

    def test_expanded_matches_count_in_facets(self, bilingual):
        response = self.expanded(bilingual, "ransomware")
        assert [(value.value, value.count) for value in response.facets["language"]] == [
            ("en", 1),
            ("fr", 1),
        ]

    def test_every_expanded_query_counts_in_facets_what_it_finds(self, bilingual):
        # An engine may count with a cheaper query than it ranks with, never a different one.
        for french, english, _fr, _en in PAIRS:
            for words in (french, english, f'"{french}"', f"{english} OR {french}"):
                response = self.expanded(bilingual, words)
                counted = sum(value.count for value in response.facets["language"])
                assert counted == response.total == len(response.hits), words

    def test_alternatives_holding_the_words_or_another_alternative_count_once(self, make_backend):
        # "personnes en situation d'itinérance" holds the word typed, "homeless people" another
        # alternative: an item found through either, or through several, counts once.
        documents = [
            _item(1, "fr", "2020-01-01", title="Personnes en situation d'itinérance à Montréal"),
            _item(2, "en", "2021-01-01", summary="A census of homeless people downtown."),
            _item(3, "en", "2022-01-01", body="People experiencing homelessness in winter."),
            _item(4, "fr", "2023-01-01", findings="Refuges pour sans-abri."),
            _item(5, "fr", "2023-01-01", title="Itinérance", body="itinérance et sans-abri"),
            _item(6, "en", "2024-01-01", title="Road safety"),
        ]
        backend = make_backend()
        backend.index_documents(documents)
        response = self.expanded(backend, "itinérance", histogram=True)
        assert sorted(hit_ids(response)) == [1, 2, 3, 4, 5]
        assert response.total == 5
        assert [(value.value, value.count) for value in response.facets["language"]] == [
            ("fr", 3),
            ("en", 2),
        ]
        assert response.years == [(2020, 1), (2021, 1), (2022, 1), (2023, 2)]

    def test_expansion_stays_inside_what_the_viewer_may_see(self, make_backend):
        documents = [
            replace(document, access="organisation", access_organisations=["spvm"])
            if document.id == french_id(0)
            else document
            for document in bilingual_documents()
        ]
        backend = make_backend()
        backend.index_documents(documents)
        anonymous = self.expanded(backend, "racial profiling", viewer=Viewer(), histogram=True)
        assert hit_ids(anonymous) == [english_id(0)]
        assert anonymous.total == 1
        assert [(value.value, value.count) for value in anonymous.facets["language"]] == [("en", 1)]
        member = Viewer(organisations=frozenset({"spvm"}))
        assert hit_ids(self.expanded(backend, "racial profiling", viewer=member)) == [
            english_id(0),
            french_id(0),
        ]

    def test_words_outside_the_thesaurus_search_as_before(self, bilingual):
        response = self.expanded(bilingual, "casinos")
        assert hit_ids(response) == [english_id(11)]
        assert response.hits[0].matched_terms == ()
