"""The searches every search measure replays: varied, realistic, the same on every run.

Words, phrases and keywords come from the same vocabulary as the items, so queries match
the way analysts' queries would: common words hitting thousands of items, rare ones a few,
phrases, accent-less typing, prefixes, OR, exclusions, facet filters, year ranges, sorts
and later pages, in French and in English.
"""

from __future__ import annotations

import random
import unicodedata
from urllib.parse import urlencode

from bench.corpus.items import EFFECTS, ORGANISATIONS, OUTCOMES, PRACTICES, REGIONS, THEMES, TYPES
from bench.corpus.language import language

SEED = "passerelle-bench-queries"
# Plain words: frequent enough to be typed, long enough to carry meaning.
MIN_WORD_CHARS = 6


def benchmark_queries(limit: int = 0) -> list[dict[str, str | list[str]]]:
    """About 120 API parameter sets (the first `limit` when given); each one a person's search."""
    rng = random.Random(SEED)
    queries: list[dict] = []
    for code in ("fr", "en"):
        words = _words(code)
        queries += [{"q": rng.choice(words), "lang": code} for _ in range(16)]
        queries += [{"q": f"{rng.choice(words)} {rng.choice(words)}"} for _ in range(8)]
        queries += [{"q": f'"{_phrase(rng, code)}"'} for _ in range(5)]
        queries += [{"q": f"{rng.choice(words)[:5]}*"} for _ in range(4)]
        queries += [{"q": f"{rng.choice(words)} OR {rng.choice(words)}"} for _ in range(4)]
        queries += [{"q": f"{rng.choice(words)} -{rng.choice(words)}"} for _ in range(4)]
        queries += [{"q": rng.choice(language(code).tags)} for _ in range(3)]
        queries += [_filtered(rng, {"q": rng.choice(words)}) for _ in range(10)]
    french = _words("fr")
    accented = [word for word in french if _folded(word) != word]
    queries += [{"q": _folded(rng.choice(accented))} for _ in range(6)]
    queries += [_filtered(rng, {}) for _ in range(8)]
    # What works: filters on findings and practices, the strongest studies first. A generator
    # of their own, so the queries above stay the ones earlier results measured.
    found = random.Random(f"{SEED}-evidence")
    french = _words("fr")
    queries += [_evidence(found, {"q": found.choice(french)}) for _ in range(4)]
    queries += [_evidence(found, {}) for _ in range(4)]
    if limit:
        # Every kind of query, not only the first kind: take them evenly spread.
        step = max(1, len(queries) // limit)
        return queries[::step][:limit]
    return queries


def query_string(params: dict) -> str:
    return urlencode(params, doseq=True)


def _words(code: str) -> list[str]:
    vocabulary = language(code)
    head = vocabulary.words[: vocabulary.head_words]
    return [word for word in head if len(word) >= MIN_WORD_CHARS and "'" not in word]


def _phrase(rng: random.Random, code: str) -> str:
    words = rng.choice(language(code).sentences).rstrip(".!?").split()
    start = rng.randrange(max(1, len(words) - 2))
    return " ".join(words[start : start + rng.choice((2, 2, 3))]).strip(",;:")


def _evidence(rng: random.Random, params: dict) -> dict:
    """An outcome, effect or practice selection, most often sorted by strength of evidence."""
    params = dict(params)
    name, values = rng.choice((("outcome", OUTCOMES), ("effect", EFFECTS), ("practice", PRACTICES)))
    params[name] = rng.sample(tuple(values), k=rng.randint(1, 2))
    if rng.random() < 0.75:
        params["sort"] = "evidence"
    return params


def _filtered(rng: random.Random, params: dict) -> dict:
    """Facet selections, a year range, a sort or a later page, as the search page sends them."""
    params = dict(params)
    choices = rng.sample(range(7), k=rng.randint(1, 3))
    if 0 in choices:
        params["organisation"] = rng.sample(tuple(ORGANISATIONS), k=rng.randint(1, 2))
    if 1 in choices:
        params["theme"] = rng.sample(tuple(THEMES), k=rng.randint(1, 2))
    if 2 in choices:
        params["type"] = [rng.choice(tuple(TYPES))]
    if 3 in choices:
        start = rng.randint(2005, 2020)
        params.update(year_from=str(start), year_to=str(start + rng.randint(0, 5)))
    if 4 in choices:
        params["region"] = [rng.choice(tuple(REGIONS)[:6])]
    if 5 in choices:
        params["sort"] = rng.choice(("newest", "oldest", "title"))
    if 6 in choices:
        params.update(page=str(rng.randint(2, 3)), size=str(rng.choice((20, 50))))
    return params


def _folded(word: str) -> str:
    return "".join(
        char for char in unicodedata.normalize("NFKD", word) if not unicodedata.combining(char)
    )
