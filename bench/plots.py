"""The report's PNG plots, drawn with matplotlib (the `bench` extra) without a display."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

SERIES = {
    "api_c1": "API, 1 client",
    "api_c4": "API, 4 clients",
    "page_c1": "Search page, 1 client",
    "page_c4": "Search page, 4 clients",
    "engine": "Engine, full",
    "engine_bare": "Engine, bare",
}


def plot_distribution(results: dict, output: Path) -> Path:
    """Latency distribution (share of requests answered within x ms) at the largest size."""
    sizes = {int(size): entry for size, entry in results["sizes"].items() if "search" in entry}
    largest = max(sizes)
    panels = 2 if results.get("peer") else 1
    figure, axes = plt.subplots(1, panels, figsize=(6.5 * panels, 4.5), squeeze=False)
    samples = sizes[largest]["search"]["samples"]
    _cdf(axes[0][0], {SERIES[name]: samples[name] for name in SERIES if samples.get(name)})
    axes[0][0].set_title(f"Search, {largest:,} items")
    if results.get("peer"):
        peer = results["peer"]
        _cdf(
            axes[0][1],
            {
                "Passerelle API, 1 client": peer["samples"]["passerelle_api_c1"],
                "Wagtail search + facets": peer["samples"]["wagtail_search"],
            },
        )
        axes[0][1].set_title(f"Against Wagtail's search, PostgreSQL, {peer['items']:,} items")
    figure.tight_layout()
    path = output / "latency-distribution.png"
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def plot_size(results: dict, output: Path) -> Path:
    """p50 (dashed) and p95 (solid) latency of each series against the number of items."""
    sizes = sorted(
        (int(size), entry["search"]["latency"])
        for size, entry in results["sizes"].items()
        if "search" in entry
    )
    figure, axis = plt.subplots(figsize=(7.5, 4.8))
    for name, title in SERIES.items():
        xs = [size for size, latency in sizes if latency.get(name, {}).get("p95") is not None]
        line = axis.plot(
            xs, [dict(sizes)[x][name]["p95"] for x in xs], marker="o", label=f"{title} p95"
        )
        axis.plot(
            xs, [dict(sizes)[x][name]["p50"] for x in xs], linestyle="--", color=line[0].get_color()
        )
    axis.set_xscale("log")
    axis.set_yscale("log")
    axis.set_xlabel("research items in the index")
    axis.set_ylabel("latency (ms), p95 solid, p50 dashed")
    axis.grid(True, which="both", alpha=0.3)
    axis.legend(fontsize=8)
    figure.tight_layout()
    path = output / "latency-vs-size.png"
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def _cdf(axis, series: dict[str, list[float]]) -> None:
    for title, values in series.items():
        ordered = sorted(values)
        shares = [(index + 1) / len(ordered) for index in range(len(ordered))]
        axis.step(ordered, shares, where="post", label=title)
    axis.set_xscale("log")
    axis.set_xlabel("latency (ms)")
    axis.set_ylabel("share of requests answered")
    axis.axhline(0.95, color="grey", linewidth=0.8, linestyle=":")
    axis.grid(True, which="both", alpha=0.3)
    axis.legend(fontsize=8)
