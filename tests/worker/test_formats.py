"""Each supported format gives back its text, French accents included, with its language."""

import pytest

from worker.extract import extract_text

from . import samples
from .samples import ENGLISH, FRENCH, LONG_FRENCH


def test_pdf_text_comes_out_page_by_page(tmp_path):
    path = samples.pdf(tmp_path / "rapport.pdf", [FRENCH, LONG_FRENCH])

    outcome = extract_text(path, "rapport.pdf")

    assert (outcome.status, outcome.reason_code) == ("indexed", "")
    assert FRENCH in outcome.text
    assert outcome.pages == 2
    assert outcome.language == "fr"
    assert outcome.mime_type == "application/pdf"
    assert outcome.characters == len(outcome.text)
    assert not outcome.truncated


def test_docx_gives_paragraphs_tables_and_headers(docx_path):
    outcome = extract_text(docx_path, "rapport.docx")

    assert outcome.status == "indexed"
    for expected in (FRENCH, LONG_FRENCH, "Côte-des-Neiges", "En-tête du rapport"):
        assert expected in outcome.text
    assert outcome.language == "fr"


def test_pptx_gives_slides_and_speaker_notes(tmp_path):
    outcome = extract_text(samples.pptx_file(tmp_path / "diapos.pptx"), "diapos.pptx")

    assert outcome.status == "indexed"
    assert FRENCH in outcome.text
    assert "Note de l'orateur : très fiable" in outcome.text
    assert outcome.pages == 1


def test_xlsx_gives_sheet_names_and_cells(tmp_path):
    outcome = extract_text(samples.xlsx_file(tmp_path / "chiffres.xlsx"), "chiffres.xlsx")

    assert outcome.status == "indexed"
    for expected in ("Données été", "Montréal-Nord\t1234", FRENCH):
        assert expected in outcome.text


def test_odt_gives_headings_and_paragraphs(tmp_path):
    outcome = extract_text(samples.odt_file(tmp_path / "rapport.odt"), "rapport.odt")

    assert outcome.status == "indexed"
    assert outcome.mime_type == "application/vnd.oasis.opendocument.text"
    assert FRENCH in outcome.text
    assert LONG_FRENCH in outcome.text


def test_html_gives_visible_text_only(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(samples.html_text(), encoding="utf-8")

    outcome = extract_text(path, "page.html")

    assert outcome.status == "indexed"
    assert outcome.mime_type == "text/html"
    for expected in ("Rapport été", FRENCH, LONG_FRENCH, "Fin du été & rapport"):
        assert expected in outcome.text
    assert "secret" not in outcome.text
    assert "color" not in outcome.text


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "cp1252"],
)
def test_text_files_are_decoded_whatever_their_charset(tmp_path, encoding):
    path = tmp_path / "notes.txt"
    path.write_bytes(f"{FRENCH}\n{LONG_FRENCH}\n".encode(encoding))

    outcome = extract_text(path, "notes.txt")

    assert outcome.status == "indexed"
    assert outcome.text == f"{FRENCH}\n{LONG_FRENCH}"
    assert outcome.mime_type == "text/plain"


def test_markdown_is_read_as_text(tmp_path):
    path = tmp_path / "lisez-moi.md"
    path.write_text(f"# {ENGLISH}\n\n* police *stops* in Montréal\n", encoding="utf-8")

    outcome = extract_text(path, "lisez-moi.md")

    assert outcome.status == "indexed"
    assert outcome.mime_type == "text/markdown"
    assert outcome.text.startswith(f"# {ENGLISH}")
    assert outcome.language == "en"


def test_language_is_other_for_short_or_foreign_text(tmp_path):
    german = tmp_path / "bericht.txt"
    german.write_text(
        "Die Polizei hat gestern eine ausführliche Studie über Kontrollen veröffentlicht."
    )
    short = tmp_path / "court.txt"
    short.write_text("bonjour")

    assert extract_text(german, "bericht.txt").language == "other"
    assert extract_text(short, "court.txt").language == "other"


def test_same_content_gives_same_sha256_whatever_the_name(docx_path):
    first = extract_text(docx_path, "a.docx")
    second = extract_text(docx_path, "b.docx")

    assert first.sha256 == second.sha256
    assert len(first.sha256) == 64
