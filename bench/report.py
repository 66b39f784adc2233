"""One run's results → bench/results/latest.json, report.md and the PNG plots beside it."""

from __future__ import annotations

import json
from pathlib import Path

from bench.plots import plot_distribution, plot_size
from bench.targets import checks

# Paths in the results are written relative to the project, the same on every checkout.
ROOT = Path(__file__).resolve().parents[1]

SERIES_TITLES = {
    "api_c1": "API, 1 client",
    "api_c4": "API, 4 clients",
    "page_c1": "Search page, 1 client",
    "page_c4": "Search page, 4 clients",
    "engine": "Engine (facets, histogram, highlights)",
    "engine_bare": "Engine, bare query",
    "query_embedding": "Query embedding (uncached)",
    "nearest": "Nearest passages (vectors alone)",
    "hybrid": "Hybrid search in process (query vector cached)",
}
REPRODUCE = "make bench                      # or: BENCH_SIZES=1000,10000 make bench"


def write_report(results: dict, output: Path) -> None:
    output.mkdir(parents=True, exist_ok=True)
    portable = json.dumps(results, ensure_ascii=False, indent=1).replace(f"{ROOT}/", "")
    (output / "latest.json").write_text(portable + "\n")
    images = []
    if results.get("sizes") and any("search" in entry for entry in results["sizes"].values()):
        images += [plot_distribution(results, output), plot_size(results, output)]
    (output / "report.md").write_text(markdown(results, [image.name for image in images]))


def markdown(results: dict, images: list[str]) -> str:
    machine = results["machine"]
    lines = [
        "# Passerelle benchmarks",
        "",
        f"Run from {results['started']} to {results['finished']} on {machine['cpus']} CPUs "
        f"({machine['cpu_model']}), {machine['memory_gib']} GiB, Python {machine['python']}, "
        f"{machine['system']}; load average at start {machine['load_average_at_start']}.",
        "",
        f"Reproduce: `{REPRODUCE}`",
        "",
        "## Targets",
        "",
        *target_table(results),
    ]
    lines += _size_sections(results)
    if results.get("peer"):
        lines += _peer_section(results["peer"])
    if results.get("extraction"):
        lines += _extraction_section(results["extraction"])
    if results.get("freshness"):
        lines += _freshness_section(results["freshness"])
    if results.get("memory"):
        lines += _memory_section(results["memory"])
    if results.get("relevance"):
        lines += _relevance_section(results["relevance"])
    lines += ["", *[f"![{name}]({name})" for name in images]]
    return "\n".join(lines) + "\n"


def _relevance_section(relevance: dict) -> list[str]:
    timings = relevance["timings"]
    rows = [
        [kind, entry["queries"], mode, *entry[mode].values()]
        for kind, entry in relevance["classes"].items()
        for mode in RELEVANCE_MODES
    ]
    return [
        "",
        "## Relevance (judged queries over the demo content)",
        "",
        f"{timings['passages']} passages embedded in {timings['embed_s']} s "
        f"({timings['passages_per_s']} passages/s).",
        "",
        *table(["class", "queries", "mode", "success@3", "MRR", "nDCG@10"], rows),
    ]


def target_table(results: dict) -> list[str]:
    rows = [
        [check.measure, _number(check.value, check.unit), check.target, _verdict(check.met)]
        for check in checks(results)
    ]
    return table(["measure", "value", "target", "met"], rows)


def table(headers: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def _size_sections(results: dict) -> list[str]:
    sizes = results.get("sizes") or {}
    if not sizes:
        return []
    lines = ["", "## Search latency by corpus size (ms)", ""]
    rows = []
    for size, entry in sorted(sizes.items(), key=lambda pair: int(pair[0])):
        for name, values in (entry.get("search") or {}).get("latency", {}).items():
            rows.append([f"{int(size):,}", SERIES_TITLES.get(name, name), values["n"],
                         values["p50"], values["p95"], values["max"]])  # fmt: skip
    lines += table(["items", "series", "requests", "p50", "p95", "max"], rows)
    lines += ["", "## Full rebuild (`search_reindex`)", ""]
    rows = [
        [f"{int(size):,}", entry["rebuild"]["seconds"], entry["rebuild"].get("cpu_seconds"),
         entry["rebuild"]["items_per_second"],
         entry["rebuild"]["peak_rss_mib"], _mib(entry["rebuild"]["index_bytes"]),
         entry["rebuild"]["segments"], entry["rebuild"]["size_ratio"]]
        for size, entry in sorted(sizes.items(), key=lambda pair: int(pair[0]))
    ]  # fmt: skip
    lines += table(
        ["items", "seconds", "CPU seconds", "items/s", "peak memory (MiB)", "index (MiB)",
         "segments", "on disk ÷ live segments"], rows,
    )  # fmt: skip
    return lines + _engines_section(sizes)


def _engines_section(sizes: dict) -> list[str]:
    """The embedded engine and OpenSearch side by side, where the run measured both."""
    measured = [(size, entry) for size, entry in sizes.items() if entry.get("opensearch")]
    if not measured:
        return []
    lines = ["", "## Embedded engine and OpenSearch side by side", ""]
    rows = []
    for size, entry in sorted(measured, key=lambda pair: int(pair[0])):
        cluster = entry["opensearch"]
        node = cluster.get("node_after_search") or cluster["node_after_rebuild"]
        for engine, figures in (("embedded (tantivy)", entry), ("OpenSearch", cluster)):
            latency = (figures.get("search") or {}).get("latency", {})
            p95 = [latency.get(name, {}).get("p95", "—") for name in ("api_c1", "api_c4", "engine")]
            if engine == "OpenSearch":
                memory = f"node heap {node['heap_used_mib']} of {node['heap_max_mib']}, RSS "
                memory += f"{node['rss_mib']}"
                index = _mib(node["index_bytes"])
            else:
                memory = f"rebuild peak {entry['rebuild']['peak_rss_mib']}"
                index = _mib(entry["rebuild"]["index_bytes"])
            rows.append([f"{int(size):,}", engine, *p95, figures["rebuild"]["items_per_second"],
                         memory, index])  # fmt: skip
    lines += table(
        ["items", "engine", "API p95, 1 client", "API p95, 4 clients", "engine p95",
         "rebuild items/s", "memory (MiB)", "index (MiB)"], rows,
    )  # fmt: skip
    return lines


def _peer_section(peer: dict) -> list[str]:
    latency = peer["latency"]
    lines = [
        "",
        f"## Passerelle against Wagtail's database search (PostgreSQL, {peer['items']:,} items)",
        "",
        *table(
            ["engine", "p50 (ms)", "p95 (ms)", "max (ms)"],
            [
                ["Passerelle API over HTTP, 1 client", *_pmx(latency["passerelle_api_c1"])],
                ["Wagtail `.search()` + `.facet()`, in process", *_pmx(latency["wagtail_search"])],
            ],
        ),
        "",
        "Result counts per query (Wagtail searches title, summary, key findings and region; "
        "Passerelle also the body and the files' text, with French and English stemming):",
        "",
    ]
    rows = [
        [f"`{entry['query']}`", entry["passerelle"], entry["wagtail"]] for entry in peer["counts"]
    ]
    return lines + table(["query", "Passerelle", "Wagtail"], rows)


def _extraction_section(extraction: dict) -> list[str]:
    rows = [
        [
            name,
            extraction[key]["seconds"],
            extraction[key]["pages_per_second"],
            extraction[key]["characters"],
        ]
        for name, key in (("pypdfium2 (the worker's)", "pypdfium2"), ("pdfminer.six", "pdfminer"))
    ]
    worker_rows = [
        [
            kind,
            entry["files"],
            entry["pages"],
            entry["seconds"],
            entry["documents_per_second"],
            entry["pages_per_second"],
        ]
        for kind, entry in extraction["worker_path"].items()
    ]
    return [
        "",
        f"## PDF extraction ({extraction['pdfs']} PDFs, {extraction['pages']} pages)",
        "",
        *table(["library", "seconds", "pages/s", "characters"], rows),
        "",
        "The worker's full path (type detection, sandboxed child process, language detection):",
        "",
        *table(["format", "files", "pages", "seconds", "documents/s", "pages/s"], worker_rows),
    ]


def _freshness_section(freshness: dict) -> list[str]:
    series = [
        ["words", *_seconds(freshness["words_seconds"])],
        ["meaning", *_seconds(freshness["meaning_seconds"])],
        ["words and meaning", *_seconds(freshness["searchable_seconds"])],
    ]
    rows = [
        [entry["name"], entry["publish_seconds"], entry["extracted_seconds"],
         entry["words_seconds"], entry["embedded_seconds"], entry["meaning_seconds"],
         entry["meaning_similarity"]]
        for entry in freshness["rounds"]
    ]  # fmt: skip
    return [
        "",
        f"## Freshness ({freshness['pages']}-page PDF upload → searchable, "
        f"{len(freshness['rounds'])} uploads)",
        "",
        f"One item at a time on an idle worker ({freshness['processes']} processes), embedding "
        f"model {freshness['embedder']}; the clock starts when the upload commits (Wagtail's "
        "publishing not counted) and stops when a search finds the item's made-up word "
        "(words), and when its embedding is current and a hybrid search close in meaning "
        f"finds it (meaning). Load average at the end: {freshness['load_average_at_end']}.",
        "",
        *table(["searchable by", "p50 s", "p95 s", "max s"], series),
        "",
        *table(
            [
                "upload",
                "publishing s",
                "extracted s",
                "words s",
                "vectors stored s",
                "meaning s",
                "similarity",
            ],
            rows,
        ),
    ]


def _seconds(values: dict) -> list:
    return [values["p50"], values["p95"], values["max"]]


def _memory_section(memory: dict) -> list[str]:
    return [
        "",
        f"## Worker memory, one {memory['pdf_pages']:,}-page PDF",
        "",
        *table(
            [
                "status",
                "reason",
                "seconds",
                "worker before (MiB)",
                "worker peak (MiB)",
                "extraction child peak (MiB)",
                "sum (MiB)",
            ],
            [
                [
                    memory["status"],
                    memory["reason_code"] or "—",
                    memory["seconds"],
                    memory["worker_before_mib"],
                    memory["worker_peak_mib"],
                    memory["child_peak_mib"],
                    memory["combined_peak_mib"],
                ]
            ],
        ),
    ]


def _pmx(values: dict) -> list:
    return [values["p50"], values["p95"], values["max"]]


def _number(value, unit: str) -> str:
    if value is None:
        return "—"
    return f"{value:g} {unit}" if unit != "×" else f"{value:g}×"


def _verdict(met: bool | None) -> str:
    return {True: "yes", False: "**no**", None: "not measured"}[met]


def _mib(size: int) -> float:
    return round(size / 1024 / 1024, 1)


RELEVANCE_MODES = ("keyword", "vector", "hybrid")


def relevance_table(classes: dict) -> str:
    """The per-class scores as a plain-text table."""
    lines = [f"{'class':8}{'n':>4}  {'mode':8}{'success@3':>10}{'MRR':>8}{'nDCG@10':>9}"]
    for kind, entry in classes.items():
        for mode in RELEVANCE_MODES:
            scores_ = entry[mode]
            lines.append(
                f"{kind:8}{entry['queries']:>4}  {mode:8}{scores_['success@3']:>10.3f}"
                f"{scores_['mrr']:>8.3f}{scores_['ndcg@10']:>9.3f}"
            )
    return "\n".join(lines)
