"""A hit shows each passage once: the files' text often opens with the title, a "Résumé"
heading and the summary, which the card already shows."""

from search.presentation import distinct_snippets

TITLE = "Violence conjugale : portrait montréalais 2023"
SUMMARY = (
    "Ce rapport dresse le portrait de la <mark>violence</mark> conjugale déclarée à la police "
    "en 2023, par quartier et par type d\u2019infraction."
)


def test_a_file_fragment_repeating_the_title_and_summary_is_dropped():
    opening = (
        "Violence conjugale : portrait montréalais 2023 Résumé Ce rapport dresse le portrait "
        "de la <mark>violence</mark> conjugale déclarée à la police"
    )
    deeper = (
        "Les appels pour <mark>violence</mark> conjugale ont augmenté de 12 % dans le "
        "quartier Saint-Michel entre janvier et juin."
    )
    snippets = distinct_snippets(TITLE, {"summary": [SUMMARY], "files_text": [opening, deeper]})
    assert snippets == [SUMMARY, deeper]


def test_a_file_fragment_repeating_only_the_title_is_dropped_too():
    fragment = "<mark>Violence</mark> conjugale : portrait montréalais 2023"
    assert distinct_snippets(TITLE, {"files_text": [fragment]}) == []


def test_the_same_passage_twice_in_the_files_is_shown_once():
    passage = "Les patrouilles à pied ont réduit les <mark>vols</mark> de 8 % au centre-ville."
    assert distinct_snippets(TITLE, {"files_text": [passage, passage]}) == [passage]


def test_the_comparison_ignores_case_accents_and_markup():
    summary = "Les <mark>équipes</mark> mixtes réduisent les hospitalisations forcées."
    repeated = "RÉSUMÉ les équipes MIXTES réduisent les <mark>hospitalisations</mark> forcees"
    assert distinct_snippets("Titre", {"summary": [summary], "files_text": [repeated]}) == [summary]


def test_a_summary_fragment_is_kept_when_the_files_say_nothing():
    assert distinct_snippets(TITLE, {"summary": [SUMMARY]}) == [SUMMARY]
    assert distinct_snippets(TITLE, {}) == []


def test_a_file_fragment_opening_with_the_title_keeps_only_what_follows_it():
    fragment = (
        "Grille d&#x27;évaluation du risque en <mark>violence</mark> conjugale\nRésumé\n"
        "L&#x27;évaluation compare 22 districts ayant adopté la grille …"
    )
    title = "Grille d'évaluation du risque en violence conjugale"
    assert distinct_snippets(title, {"files_text": [fragment]}) == [
        "L&#x27;évaluation compare 22 districts ayant adopté la grille …"
    ]


def test_a_fragment_that_only_starts_like_the_title_is_kept_whole():
    fragment = "Violence conjugale : les <mark>appels</mark> de nuit ont doublé"
    assert distinct_snippets(TITLE, {"files_text": [fragment]}) == [fragment]


def test_a_title_repeated_on_the_cover_and_as_first_heading_is_cut_twice():
    title = "Formation des patrouilleurs aux situations de crise à Québec"
    fragment = (
        f"{title}\n{title}\nLa formation à la <mark>désescalade</mark> a été suivie par 240 "
        "patrouilleurs."
    )
    assert distinct_snippets(title, {"files_text": [fragment]}) == [
        "La formation à la <mark>désescalade</mark> a été suivie par 240 patrouilleurs."
    ]
