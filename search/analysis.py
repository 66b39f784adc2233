"""What both engines' analysers and rankings share: field weights and the words they drop.

Plain Python; each engine builds its own analysers and queries from these values.
"""

from __future__ import annotations

# Searched fields and their weight in relevance.
FIELD_BOOSTS: dict[str, float] = {
    "title": 3.0,
    "summary": 1.5,
    "tag": 1.5,
    "findings": 1.2,
    # The vocabulary labels of the item's themes, approaches, practices and outcomes: what it
    # is about, as an analyst filed it; its type, design and organisations weigh less.
    "labels": 1.2,
    "record_labels": 0.5,
    "authors": 1.2,
    "body": 1.0,
    "files_text": 0.7,
}

# Articles and pronouns that French elides before a vowel: l'égalité, qu'il, jusqu'à.
ELIDED_WORDS: tuple[str, ...] = (
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
)  # fmt: skip

# Longer tokens are mostly identifiers or garbage from extracted files.
MAX_TOKEN_CHARS = 40
