"""What the cluster engine costs on its node: heap and resident memory, and the index's size.

Read from the node's own statistics (`_nodes/stats`, `_stats`); the resident memory is read from
/proc, so it is known only for a node on this machine (the test node, a local install).
"""

from __future__ import annotations

from pathlib import Path

from bench.stats import process_tree_rss_mib

MIB = 1024 * 1024


def node_figures(url: str, alias: str) -> dict:
    from search.backends.opensearch import make_client

    client = make_client(url)
    client.indices.refresh(index=alias)
    (node,) = client.nodes.stats(metric="jvm")["nodes"].values()
    (info,) = client.nodes.info(metric="process")["nodes"].values()
    heap = node["jvm"]["mem"]
    store = client.indices.stats(index=alias, metric="store,docs")["_all"]["primaries"]
    return {
        "heap_used_mib": round(heap["heap_used_in_bytes"] / MIB, 1),
        "heap_max_mib": round(heap["heap_max_in_bytes"] / MIB, 1),
        "rss_mib": _rss_mib(info.get("process", {}).get("id")),  # None: not on this machine
        "index_bytes": store["store"]["size_in_bytes"],
        "documents": store["docs"]["count"],
    }


def _rss_mib(pid: int | None) -> float | None:
    if not pid or not Path(f"/proc/{pid}").exists():
        return None
    return process_tree_rss_mib(int(pid))


def drop_index(url: str, alias: str) -> dict:
    from search.backends.opensearch import make_client

    make_client(url).indices.delete(index=f"{alias}-v*", ignore=404)
    return {}
