"""The `load` step: a migrated database holding the first `count` synthetic items as pages."""

from __future__ import annotations

import time

from django.core.management import call_command
from django.db import connection

from bench.corpus.items import corpus_words, synthetic_items
from bench.corpus.pages import PageWriter


def migrate() -> dict:
    """An empty, migrated database (the suite copies it for each SQLite stage)."""
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    if connection.vendor == "sqlite":
        # Everything into the main file, so a plain copy of it is the whole database.
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"seconds": round(time.perf_counter() - started, 2)}


def load_corpus(start: int, count: int) -> dict:
    """Migrate if needed, then append items start … start + count - 1 as published pages."""
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    words = 0

    def counted():
        nonlocal words
        for item in synthetic_items(count, start=start):
            words += corpus_words([item])
            yield item

    written = PageWriter().write(counted())
    return {
        "items": written,
        "words": words,
        "seconds": round(time.perf_counter() - started, 2),
    }
