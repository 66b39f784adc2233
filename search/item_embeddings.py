"""The worker's embedding of research items: passages → vectors, stored, then indexed.

Chained after indexing (search.tasks): an item whose passages changed since they were last
embedded (content hash) is embedded again and stored in ItemEmbedding with an outbox row, in
one transaction; the same task then applies those rows, so the index takes its vectors (should
that fail, the reconcile sends the rows again). Nothing here runs in the request of the person
publishing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from django.db import transaction

from search.documents import build_search_document
from search.embedding import current_embedder, item_passages, passages_hash
from search.index_changes import apply_index_changes
from search.indexing import CHUNK_SIZE, french_path, indexable_items, live_items
from search.models import IndexChange, ItemEmbedding

logger = logging.getLogger(__name__)


@dataclass
class EmbeddingResult:
    embedded: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    passages: int = 0
    problem: str = ""


def embed_items(ids: Iterable[int]) -> EmbeddingResult:
    """Embed the live items among `ids` whose passages changed; index those again."""
    result = EmbeddingResult()
    embedder = current_embedder()
    if embedder is None:
        result.problem = "no embedding model"
        return result
    wanted = sorted({int(pk) for pk in ids})
    for start in range(0, len(wanted), CHUNK_SIZE):
        items = indexable_items().filter(pk__in=wanted[start : start + CHUNK_SIZE])
        for item in items:
            passages, digest = current_passages(item, embedder.name)
            stored = getattr(item, "embedding", None) if _has_embedding(item) else None
            if stored is not None and stored.content_hash == digest:
                result.unchanged.append(item.pk)
                continue
            matrix = (
                embedder.embed_passages(passages)
                if passages
                else np.zeros((0, embedder.dimension), dtype=np.float32)
            )
            with transaction.atomic():
                ItemEmbedding.objects.update_or_create(
                    item_id=item.pk,
                    defaults={
                        "model": embedder.name,
                        "content_hash": digest,
                        "passages": passages,
                        "vectors": np.ascontiguousarray(matrix, dtype=np.float32).tobytes(),
                        "dimension": embedder.dimension,
                    },
                )
                IndexChange.objects.create(item_id=item.pk, change="embedding its passages")
            result.embedded.append(item.pk)
            result.passages += len(passages)
    if result.embedded:
        apply_index_changes(result.embedded)
    logger.info(
        "search: embedded items %s (%d passages), unchanged %s",
        result.embedded,
        result.passages,
        result.unchanged,
    )
    return result


def current_passages(item, model: str) -> tuple[list[str], str]:
    """What is embedded of the item as it stands, and their hash for this model: the stored
    embedding is current when its content_hash is this one."""
    passages = item_passages(build_search_document(item, url=french_path(item), version=0))
    return passages, passages_hash(passages, model)


def _has_embedding(item) -> bool:
    try:
        item.embedding  # noqa: B018
    except ItemEmbedding.DoesNotExist:
        return False
    return True


def items_to_embed(limit: int = 1000) -> list[int]:
    """Live items with no vectors of the current model: the reconcile sends them again (the
    model was away, or changed)."""
    embedder = current_embedder()
    if embedder is None:
        return []
    current = ItemEmbedding.objects.filter(model=embedder.name).values("item_id")
    return list(
        live_items().exclude(pk__in=current).order_by("pk").values_list("pk", flat=True)[:limit]
    )
