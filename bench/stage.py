"""`python -m bench.stage NAME RESULT.json ARGS-JSON`: one step of the suite in its own process.

Each step runs with the environment the suite gives it (database, scratch folder, broker), so
corpora of different sizes and databases never share a process, and memory peaks are clean.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

# Step name → (module, function); the function takes the JSON arguments as keywords.
STAGES = {
    "migrate": ("bench.corpus.loading", "migrate"),
    "load": ("bench.corpus.loading", "load_corpus"),
    "embed": ("bench.corpus.vectors", "embed_corpus"),
    "search": ("bench.measures.search", "measure_search"),
    "peer": ("bench.measures.peer", "measure_peer"),
    "files": ("bench.corpus.files", "build_file_corpus"),
    "extraction": ("bench.measures.extraction", "measure_extraction"),
    "freshness": ("bench.measures.freshness", "measure_freshness"),
    "memory": ("bench.measures.memory", "measure_memory"),
    "node": ("bench.measures.cluster", "node_figures"),
    "drop_index": ("bench.measures.cluster", "drop_index"),
    "relevance": ("bench.measures.relevance", "measure_relevance"),
}

# Steps that need neither the database nor settings: no need to start Django.
WITHOUT_DJANGO = {"files", "extraction"}


def main() -> None:
    name, result_path, arguments = sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])
    if name not in WITHOUT_DJANGO:
        import django

        django.setup()
    module_name, function_name = STAGES[name]
    function = getattr(importlib.import_module(module_name), function_name)
    result_path.write_text(json.dumps(function(**arguments), ensure_ascii=False))


if __name__ == "__main__":
    main()
