"""Bilingual vocabulary for synthetic items, learnt from the demo studies' French and English text.

The demo holds a few hundred real sentences per language but only about a thousand distinct
words, far fewer than a real collection (whose vocabulary keeps growing with its size). A
character-level Markov chain trained on those words adds a long tail of word-like terms, and
words are drawn with a Zipf law, so term frequencies look like natural text: a few very
common words, many rare ones.
"""

from __future__ import annotations

import bisect
import itertools
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

from research.demo.content import ITEMS

LANGUAGES = ("fr", "en")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
TAIL_WORDS = 20_000
ZIPF_EXPONENT = 1.07
CHAIN_ORDER = 3
# Share of a sentence's words replaced by a Zipf draw, so no two generated texts are alike.
SUBSTITUTION_RATE = 0.2


@dataclass(frozen=True)
class Language:
    """Sentences to recombine and a ranked vocabulary (most frequent first) for one language."""

    code: str
    sentences: tuple[str, ...]
    words: tuple[str, ...]
    head_words: int
    tags: tuple[str, ...]
    cumulative: tuple[float, ...]

    def word(self, rng: random.Random) -> str:
        """A word drawn with Zipf's law over the whole vocabulary."""
        position = bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])
        return self.words[min(position, len(self.words) - 1)]

    def sentence(self, rng: random.Random) -> str:
        """A demo sentence with about a fifth of its words replaced by Zipf draws."""
        words = rng.choice(self.sentences).split()
        for index in range(len(words)):
            if rng.random() < SUBSTITUTION_RATE:
                words[index] = self.word(rng)
        return " ".join(words)

    def paragraph(self, rng: random.Random, sentences: int) -> str:
        return " ".join(self.sentence(rng) for _ in range(sentences))


@cache
def language(code: str) -> Language:
    """The vocabulary of one language, the same on every call and every machine."""
    texts = [text for item in ITEMS if item.language == code for text in _item_texts(item)]
    sentences = tuple(
        sentence
        for text in texts
        for sentence in SENTENCE_END.split(text)
        if len(sentence.split()) >= 5
    )
    counts = Counter(word.lower() for text in texts for word in WORD.findall(text))
    head = [word for word, _count in counts.most_common()]
    tail = _invented_words(head, TAIL_WORDS, random.Random(f"tail-{code}"))
    words = tuple(head + tail)
    weights = (1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(words)))
    tags = sorted({tag for item in ITEMS if item.language == code for tag in item.tags})
    return Language(
        code=code,
        sentences=sentences,
        words=words,
        head_words=len(head),
        tags=tuple(tags),
        cumulative=tuple(itertools.accumulate(weights)),
    )


def _item_texts(item) -> list[str]:
    return [
        item.title,
        item.summary,
        *item.key_findings,
        *item.recommendations,
        *(text for _heading, text in item.body),
        *(section.text for section in item.annex),
    ]


def _invented_words(known: list[str], count: int, rng: random.Random) -> list[str]:
    """Word-like terms from a character Markov chain over the known words (none of them)."""
    chain: dict[str, list[str]] = defaultdict(list)
    for word in known:
        padded = "^" * CHAIN_ORDER + word + "$"
        for index in range(len(word) + 1):
            chain[padded[index : index + CHAIN_ORDER]].append(padded[index + CHAIN_ORDER])
    seen, invented = set(known), []
    while len(invented) < count:
        state, letters = "^" * CHAIN_ORDER, []
        while (letter := rng.choice(chain[state])) != "$" and len(letters) < 16:
            letters.append(letter)
            state = state[1:] + letter
        word = "".join(letters)
        if len(word) >= 4 and word not in seen:
            seen.add(word)
            invented.append(word)
    return invented
