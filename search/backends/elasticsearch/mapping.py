"""The index definition (index-v4.json) and search document → Elasticsearch document.

Every searched text field is indexed three times from one `_source` value: `<field>.fr` (French
Snowball stemming), `<field>.en` (English Snowball stemming, Porter2) and `<field>.words` (folded,
unstemmed, for `prefix*`). The stemmers are the embedded engine's, so both count alike. All three
split words at apostrophes and drop the elided French articles, so `l'égalité` is indexed as
`égalité` and highlighted as `l'<mark>égalité</mark>`, like the embedded engine (the elision
filter alone would keep the article inside the token's offsets).

An item's passage vectors are nested documents (`passages`: `number`, `vector`) under the item,
whose `vector_model` names their model. The vector field's dimension is the model's, unknown
until the first vectors arrive: the engine adds `passages.vector` to an index's mapping then
(vector_fields), in Elasticsearch's words; the OpenSearch client layer translates them.
"""

from __future__ import annotations

import datetime
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from search.analysis import ELIDED_WORDS, FIELD_BOOSTS
from search.backends.base import SearchDocument
from search.query import FACET_NAMES

# Bump with a new index-v<N>.json when the settings or mapping change; older indexes then need
# a rebuild (python manage.py search_reindex).
SCHEMA_VERSION = 4
INDEX_FILE = Path(__file__).with_name(f"index-v{SCHEMA_VERSION}.json")

LANGUAGE_SUBFIELDS = ("fr", "en")
WORDS_SUBFIELD = "words"
KEYWORD_FIELDS = (*FACET_NAMES, "access", "access_organisations")
HIT_FIELDS = (
    "id", "url", "title", "year", "language", "organisation", "type", "access",
    "design", "evidence", "practice", "finding_pairs",
)  # fmt: skip
# Highlighted fields keep their first and last characters in `edges`, so a fragment's '…' can be
# decided without fetching a whole file's text with every hit.
EDGES_FIELD = "edges"
EDGE_CHARS = 1_000
# The nested passages, their vector and number, and the model they were embedded with.
PASSAGES_FIELD = "passages"
VECTOR_FIELD = f"{PASSAGES_FIELD}.vector"
PASSAGE_NUMBER_FIELD = f"{PASSAGES_FIELD}.number"
VECTOR_MODEL_FIELD = "vector_model"
# Cosine over the stored vectors (unit rows: the dot product), kept exact (no quantisation), so
# similarities are those of the embedded engine; scores are (1 + cosine) / 2 (results.py).
VECTOR_SIMILARITY = "cosine"
# Private-use characters the highlighter wraps matches in; escaping happens in Python.
MARK_START, MARK_END = "\ue000", "\ue001"
_MARKERS = re.compile(f"[{MARK_START}{MARK_END}]")
_NOT_WORD = re.compile(r"[\W_]+")


@cache
def _definition() -> dict[str, Any]:
    """The index file, with the elided words of search.analysis (the one list every engine
    uses) filled into its elision and stop filters."""
    definition = json.loads(INDEX_FILE.read_text(encoding="utf-8"))
    filters = definition["settings"]["analysis"]["filter"]
    filters["passerelle_elision"]["articles"] = list(ELIDED_WORDS)
    filters["passerelle_elided_words"]["stopwords"] = list(ELIDED_WORDS)
    return definition


def index_settings() -> dict[str, Any]:
    """The settings of a serving index (fresh copy)."""
    return json.loads(json.dumps(_definition()["settings"]))


def index_mappings() -> dict[str, Any]:
    return json.loads(json.dumps(_definition()["mappings"]))


# How long an index being built keeps a delete's version (the cluster's default is 60 s): longer
# than any rebuild, so a delete made while it loads refuses the loader's older copy of the item.
BUILDING_TOMBSTONES = "24h"


def building_settings() -> dict[str, Any]:
    """A new index loads faster without refreshes or replicas, and keeps its deletes' versions
    while it loads; serving_settings restores all three."""
    settings = index_settings()
    settings.update(refresh_interval="-1", number_of_replicas=0, auto_expand_replicas=False)
    settings["gc_deletes"] = BUILDING_TOMBSTONES
    return settings


def serving_settings() -> dict[str, Any]:
    settings = index_settings()
    serving = {name: settings[name] for name in ("refresh_interval", "auto_expand_replicas")}
    return serving | {"gc_deletes": settings.get("gc_deletes")}  # None: the cluster's default


def vector_fields(dimension: int) -> dict[str, Any]:
    """The mapping that adds the passage vectors of one dimension to an index."""
    vector = {
        "type": "dense_vector",
        "dims": dimension,
        "index": True,
        "similarity": VECTOR_SIMILARITY,
        "index_options": {"type": "hnsw"},
    }
    return {PASSAGES_FIELD: {"type": "nested", "properties": {"vector": vector}}}


def vector_dimension(doc: SearchDocument) -> int | None:
    """The dimension of the document's passage vectors; None when it has none."""
    if doc.vectors is None:
        return None
    matrix = np.asarray(doc.vectors.matrix)
    return int(matrix.shape[1]) if matrix.ndim == 2 and len(matrix) else None


def index_name(alias: str, stamp: datetime.datetime) -> str:
    """`passerelle-v4-20250301t101500123456`: sorts by creation time, names its schema."""
    return f"{alias}-v{SCHEMA_VERSION}-{stamp.strftime('%Y%m%dt%H%M%S%f')}"


def index_created(alias: str, index: str) -> datetime.datetime | None:
    """When an index named by index_name was created (UTC); None for another name."""
    match = re.fullmatch(rf"{re.escape(alias)}-v\d+-(\d{{8}}t\d{{12}})", index)
    if not match:
        return None
    stamp = datetime.datetime.strptime(match.group(1), "%Y%m%dt%H%M%S%f")
    return stamp.replace(tzinfo=datetime.UTC)


def schema_version_of(alias: str, index: str) -> int | None:
    match = re.fullmatch(rf"{re.escape(alias)}-v(\d+)-.+", index)
    return int(match.group(1)) if match else None


def to_es_document(doc: SearchDocument, *, with_vectors: bool = False) -> dict[str, Any]:
    """The fields the mapping knows, cleaned of the highlighter's markers; its passage vectors
    too when asked (once the index maps their dimension: vector_fields)."""
    source: dict[str, Any] = {"id": doc.id, "url": doc.url or ""}
    for field in FIELD_BOOSTS:
        if field not in KEYWORD_FIELDS:
            source[field] = _texts(getattr(doc, field))
    for field in KEYWORD_FIELDS:
        source[field] = _texts(getattr(doc, field))
    for field in ("title", "summary", "files_text", "language", "organisation", "type", "access"):
        source[field] = " ".join(source[field])  # single-valued in every search document
    source["year"] = int(doc.year) if doc.year is not None else None
    source["evidence_rank"] = doc.evidence_rank
    source["finding_pairs"] = _texts(doc.finding_pairs)
    source["published"] = doc.published_day().isoformat()
    source["version"] = doc.version
    source["title_sort"] = _NOT_WORD.sub(" ", source["title"]).strip()
    source[EDGES_FIELD] = {
        field: [source[field][:EDGE_CHARS], source[field][-EDGE_CHARS:]]
        for field in ("title", "summary", "files_text")
    }
    source[VECTOR_MODEL_FIELD], source[PASSAGES_FIELD] = None, []
    if with_vectors and vector_dimension(doc):
        rows = np.asarray(doc.vectors.matrix, dtype=np.float32)
        source[VECTOR_MODEL_FIELD] = doc.vectors.model
        source[PASSAGES_FIELD] = [
            {"number": number, "vector": row.tolist()} for number, row in enumerate(rows)
        ]
    return source


def _texts(value: object) -> list[str]:
    """A field's values as strings, without the highlighter's marker characters."""
    if value is None:
        return []
    values = [value] if isinstance(value, str) else [item for item in value if item]
    return [_MARKERS.sub("", str(item)) for item in values if str(item)]
