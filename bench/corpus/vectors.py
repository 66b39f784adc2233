"""The `embed` step: passage vectors for the synthetic corpus, without embedding 100,000 items.

Embedding every passage with the real model would take hours at 100,000 items (about 350,000
passages; the generator recombines demo sentences with a fifth of their words replaced, so no
two passages are alike). Instead, the demo sentences of both languages (a few hundred) are
embedded once with the configured model, and each passage's vector is the mean of three of
them (chosen from a hash of the passage's text) plus small deterministic noise, renormalised.
The passages, their hash and the model's name are the product's own (search.embedding), so the
rebuild takes these vectors as it takes real ones, and a query's vector is computed by the real
model in the measured request. Similarities therefore sit on the model's scale; what is
measured is speed and memory, not relevance (the relevance measure embeds for real).
"""

from __future__ import annotations

import hashlib
import time

import numpy as np

from bench.corpus.language import LANGUAGES, language
from search.documents import build_search_document
from search.embedding import current_embedder, item_passages, passages_hash
from search.indexing import CHUNK_SIZE, indexable_items
from search.models import ItemEmbedding

SOURCES_PER_PASSAGE = 3
NOISE = 0.02  # per dimension: about 0.93 similarity between a passage and its sources' mean


def embed_corpus() -> dict:
    """Vectors for every live item that has none yet (the items the last load appended)."""
    embedder = current_embedder()
    if embedder is None:
        raise RuntimeError("The bench's vectors need the embedding model (SEARCH_EMBEDDER).")
    started = time.perf_counter()
    pools = {code: embedder.embed_passages(language(code).sentences) for code in LANGUAGES}
    pool_seconds = time.perf_counter() - started
    items = passages = 0
    pending = indexable_items().filter(embedding__isnull=True)
    ids = list(pending.values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK_SIZE):
        rows = []
        for item in indexable_items().filter(pk__in=ids[start : start + CHUNK_SIZE]):
            doc = build_search_document(item, url="", version=0)
            texts = item_passages(doc)
            pool = pools.get(doc.language, pools["fr"])
            matrix = np.stack([_vector(text, pool) for text in texts]) if texts else None
            if matrix is None:
                continue
            rows.append(
                ItemEmbedding(
                    item_id=item.pk,
                    model=embedder.name,
                    content_hash=passages_hash(texts, embedder.name),
                    passages=texts,
                    vectors=matrix.astype(np.float32).tobytes(),
                    dimension=embedder.dimension,
                )
            )
            passages += len(texts)
        ItemEmbedding.objects.bulk_create(rows, batch_size=500)
        items += len(rows)
    return {
        "kind": "derived: the mean of 3 real embeddings of demo sentences plus noise",
        "model": embedder.name,
        "pool_sentences": sum(len(pool) for pool in pools.values()),
        "pool_seconds": round(pool_seconds, 2),
        "items": items,
        "passages": passages,
        "seconds": round(time.perf_counter() - started, 2),
    }


def _vector(text: str, pool: np.ndarray) -> np.ndarray:
    seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")
    rng = np.random.default_rng(seed)
    sources = pool[rng.integers(0, len(pool), SOURCES_PER_PASSAGE)].mean(axis=0)
    vector = sources / np.linalg.norm(sources) + rng.normal(0.0, NOISE, pool.shape[1])
    return vector / np.linalg.norm(vector)
