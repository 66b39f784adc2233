"""Embedders for tests: a small bilingual concept space that says, without a model, which texts
share a meaning (each word of a concept, in French or English, points along the concept's
axis), and one whose model fails to load."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

CONCEPTS: dict[str, tuple[str, ...]] = {
    "trust": ("trust", "confiance", "legitimacy", "légitimité", "confidence"),
    "theft": ("theft", "thefts", "vol", "vols", "stolen", "volés"),
    "car": ("car", "cars", "vehicle", "vehicles", "véhicule", "véhicules", "voitures", "auto"),
    "youth": ("youth", "young", "jeunes", "jeunesse", "adolescents"),
    "crisis": ("crisis", "crise", "mental", "mentale", "santé", "health"),
}
_WORD = re.compile(r"\w+")


class ConceptEmbedder:
    name = "test-concepts"
    dimension = len(CONCEPTS) + 1
    min_similarity = 0.6

    def __init__(self) -> None:
        self.calls: list[tuple[str, list[str]]] = []

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(("query", list(texts)))
        return np.stack([self._vector(text) for text in texts])

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(("passage", list(texts)))
        return np.stack([self._vector(text) for text in texts])

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dimension, dtype=np.float32)
        vector[-1] = 0.35  # every text shares a little: unrelated texts are not orthogonal
        for word in _WORD.findall(text.lower()):
            for axis, words in enumerate(CONCEPTS.values()):
                if word in words:
                    vector[axis] += 1.0
        return vector / np.linalg.norm(vector)


class BrokenEmbedder:
    def __init__(self) -> None:
        raise OSError("model file missing")
