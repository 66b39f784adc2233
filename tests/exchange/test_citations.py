"""Citation formats read back by independent parsers: bibtexparser, rispy, citeproc-py."""

import datetime
import json

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts

from exchange.citations import (
    CitationRecord,
    Person,
    format_apa,
    person_from_name,
    to_bibtex,
    to_csl_json,
    to_ris,
)

RECORD = CitationRecord(
    id=42,
    title="Interpellations & profilage racial : 50 % des cas {2021}",
    authors=(person_from_name("Camille Tremblay"), person_from_name("Jean de la Fontaine")),
    publisher="Service de police de la Ville de Montréal",
    published=datetime.date(2023, 10, 6),
    language="fr",
    type="research-report",
    type_label="Rapport de recherche",
    abstract="Analyse des interpellations\nmenées en 2021 et 2022.",
    keywords=("Profilage racial et social", "interpellations"),
    doi="10.1234/spvm.2023.42",
    url="https://passerelle.example.org/fr/etudes/interpellations/",
    pdf_url="https://passerelle.example.org/documents/7/rapport.pdf",
    region="Montréal",
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Camille Tremblay", Person(family="Tremblay", given="Camille")),
        ("Jean de la Fontaine", Person(family="de la Fontaine", given="Jean")),
        ("Marie-Ève Côté Gagnon", Person(family="Gagnon", given="Marie-Ève Côté")),
        ("Tremblay, Camille", Person(family="Tremblay", given="Camille")),
        ("Prévention du crime Ottawa", Person(family="Ottawa", given="Prévention du crime")),
        ("SPVM", Person(literal="SPVM")),
    ],
)
def test_names_are_split_the_way_reference_managers_expect(name, expected):
    assert person_from_name(name) == expected


def test_bibtex_parses_and_holds_the_fields():
    text = to_bibtex([RECORD])
    library = bibtexparser.parse_string(
        text,
        append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors(), SplitNameParts()],
    )
    assert not library.failed_blocks
    (entry,) = library.entries
    assert entry.entry_type == "techreport"
    assert entry.key == "tremblay2023interpellations-42"
    assert entry["title"] == RECORD.title
    assert [(name.von, name.last, name.first) for name in entry["author"]] == [
        ([], ["Tremblay"], ["Camille"]),
        (["de", "la"], ["Fontaine"], ["Jean"]),
    ]
    assert entry["year"] == "2023"
    assert entry["institution"] == RECORD.publisher
    assert entry["doi"] == RECORD.doi
    assert entry["url"] == RECORD.url
    assert entry["abstract"] == "Analyse des interpellations menées en 2021 et 2022."


def test_bibtex_keeps_braces_balanced_whatever_the_text():
    hostile = CitationRecord(**{**RECORD.__dict__, "title": "}{ \\end{document} %s"})
    library = bibtexparser.parse_string(
        to_bibtex([hostile, RECORD]), append_middleware=[LatexDecodingMiddleware()]
    )
    assert not library.failed_blocks
    assert [entry.key for entry in library.entries] == [
        "tremblay2023enddocument-42",
        "tremblay2023interpellations-42",
    ]
    # Unbalanced braces cannot be escaped in BibTeX: they become parentheses.
    assert library.entries[0]["title"] == ")( \\end(document) %s"


def test_an_item_without_authors_is_cited_under_its_organisation():
    anonymous = CitationRecord(**{**RECORD.__dict__, "authors": ()})
    (entry,) = bibtexparser.parse_string(to_bibtex([anonymous])).entries
    assert entry["author"] == "{Service de police de la Ville de Montréal}"
    assert to_csl_json([anonymous])[0]["author"] == [{"literal": RECORD.publisher}]


def test_ris_parses_and_holds_the_fields():
    (entry,) = rispy.loads(to_ris([RECORD]))
    assert entry["type_of_reference"] == "RPRT"
    assert entry["title"] == RECORD.title
    assert entry["authors"] == ["Tremblay, Camille", "de la Fontaine, Jean"]
    assert entry["year"] == "2023"
    assert entry["date"] == "2023/10/06/"
    assert entry["publisher"] == RECORD.publisher
    assert entry["keywords"] == list(RECORD.keywords)
    assert entry["doi"] == RECORD.doi
    assert entry["urls"] == [RECORD.url]
    assert entry["abstract"] == "Analyse des interpellations menées en 2021 et 2022."


def test_presentations_are_slides_and_misc_entries():
    talk = CitationRecord(**{**RECORD.__dict__, "type": "conference-presentation"})
    assert rispy.loads(to_ris([talk]))[0]["type_of_reference"] == "SLIDE"
    assert bibtexparser.parse_string(to_bibtex([talk])).entries[0].entry_type == "misc"
    assert to_csl_json([talk])[0]["type"] == "speech"


def test_csl_json_is_read_by_a_citation_processor():
    from citeproc.source.json import CiteProcJSON

    items = json.loads(json.dumps(to_csl_json([RECORD])))
    source = CiteProcJSON(items)
    reference = source["42"]
    assert str(reference.title) == RECORD.title
    assert reference.issued["year"] == 2023
    assert items[0]["author"][1] == {"family": "de la Fontaine", "given": "Jean"}
    assert items[0]["DOI"] == RECORD.doi


@pytest.mark.parametrize("language", ["fr", "en"])
def test_apa_reference(language):
    (reference,) = format_apa([RECORD], language)
    assert reference.startswith("Tremblay, C.")
    assert "(2023)" in reference
    assert "<i>Interpellations &amp; profilage racial" in reference
    assert "https://doi.org/10.1234/spvm.2023.42" in reference


def test_apa_reference_escapes_markup_in_the_data():
    hostile = CitationRecord(**{**RECORD.__dict__, "title": "<script>alert(1)</script>"})
    (reference,) = format_apa([hostile], "fr")
    assert "<script>" not in reference
    assert "&lt;script&gt;" in reference
