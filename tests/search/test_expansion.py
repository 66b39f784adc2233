"""Query expansion with the thesaurus, without any engine, and the thesaurus the project ships."""

import pytest

from search.expansion import (
    MAX_ALTERNATIVES_PER_EXPANSION,
    MAX_ALTERNATIVES_PER_QUERY,
    Thesaurus,
    term_key,
    term_problem,
)
from search.query import (
    Alternative,
    AnyOf,
    Expansion,
    Phrase,
    Prefix,
    SearchRequest,
    Term,
    parse_query,
)
from tests.search.bilingual_documents import shipped_records, shipped_thesaurus

THESAURUS = Thesaurus.from_records(
    [
        {
            "slug": "racial-profiling",
            "fr": ["profilage racial", "profilage ethnique"],
            "en": ["racial profiling", "ethnic profiling"],
        },
        {
            "slug": "crime-prevention",
            "fr": ["prévention du crime", "prévention de la criminalité"],
            "en": ["crime prevention"],
        },
        {"slug": "street-checks", "fr": ["interpellation"], "en": ["street check", "stop"]},
    ]
)


def expanded(text):
    return THESAURUS.expand(parse_query(text))


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Profilage racial", ("profilage", "racial")),
        ("profilages raciaux", ("profilage", "racial")),
        ("prévention de la criminalité", ("prevention", "criminalite")),
        ("la prévention de la criminalité", ("prevention", "criminalite")),
        ("l'itinérance", ("itinerance",)),
        ("street-checks", ("street", "check")),
        ("communities", ("community",)),
        ("mise en œuvre", ("mise", "oeuvre")),
        ("harassment", ("harassment",)),
        ("de la", ()),
    ],
)
def test_terms_compare_folded_singular_without_articles(text, key):
    assert term_key(text) == key


def test_words_naming_a_concept_become_one_expansion():
    query = expanded("racial profiling Montréal")
    (expansion, city) = query.required
    assert city == Term("Montréal")
    assert expansion == Expansion(
        words=(Term("racial"), Term("profiling")),
        text="racial profiling",
        language="en",
        alternatives=(
            Alternative("profilage racial", "fr"),
            Alternative("profilage ethnique", "fr"),
            Alternative("ethnic profiling", "en"),
        ),
        concepts=("racial-profiling",),
    )


def test_the_other_language_comes_first_then_synonyms():
    (expansion,) = expanded("profilage racial").required
    assert [alt.text for alt in expansion.alternatives] == [
        "racial profiling",
        "ethnic profiling",
        "profilage ethnique",
    ]
    assert expansion.language == "fr"


def test_the_longest_run_of_words_wins_and_articles_stay_outside():
    query = expanded("la prévention du crime")
    assert query.required[0] == Term("la")
    assert query.required[1].words == (Term("prévention"), Term("du"), Term("crime"))
    assert [alt.text for alt in query.required[1].alternatives] == [
        "crime prevention",
        "prévention de la criminalité",
    ]


def test_plural_and_accents_do_not_matter():
    (expansion,) = expanded("INTERPELLATIONS").required
    assert [alt.text for alt in expansion.alternatives] == ["street check", "stop"]


def test_phrases_and_or_options_expand_whole():
    (expansion,) = expanded('"ethnic profiling"').required
    assert expansion.words == (Phrase("ethnic profiling"),)
    (either,) = expanded("interpellation OR fraude").required
    assert isinstance(either, AnyOf)
    assert isinstance(either.options[0], Expansion)
    assert either.options[1] == Term("fraude")


def test_a_phrase_with_more_words_than_the_term_is_kept_as_typed():
    assert expanded('"profilage racial à Montréal"').required == (
        Phrase("profilage racial à Montréal"),
    )


def test_exclusions_and_prefixes_are_left_alone():
    query = expanded("racial* -interpellation")
    assert query.required == (Prefix("racial"),)
    assert query.excluded == (Term("interpellation"),)


def test_words_outside_the_thesaurus_are_unchanged():
    parsed = parse_query('violence "appels de service" OR gangs -fraude')
    assert THESAURUS.expand(parsed) == parsed
    assert THESAURUS.expand(parsed).expansions == ()


def test_highlighting_sees_the_words_typed_and_the_alternatives():
    query = expanded("interpellation Montréal")
    assert query.typed_clauses == (Term("interpellation"), Term("Montréal"))
    assert query.positive_clauses == (
        Term("interpellation"),
        Term("Montréal"),
        Phrase("street check"),
        Phrase("stop"),
    )


def test_a_request_expands_only_with_a_thesaurus():
    assert SearchRequest(text="interpellation").query == parse_query("interpellation")
    request = SearchRequest(text="interpellation", thesaurus=THESAURUS)
    assert [expansion.text for expansion in request.query.expansions] == ["interpellation"]


def test_what_one_query_adds_is_bounded():
    many = Thesaurus.from_records(
        [
            {"slug": f"c{n}", "fr": [f"mot{n}"], "en": [f"word{n} part{x}" for x in range(16)]}
            for n in range(10)
        ]
    )
    query = many.expand(parse_query(" ".join(f"mot{n}" for n in range(10))))
    sizes = [len(expansion.alternatives) for expansion in query.expansions]
    assert sizes[0] == MAX_ALTERNATIVES_PER_EXPANSION
    assert sum(sizes) == MAX_ALTERNATIVES_PER_QUERY
    assert query.required[-1] == Term("mot9")  # nothing left to add: searched as typed


@pytest.mark.parametrize(
    ("term", "problem"),
    [
        ("profilage racial", None),
        ("de la", "no-word"),
        ("—", "no-word"),
        (
            "analyse comparative longitudinale des interpellations policières "
            "menées dans douze quartiers montréalais",
            "too-many-words",
        ),
        ("x" * 121, "too-long"),
    ],
)
def test_unusable_terms_are_named(term, problem):
    assert term_problem(term) == problem


# -- the shipped thesaurus ---------------------------------------------------------------------


def test_the_shipped_thesaurus_has_at_least_150_bilingual_concepts():
    records = shipped_records()
    assert len(records) >= 150
    assert len({record["slug"] for record in records}) == len(records)
    for record in records:
        assert record["fr"] and record["en"], record["slug"]
        for term in (*record["fr"], *record["en"]):
            assert term_problem(term) is None, term


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("profilage racial", "racial profiling"),
        ("interpellation", "street check"),
        ("interpellation", "stop"),
        ("violence conjugale", "intimate partner violence"),
        ("violence fondée sur le genre", "gender-based violence"),
        ("santé mentale", "mental health"),
        ("prévention du crime", "crime prevention"),
        ("police de proximité", "community policing"),
        ("renseignement criminel", "criminal intelligence"),
    ],
)
def test_the_shipped_thesaurus_links_the_terms_analysts_use(french, english):
    thesaurus = shipped_thesaurus()
    (from_french,) = thesaurus.expand(parse_query(french)).expansions
    assert english in [alt.text for alt in from_french.alternatives]
    (from_english,) = thesaurus.expand(parse_query(english)).expansions
    assert french in [alt.text for alt in from_english.alternatives]
