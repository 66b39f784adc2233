"""The relevance measure: the judged queries (bench/relevance_queries.py) over the demo content,
searched by words only, by meaning only and both (hybrid), as the portal answers them.

The demo is published, its files extracted, every item embedded by the worker's own code and
the index rebuilt, in this stage's scratch database. Each query is searched for an unrestricted
viewer with the thesaurus on (the portal's default). Per class: success@3 (a target in the
first three), MRR (of the first target within ten) and nDCG@10 (targets 2, related studies 1).
"""

from __future__ import annotations

import math
import time

from django.core.management import call_command

from bench.relevance_queries import JUDGED, Judged
from research.access import Viewer
from research.models import ExtractionStatus, ResearchDocument, ResearchPage
from search.backends import get_search_backend
from search.embedding import current_embedder, query_vector
from search.indexing import live_items, rebuild_index
from search.item_embeddings import embed_items
from search.query import SearchRequest
from search.service import search
from search.thesaurus import current_thesaurus
from worker.ingest import process_document

EVERYONE = Viewer(unrestricted=True)
DEPTH = 10
MODES = ("keyword", "vector", "hybrid")


def measure_relevance() -> dict:
    timings = prepare_demo()
    ids = dict(ResearchPage.objects.values_list("slug", "pk"))
    rows = [judge(query, ids) for query in JUDGED]
    return {"timings": timings, "classes": summarise(rows), "queries": rows}


def prepare_demo() -> dict:
    started = time.perf_counter()
    call_command("seed_demo", verbosity=0)
    seeded = time.perf_counter()
    for document in ResearchDocument.objects.filter(status=ExtractionStatus.PENDING):
        process_document(document.pk, document.version)
    extracted = time.perf_counter()
    embedded = embed_items(live_items().values_list("pk", flat=True))
    done = time.perf_counter()
    rebuild_index()
    return {
        "seed_s": round(seeded - started, 1),
        "extract_s": round(extracted - seeded, 1),
        "embed_s": round(done - extracted, 1),
        "passages": embedded.passages,
        "passages_per_s": round(embedded.passages / max(done - extracted, 1e-9), 1),
        "items_embedded": len(embedded.embedded),
    }


def judge(query: Judged, ids: dict[str, int]) -> dict:
    grades = {ids[slug]: 1 for slug in query.related} | {ids[slug]: 2 for slug in query.targets}
    ranked = {mode: ranking(query.text, mode) for mode in MODES}
    return {
        "kind": query.kind,
        "text": query.text,
        **{mode: scores(found, grades) for mode, found in ranked.items()},
    }


def ranking(text: str, mode: str) -> list[int]:
    request = SearchRequest(
        text=text, viewer=EVERYONE, size=DEPTH, thesaurus=current_thesaurus(), mode="hybrid"
    )
    if mode == "vector":
        vector = query_vector(text)
        if vector is None:
            return []
        matches = get_search_backend().nearest(request, vector, current_embedder().name, DEPTH)
        return [match.id for match in matches]
    if mode == "keyword":
        request = SearchRequest(
            text=text, viewer=EVERYONE, size=DEPTH, thesaurus=current_thesaurus(), mode="keyword"
        )
    return [hit.id for hit in search(request).hits]


def scores(found: list[int], grades: dict[int, int]) -> dict:
    first = next((rank for rank, doc_id in enumerate(found, 1) if grades.get(doc_id) == 2), None)
    gains = [grades.get(doc_id, 0) for doc_id in found[:DEPTH]]
    ideal = sorted(grades.values(), reverse=True)[:DEPTH]
    return {
        "success3": 1.0 if first is not None and first <= 3 else 0.0,
        "rr": 1.0 / first if first else 0.0,
        "ndcg10": _dcg(gains) / _dcg(ideal) if ideal else 0.0,
        "first": first,
    }


def _dcg(gains: list[int]) -> float:
    return sum((2**gain - 1) / math.log2(rank + 1) for rank, gain in enumerate(gains, 1))


def summarise(rows: list[dict]) -> dict:
    classes: dict[str, dict] = {}
    for kind in ("fr", "en", "fr-en", "en-fr"):
        chosen = [row for row in rows if row["kind"] == kind]
        classes[kind] = {"queries": len(chosen)} | {
            mode: {
                "success@3": round(_mean(row[mode]["success3"] for row in chosen), 3),
                "mrr": round(_mean(row[mode]["rr"] for row in chosen), 3),
                "ndcg@10": round(_mean(row[mode]["ndcg10"] for row in chosen), 3),
            }
            for mode in MODES
        }
    return classes


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0
