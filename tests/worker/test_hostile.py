"""Hostile and broken files end `failed` or `refused` with a reason; the caller keeps working."""

import resource
import time

import pytest

from worker.extract import Limits, extract_text
from worker.extract import docx as docx_extractor

from . import samples


def test_empty_file_fails_as_empty(tmp_path):
    path = tmp_path / "vide.pdf"
    path.write_bytes(b"")

    outcome = extract_text(path, "vide.pdf")

    assert (outcome.status, outcome.reason_code) == ("failed", "empty-file")
    assert outcome.reason == "The file is empty."


def test_encrypted_pdf_is_refused(tmp_path):
    outcome = extract_text(samples.encrypted_pdf(tmp_path / "protege.pdf"), "protege.pdf")

    assert (outcome.status, outcome.reason_code) == ("refused", "encrypted-pdf")
    assert "password" in outcome.reason
    assert outcome.text == ""


def test_pdf_cut_in_half_fails_as_truncated(tmp_path):
    whole = samples.pdf(tmp_path / "entier.pdf", [samples.LONG_FRENCH] * 5).read_bytes()
    half = tmp_path / "moitie.pdf"
    half.write_bytes(whole[: len(whole) // 2])

    outcome = extract_text(half, "moitie.pdf")

    assert (outcome.status, outcome.reason_code) == ("failed", "truncated-file")


def test_image_only_pdf_says_there_is_no_text_layer(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on this PATH
    outcome = extract_text(samples.image_only_pdf(tmp_path / "scan.pdf"), "scan.pdf")

    assert (outcome.status, outcome.reason_code) == ("failed", "no-text-layer")
    assert "OCR is not available" in outcome.reason


def test_image_only_pdf_is_read_by_ocr_when_tesseract_is_there(tmp_path, monkeypatch):
    fake = tmp_path / "bin" / "tesseract"
    fake.parent.mkdir()
    fake.write_text(
        '#!/bin/sh\nif [ "$1" = "--list-langs" ]; then printf "eng\\nfra\\nosd\\n"; exit 0; fi\n'
        'cat > /dev/null\necho "Texte reconnu par OCR : été"\n'
    )
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}:/usr/bin:/bin")

    outcome = extract_text(samples.image_only_pdf(tmp_path / "scan.pdf"), "scan.pdf")

    assert (outcome.status, outcome.reason_code) == ("indexed", "ocr")
    assert outcome.text == "Texte reconnu par OCR : été"


def test_html_named_pdf_is_refused_as_type_mismatch(tmp_path):
    path = tmp_path / "rapport.pdf"
    path.write_text(samples.html_text(), encoding="utf-8")

    outcome = extract_text(path, "rapport.pdf")

    assert (outcome.status, outcome.reason_code) == ("refused", "type-mismatch")
    assert outcome.mime_type == "text/html"


def test_unknown_binary_is_refused_as_unsupported(tmp_path):
    path = tmp_path / "photo.bin"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))

    outcome = extract_text(path, "photo.bin")

    assert (outcome.status, outcome.reason_code) == ("refused", "unsupported-type")


def test_zip_bomb_docx_is_refused_before_parsing(docx_path, tmp_path):
    bomb = samples.zip_bomb_docx(docx_path, tmp_path / "bombe.docx", megabytes=200)
    assert bomb.stat().st_size < 1024 * 1024

    started = time.monotonic()
    outcome = extract_text(bomb, "bombe.docx")

    assert (outcome.status, outcome.reason_code) == ("refused", "zip-bomb")
    assert "ratio" in outcome.detail
    assert time.monotonic() - started < 5


def test_zip_declaring_more_than_the_limit_is_refused(docx_path, tmp_path):
    bomb = samples.zip_bomb_docx(docx_path, tmp_path / "gros.docx", megabytes=3)

    outcome = extract_text(bomb, "gros.docx", Limits(zip_max_uncompressed=2 * 1024 * 1024))

    assert (outcome.status, outcome.reason_code) == ("refused", "zip-bomb")
    assert "declares" in outcome.detail


def test_billion_laughs_docx_is_refused(docx_path, tmp_path):
    laughs = samples.replace_member(
        docx_path, tmp_path / "rires.docx", "word/document.xml", samples.BILLION_LAUGHS
    )

    outcome = extract_text(laughs, "rires.docx")

    assert (outcome.status, outcome.reason_code) == ("refused", "xml-entities")


@pytest.fixture
def external_entity_docx(docx_path, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("MOT-DE-PASSE-ULTRA-SECRET")
    document = samples.external_entity_document(secret)
    return samples.replace_member(docx_path, tmp_path / "xxe.docx", "word/document.xml", document)


def test_external_entity_docx_is_refused_and_leaks_nothing(external_entity_docx):
    outcome = extract_text(external_entity_docx, "xxe.docx")

    assert (outcome.status, outcome.reason_code) == ("refused", "xml-entities")
    assert "MOT-DE-PASSE" not in repr(outcome)


def test_python_docx_alone_does_not_resolve_external_entities(external_entity_docx):
    """The second line of defence, should the pre-scan ever miss: lxml with resolve_entities off."""
    result = docx_extractor.extract_docx(external_entity_docx, Limits())

    assert "MOT-DE-PASSE" not in result.text


def test_thousands_of_pages_keep_the_first_pages_in_bounded_memory(
    thousands_of_pages_pdf, tmp_path
):
    # Load what the caller loads once per process (the language model) before measuring.
    small = tmp_path / "petit.txt"
    small.write_text("Une courte note sur les interpellations policières à Montréal.")
    extract_text(small, small.name)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    outcome = extract_text(thousands_of_pages_pdf, "tres-long.pdf")

    assert (outcome.status, outcome.reason_code) == ("indexed", "too-many-pages")
    assert outcome.truncated
    assert outcome.pages == 3000
    assert "p2000. été" in outcome.text
    assert "p2001." not in outcome.text
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 50 * 1024


def test_characters_beyond_the_limit_are_cut(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("données " * 1000)

    outcome = extract_text(path, "long.txt", Limits(max_characters=100))

    assert (outcome.status, outcome.reason_code) == ("indexed", "too-many-characters")
    assert outcome.truncated
    assert outcome.characters == 100


def test_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "gros.txt"
    path.write_text("x" * 2000)

    outcome = extract_text(path, "gros.txt", Limits(max_file_bytes=1000))

    assert (outcome.status, outcome.reason_code) == ("refused", "too-large")
    assert len(outcome.sha256) == 64


def test_slow_extraction_is_killed_at_the_time_limit(thousands_of_pages_pdf, monkeypatch):
    # The child is made to take 30 s, so the 0.3 s limit ends it on any machine.
    monkeypatch.setenv("PASSERELLE_TEST_CHILD_DELAY", "30")
    started = time.monotonic()

    outcome = extract_text(thousands_of_pages_pdf, "tres-long.pdf", Limits(seconds=0.3))

    assert (outcome.status, outcome.reason_code) == ("failed", "timeout")
    assert time.monotonic() - started < 2


def test_extraction_over_the_memory_limit_fails_as_memory(tmp_path):
    path = tmp_path / "enorme.txt"
    with path.open("wb") as stream:
        for _ in range(60):
            stream.write(b"a" * 1024 * 1024)
    limits = Limits(memory_bytes=100 * 1024 * 1024, max_characters=60_000_000)

    outcome = extract_text(path, "enorme.txt", limits)

    assert (outcome.status, outcome.reason_code) == ("failed", "memory")


def test_the_caller_keeps_working_after_hostile_files(tmp_path):
    samples.pdf(tmp_path / "ok.pdf", [samples.FRENCH])

    assert extract_text(tmp_path / "ok.pdf", "ok.pdf").status == "indexed"
