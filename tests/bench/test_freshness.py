"""The freshness measure's target, its report section, and the reports it uploads."""

from pathlib import Path

import pypdfium2

from bench.corpus.files import report_pdf
from bench.measures.freshness import TOPICS, made_up_word
from bench.report import markdown
from bench.targets import checks
from research.demo.files import Section

TARGET = "Freshness, 25-page PDF upload → words and meaning searchable, p95"


def _seconds(p95: float) -> dict:
    return {"n": 20, "p50": p95 / 2, "p95": p95, "max": p95 + 1, "mean": p95 / 2}


def _results(words_p95: float, meaning_p95: float, searchable_p95: float) -> dict:
    upload = {
        "name": "round-1", "publish_seconds": 0.1, "extracted_seconds": 0.2,
        "words_seconds": 0.6, "embedded_seconds": 3.9, "meaning_seconds": 4.2,
        "meaning_similarity": 0.81,
    }  # fmt: skip
    return {
        "started": "2026-01-01T00:00:00",
        "finished": "2026-01-01T00:05:00",
        "machine": {
            "cpus": 2,
            "cpu_model": "cpu",
            "memory_gib": 4.0,
            "python": "3.11",
            "system": "Linux",
            "load_average_at_start": [0.1, 0.1, 0.1],
        },
        "freshness": {
            "pages": 25,
            "rounds": [upload],
            "processes": 2,
            "embedder": "multilingual-e5-small-q4",
            "words_seconds": _seconds(words_p95),
            "meaning_seconds": _seconds(meaning_p95),
            "searchable_seconds": _seconds(searchable_p95),
            "load_average_at_end": [1.0, 1.0, 1.0],
        },
    }


def _check(results: dict):
    (check,) = [check for check in checks(results) if check.measure.startswith("Freshness")]
    return check


def test_the_target_is_the_p95_of_words_and_meaning_both_searchable():
    check = _check(_results(words_p95=0.7, meaning_p95=4.6, searchable_p95=4.8))
    assert (check.measure, check.value, check.unit, check.target) == (TARGET, 4.8, "s", "≤ 5")
    assert check.met is True


def test_the_target_is_missed_when_meaning_lags_although_words_are_quick():
    check = _check(_results(words_p95=0.7, meaning_p95=7.9, searchable_p95=7.9))
    assert (check.value, check.met) == (7.9, False)


def test_exactly_five_seconds_meets_the_target():
    assert _check(_results(1.0, 5.0, 5.0)).met is True


def test_no_freshness_no_check_and_the_old_ratio_is_gone():
    found = checks({"sizes": {}})
    assert not [check for check in found if "Freshness" in check.measure]
    assert not [check for check in found if "ingest" in check.measure]


def test_the_report_shows_words_and_meaning_and_each_upload():
    report = markdown(_results(0.7, 4.6, 4.8), [])
    assert "## Freshness (25-page PDF upload → searchable, 1 uploads)" in report
    assert "multilingual-e5-small-q4" in report
    assert f"| {TARGET} | 4.8 s | ≤ 5 | yes |" in report
    assert "| words | 0.35 | 0.7 | 1.7 |" in report
    assert "| meaning | 2.3 | 4.6 | 5.6 |" in report
    assert "| round-1 | 0.1 | 0.2 | 0.6 | 3.9 | 4.2 | 0.81 |" in report


def test_a_report_has_exactly_the_pages_asked_with_the_closing_on_the_last(tmp_path: Path):
    path = tmp_path / "rapport.pdf"
    word = made_up_word("test")
    opening = Section("Objet de l'étude", TOPICS[0][0])
    closing = Section("Mot témoin", f"Le mot témoin est {word}.")
    assert report_pdf(path, 4, "seed", opening, closing) == 4
    document = pypdfium2.PdfDocument(str(path))
    try:
        assert len(document) == 4
        texts = [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()
    assert "patrouilles policières à vélo" in " ".join(texts[0].split())
    assert word in texts[3]
    assert not any(word in text for text in texts[:3])


def test_made_up_words_are_letters_and_differ_between_rounds():
    words = {made_up_word(f"round-{number}") for number in range(50)}
    assert len(words) == 50
    assert all(word.isalpha() and word.islower() and len(word) == 12 for word in words)
