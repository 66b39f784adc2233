"""The benchmark suite at a tiny size: every step runs for real and writes a complete report.

No timing is asserted (the machine decides those); the test checks that each measure ran on
what it claims to measure and that the report shows it. The comparison with Wagtail's search
needs PostgreSQL and is left to `make bench`.
"""

import json

import pytest

from bench.suite import Options, run

pytestmark = pytest.mark.slow

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def small_server(monkeypatch):
    # One gunicorn worker is plenty for a handful of requests.
    monkeypatch.setenv("GUNICORN_WORKERS", "1")
    monkeypatch.setenv("GUNICORN_THREADS", "4")


def test_every_measure_but_the_peer_at_tiny_size(tmp_path, small_server):
    options = Options(
        sizes=[25],
        rounds=1,
        queries=6,
        measures=("search", "extraction", "freshness", "memory"),
        freshness_rounds=1,
        generated_pages=12,
        real_pdfs=False,
        big_pdf_pages=30,
        workdir=tmp_path / "work",
        output=tmp_path / "results",
        # Kombu's filesystem transport: the freshness measure's worker needs no Redis here.
        broker_url="filesystem://",
    )
    run(options)
    results = json.loads((tmp_path / "results" / "latest.json").read_text())

    corpus = results["sizes"]["25"]
    assert corpus["load"]["items"] == corpus["rebuild"]["items"] == 25
    assert corpus["rebuild"]["live_segment_bytes"] > 0
    # Every item got passage vectors (derived from real embeddings), so search ranks by meaning.
    assert corpus["vectors"]["items"] == 25
    assert corpus["vectors"]["passages"] >= 2 * 25
    search = corpus["search"]
    assert (search["errors"], search["queries"]) == ([], 6)
    for series in ("api_c1", "api_c4", "page_c1", "page_c4", "engine", "engine_bare"):
        assert search["latency"][series]["n"] == 6, series
    # The API answered with the engine's own totals, and some query found items.
    assert search["api_totals_agree"] is True
    assert search["bare_totals_agree"] is True
    assert max(search["totals"]) > 0

    extraction = results["extraction"]
    assert extraction["pages"] >= 12
    assert extraction["pypdfium2"]["characters"] > 1000
    assert extraction["pdfminer"]["characters"] > 1000
    assert extraction["worker_path"]["docx"]["statuses"] == {"indexed": 6}

    freshness = results["freshness"]
    (upload,) = freshness["rounds"]
    assert (freshness["pages"], upload["pages"]) == (25, 25)
    assert freshness["embedder"] == "multilingual-e5-small-q4"
    # Found by its made-up word once extracted, and by meaning once the vectors of its text are
    # stored (their time is the worker's record, to within the clocks' resolution).
    assert 0 < upload["extracted_seconds"] <= upload["words_seconds"]
    assert upload["extracted_seconds"] < upload["embedded_seconds"]
    assert upload["extracted_seconds"] < upload["meaning_seconds"]
    assert upload["meaning_rank"] is not None
    assert upload["meaning_similarity"] >= 0.78
    assert freshness["searchable_seconds"]["p95"] == round(upload["searchable_seconds"], 2)

    memory = results["memory"]
    assert (memory["status"], memory["pdf_pages"]) == ("indexed", 30)
    assert memory["child_peak_mib"] > 0

    report = (tmp_path / "results" / "report.md").read_text()
    for heading in ("## Targets", "## Full rebuild", "## PDF extraction", "## Freshness"):
        assert heading in report
    assert "| Facet cost: full p95 ÷ bare p95 |" in report
    for image in ("latency-distribution.png", "latency-vs-size.png"):
        assert (tmp_path / "results" / image).read_bytes().startswith(PNG_SIGNATURE)
        assert f"![{image}]({image})" in report
    assert not (tmp_path / "work").exists(), "the scratch folder is removed after the run"
