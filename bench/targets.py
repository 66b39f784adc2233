"""The issue's targets, checked against one run's results (None when a measure did not run)."""

from __future__ import annotations

from dataclasses import dataclass

from bench.stats import ratio


@dataclass(frozen=True)
class Check:
    measure: str
    value: float | None
    unit: str
    target: str
    met: bool | None


def checks(results: dict) -> list[Check]:
    found: list[Check] = []
    sizes = results.get("sizes") or {}
    largest = sizes[max(sizes, key=int)] if sizes else {}
    label = f"{int(max(sizes, key=int)):,} items" if sizes else ""
    search = largest.get("search")
    if search:
        latency = search["latency"]
        for name, text in (("api_c1", "1 client"), ("api_c4", "4 clients")):
            found.append(_at_most(f"API p95, {label}, {text}", latency[name]["p95"], "ms", 100))
        for name, text in (("page_c1", "1 client"), ("page_c4", "4 clients")):
            found.append(
                _at_most(f"Search page p95, {label}, {text}", latency[name]["p95"], "ms", 200)
            )
        engine = latency["engine"]["p95"]
        found.append(
            _at_most(
                "API p95 ÷ engine p95 (1 client)", ratio(latency["api_c1"]["p95"], engine), "×", 3
            )
        )
        found.append(
            _at_most(
                "Facet cost: full p95 ÷ bare p95",
                ratio(engine, latency["engine_bare"]["p95"]),
                "×",
                2,
            )
        )
    if results.get("peer"):
        peer = results["peer"]
        found.append(
            _at_most(
                f"Passerelle API p95 ÷ Wagtail search p95 ({peer['items']:,} items)",
                peer["p95_ratio"],
                "×",
                0.2,
            )
        )
    if results.get("extraction"):
        found.append(
            _at_least(
                "pypdfium2 ÷ pdfminer.six pages/s", results["extraction"]["speed_ratio"], "×", 10
            )
        )
    freshness = results.get("freshness")
    if freshness:
        found.append(
            _at_most(
                f"Freshness, {freshness['pages']}-page PDF upload → words and meaning "
                "searchable, p95",
                freshness["searchable_seconds"]["p95"],
                "s",
                5,
            )
        )
    rebuild = largest.get("rebuild")
    if rebuild:
        found.append(
            _at_most(f"Index on disk ÷ live segments, {label}", rebuild["size_ratio"], "×", 1.5)
        )
    if results.get("memory"):
        found.append(
            _at_most(
                f"Worker peak memory, {results['memory']['pdf_pages']:,}-page PDF",
                results["memory"]["combined_peak_mib"],
                "MiB",
                512,
            )
        )
    relevance = (results.get("relevance") or {}).get("classes") or {}
    for kind, entry in relevance.items():
        limit = 0.9 if "-" in kind else 0.95  # across languages, within one
        hybrid = entry["hybrid"]["success@3"]
        found.append(_at_least(f"Hybrid success@3, {kind} queries", hybrid, "", limit))
        found.append(
            _at_least(
                f"Hybrid ÷ keyword success@3, {kind} queries",
                ratio(hybrid, entry["keyword"]["success@3"])
                if entry["keyword"]["success@3"]
                else None,
                "×",
                1,
            )
        )
    return found


def _at_most(measure: str, value, unit: str, limit: float) -> Check:
    return Check(measure, value, unit, f"≤ {limit:g}", None if value is None else value <= limit)


def _at_least(measure: str, value, unit: str, limit: float) -> Check:
    return Check(measure, value, unit, f"≥ {limit:g}", None if value is None else value >= limit)
