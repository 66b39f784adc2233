"""process_document on real files: text stored, item findable, stale and duplicate work ignored."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import gettext

from research.access import Viewer
from research.extraction_reasons import ENGLISH as MESSAGES
from research.models import ExtractionStatus, ResearchDocument
from search.backends import get_search_backend
from search.query import SearchRequest
from worker import ingest
from worker.extract import REASONS

from . import samples

WORD = "zygomorphe"


@pytest.fixture
def pdf_bytes(tmp_path):
    path = samples.pdf(
        tmp_path / "rapport.pdf",
        [f"Rapport annuel : le mot {WORD} n'apparaît que dans ce fichier.", "Deuxième page."],
    )
    return path.read_bytes()


@pytest.fixture
def upload(db):
    def make(content: bytes, name: str = "rapport.pdf") -> ResearchDocument:
        document = ResearchDocument(title=name, file=ContentFile(content, name=name))
        document.save()
        return document

    return make


@pytest.fixture
def process(django_capture_on_commit_callbacks):
    """Run the task's function, then what its commit schedules (reindexing, eagerly)."""

    def run(document: ResearchDocument) -> ingest.Processed:
        with django_capture_on_commit_callbacks(execute=True):
            return ingest.process_document(document.pk, document.version)

    return run


@pytest.fixture
def extractions(monkeypatch):
    """Counts calls to the extraction entry point (the real one still runs)."""
    calls = []
    real = ingest.extract_text

    def counted(*args, **kwargs):
        calls.append(args[1])
        return real(*args, **kwargs)

    monkeypatch.setattr(ingest, "extract_text", counted)
    return calls


def found_ids(text: str) -> list[int]:
    request = SearchRequest(text=text, viewer=Viewer(unrestricted=True))
    return [hit.id for hit in get_search_backend().search(request).hits]


def test_a_pdf_is_extracted_and_its_item_found_by_a_word_only_in_the_file(
    search_index, make_research_page, upload, process, pdf_bytes
):
    document = upload(pdf_bytes)
    page = make_research_page(title="Vols de catalyseurs à Laval", files=[document])
    assert found_ids(WORD) == []

    result = process(document)

    document.refresh_from_db()
    assert result == ingest.Processed("extracted", "indexed")
    assert (document.status, document.reason_code, document.reason_text) == ("indexed", "", "")
    assert document.sha256 == hashlib.sha256(pdf_bytes).hexdigest()
    assert (document.mime_type, document.pages, document.detected_language) == (
        "application/pdf",
        2,
        "fr",
    )
    assert WORD in document.extracted_text
    assert document.characters == len(document.extracted_text)
    assert document.extraction_seconds > 0
    assert document.extracted_at is not None
    assert document.attempts == 1
    assert found_ids(WORD) == [page.pk]


@pytest.mark.parametrize(
    ("content", "name", "status", "code"),
    [
        (
            b"<html><body><p>Une page web</p></body></html>",
            "rapport.pdf",
            "refused",
            "type-mismatch",
        ),
        (b"", "vide.pdf", "failed", "empty-file"),
    ],
)
def test_a_broken_file_ends_with_its_reason_in_french_and_english(
    search_index, upload, process, content, name, status, code
):
    document = upload(content, name=name)

    process(document)

    document.refresh_from_db()
    assert (document.status, document.reason_code, document.reason) == (status, code, REASONS[code])
    assert document.extracted_text == ""
    with translation.override("en"):
        assert document.reason_text == REASONS[code]
    with translation.override("fr"):
        # Rendered at display time through the French catalogue.
        assert document.reason_text == gettext(REASONS[code])


def test_every_extraction_reason_has_a_translatable_message():
    with translation.override("en"):
        assert {code: str(MESSAGES[code]) for code in REASONS} == REASONS


def test_every_reason_is_translated_into_french():
    with translation.override("fr"):
        untranslated = [english for english in MESSAGES.values() if gettext(english) == english]
    assert untranslated == []


def test_the_same_file_is_extracted_once(search_index, upload, process, extractions, pdf_bytes):
    first, second = upload(pdf_bytes, "a.pdf"), upload(pdf_bytes, "b.pdf")

    process(first)
    result = process(second)

    first.refresh_from_db()
    second.refresh_from_db()
    assert len(extractions) == 1
    assert result == ingest.Processed("copied", "indexed")
    copied = ("status", "sha256", "pages", "characters", "extracted_text", "extraction_seconds")
    assert [getattr(second, field) for field in copied] == [
        getattr(first, field) for field in copied
    ]


def test_a_duplicate_task_after_the_work_is_done_changes_nothing(
    search_index, upload, process, extractions, pdf_bytes
):
    document = upload(pdf_bytes)
    process(document)
    document.refresh_from_db()
    extracted_at = document.extracted_at

    result = process(document)

    document.refresh_from_db()
    assert result == ingest.Processed("finished-elsewhere", "indexed")
    assert (len(extractions), document.extracted_at, document.attempts) == (1, extracted_at, 1)


def test_a_new_file_raises_the_version_and_forgets_the_old_text(upload, process, pdf_bytes):
    document = upload(pdf_bytes)
    process(document)
    document.refresh_from_db()
    assert (document.version, document.status) == (1, "indexed")

    document.title = "Nouveau titre"
    document.save()
    assert (document.version, document.status) == (1, "indexed")

    document.file = ContentFile(b"Texte remplacant le PDF.", name="remplacement.txt")
    document.save()

    document.refresh_from_db()
    assert (document.version, document.status, document.extracted_text, document.sha256) == (
        2,
        "pending",
        "",
        "",
    )


def test_a_stale_task_never_overwrites_newer_data(upload, process, extractions, pdf_bytes):
    document = upload(pdf_bytes)
    assert ingest.claim(document.pk, 1) is None  # task for version 1 starts…
    document.file = ContentFile("Le texte récent sur la méthode.".encode(), name="recent.txt")
    document.save()  # …the file is replaced meanwhile
    fields = ingest.outcome_fields(ingest.extract_text(document.file.path, "recent.txt"))

    assert ingest.write_result(document.pk, 1, {**fields, "extracted_text": "ancien"}) is False
    assert process(ResearchDocument(pk=document.pk, version=1)) == ingest.Processed("stale")
    document.refresh_from_db()
    assert (document.version, document.status, document.extracted_text) == (2, "pending", "")

    assert process(document) == ingest.Processed("extracted", "indexed")
    document.refresh_from_db()
    assert document.extracted_text == "Le texte récent sur la méthode."


def test_a_file_that_kills_its_worker_every_time_is_given_up(
    upload, process, extractions, pdf_bytes, settings
):
    settings.EXTRACTION_MAX_ATTEMPTS = 3
    document = upload(pdf_bytes)
    for _crash in range(3):  # each start is counted, then the worker dies before writing
        assert ingest.claim(document.pk, document.version) is None

    result = process(document)

    document.refresh_from_db()
    assert result == ingest.Processed("gave-up", "failed")
    assert (document.status, document.reason_code, document.attempts) == (
        "failed",
        "worker-crashed",
        3,
    )
    assert extractions == []
    with translation.override("en"):
        assert document.reason_text == (
            "Text extraction was given up after 3 attempts: each one stopped before finishing."
        )
    assert process(document) == ingest.Processed("finished-elsewhere", "failed")


def test_a_missing_file_fails_with_its_reason(upload, process, pdf_bytes):
    document = upload(pdf_bytes)
    document.file.storage.delete(document.file.name)

    process(document)

    document.refresh_from_db()
    assert (document.status, document.reason_code) == (ExtractionStatus.FAILED, "file-missing")


def test_new_and_replaced_files_queue_extraction_after_commit(
    db, monkeypatch, django_capture_on_commit_callbacks
):
    from worker.tasks import process_document_task

    sent = []
    monkeypatch.setattr(process_document_task, "apply_async", lambda args, **kw: sent.append(args))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document = ResearchDocument(title="r", file=ContentFile(b"Un", name="r.txt"))
        document.save()
        assert sent == []  # nothing before the commit
    with django_capture_on_commit_callbacks(execute=True):
        document.title = "Titre seul"
        document.save()
    with django_capture_on_commit_callbacks(execute=True):
        document.file = ContentFile(b"Deux", name="r2.txt")
        document.save()

    assert len(callbacks) >= 1
    assert sent == [(document.pk, 1), (document.pk, 2)]


def test_only_transient_errors_are_retried_with_growing_jittered_waits():
    from celery.utils.time import get_exponential_backoff_interval
    from django.db import OperationalError as DatabaseDown
    from kombu.exceptions import OperationalError as BrokerDown

    from search.backends import SearchUnavailable
    from search.tasks import index_items_task
    from worker.tasks import process_document_task

    def is_transient(task, error):
        return isinstance(error, task.autoretry_for)

    for task in (index_items_task, process_document_task):
        assert is_transient(task, BrokerDown("down")) and is_transient(task, DatabaseDown("down"))
        assert not is_transient(task, ValueError("bug"))
        assert (task.max_retries, task.retry_jitter) == (5, True)
        waits = [
            get_exponential_backoff_interval(
                task.retry_backoff, n, task.retry_backoff_max, full_jitter=False
            )
            for n in range(10)
        ]
        assert waits == [2, 4, 8, 16, 32, 64, 128, 256, 300, 300]
    # Elasticsearch's 429 and 503 reach the task as SearchUnavailable (its connection module).
    assert is_transient(index_items_task, SearchUnavailable("down"))
