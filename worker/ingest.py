"""One stored document → its text and extraction status, written only if nothing newer landed.

`process_document(id, version)` claims the document (counting the attempt in its own commit),
extracts or copies the text, then writes with `UPDATE … WHERE pk AND version AND status =
processing`: a stale task (the file changed since) or a duplicate (another copy finished first)
writes nothing. Every write that lands sends `document_text_changed` in its transaction.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from research.extraction_reasons import ENGLISH, FILE_MISSING, GAVE_UP
from research.models import ExtractionStatus, ResearchDocument
from research.signals import document_text_changed
from worker.extract import DEFAULT_LIMITS, REASONS, ExtractionOutcome, Limits, extract_text

logger = logging.getLogger(__name__)

# Test-only: seconds to sleep once a document is claimed, so a test can kill the worker
# mid-extraction. Never set it in a deployment.
TEST_DELAY_VARIABLE = "PASSERELLE_TEST_EXTRACTION_DELAY"

UNFINISHED = (ExtractionStatus.PENDING, ExtractionStatus.PROCESSING)
# Copied from an earlier document with the same sha256 instead of extracting again.
RESULT_FIELDS = (
    "status", "reason_code", "reason", "mime_type", "pages", "characters",
    "detected_language", "extraction_seconds", "extracted_text",
)  # fmt: skip


@dataclasses.dataclass(frozen=True)
class Processed:
    """What one run did: extracted, copied, gave-up, stale, finished-elsewhere or gone."""

    outcome: str
    status: str = ""


def max_attempts() -> int:
    return settings.EXTRACTION_MAX_ATTEMPTS


def extraction_limits() -> Limits:
    return dataclasses.replace(DEFAULT_LIMITS, seconds=float(settings.EXTRACTION_SECONDS))


def process_document(document_id: int, version: int) -> Processed:
    """Extract the text of this version of the document, unless that is done or out of date."""
    refusal = claim(document_id, version)
    if refusal is not None:
        return refusal
    document = ResearchDocument.objects.get(pk=document_id)
    _test_delay(document.attempts)
    try:
        fields, outcome = _results_for(document)
    except SoftTimeLimitExceeded:
        fields, outcome = _failure("timeout", REASONS["timeout"]), "extracted"
    written = write_result(document_id, version, fields)
    if not written:
        return Processed("finished-elsewhere")
    logger.info(
        "ingest: document %s v%s %s: %s %s",
        document_id,
        version,
        outcome,
        fields["status"],
        fields["reason_code"],
    )
    return Processed(outcome, fields["status"])


def claim(document_id: int, version: int) -> Processed | None:
    """Mark the document processing and count the attempt, committed at once; None if claimed.

    The count survives a worker killed mid-task, so a file that kills its worker each time is
    given up on after `max_attempts()` starts instead of being redelivered forever.
    """
    with transaction.atomic():
        claimed = ResearchDocument.objects.filter(
            pk=document_id, version=version, status__in=UNFINISHED, attempts__lt=max_attempts()
        ).update(
            status=ExtractionStatus.PROCESSING,
            attempts=F("attempts") + 1,
            processing_started_at=timezone.now(),
        )
    if claimed:
        return None
    row = ResearchDocument.objects.filter(pk=document_id).values("version", "status").first()
    if row is None:
        return Processed("gone")
    if row["version"] != version:
        return Processed("stale")
    if row["status"] not in UNFINISHED:
        return Processed("finished-elsewhere", row["status"])
    give_up(document_id, version)
    return Processed("gave-up", ExtractionStatus.FAILED)


def give_up(document_id: int, version: int) -> bool:
    attempts = max_attempts()
    logger.error(
        "ingest: document %s v%s given up after %s attempts",
        document_id,
        version,
        attempts,
    )
    return _write(
        document_id,
        version,
        UNFINISHED,
        _failure(GAVE_UP, ENGLISH[GAVE_UP] % {"attempts": attempts}),
    )


def write_result(document_id: int, version: int, fields: dict) -> bool:
    """Store the results if this version is still the one being processed; True if written."""
    return _write(document_id, version, (ExtractionStatus.PROCESSING,), fields)


def _write(document_id: int, version: int, statuses, fields: dict) -> bool:
    with transaction.atomic():
        written = ResearchDocument.objects.filter(
            pk=document_id, version=version, status__in=statuses
        ).update(**fields, extracted_at=timezone.now())
        if written:
            document_text_changed.send(
                sender=ResearchDocument,
                document_id=document_id,
                change=f"extracting the text of document {document_id}",
            )
    return bool(written)


def _results_for(document: ResearchDocument) -> tuple[dict, str]:
    try:
        with local_copy(document) as path:
            sha256 = file_sha256(path)
            earlier = same_file_already_indexed(document.pk, sha256)
            if earlier is not None:
                copied = {field: getattr(earlier, field) for field in RESULT_FIELDS}
                return {**copied, "sha256": sha256}, "copied"
            outcome = extract_text(path, Path(document.file.name).name, extraction_limits())
    except FileNotFoundError:
        return _failure(FILE_MISSING, ENGLISH[FILE_MISSING]), "extracted"
    if outcome.detail:
        logger.info(
            "ingest: document %s: %s (%s)", document.pk, outcome.reason_code, outcome.detail
        )
    return outcome_fields(outcome), "extracted"


def outcome_fields(outcome: ExtractionOutcome) -> dict:
    return {
        "status": outcome.status,
        "reason_code": outcome.reason_code,
        "reason": outcome.reason,
        "mime_type": outcome.mime_type,
        "pages": outcome.pages,
        "characters": outcome.characters,
        "detected_language": outcome.language,
        "extraction_seconds": outcome.seconds,
        "extracted_text": outcome.text,
        "sha256": outcome.sha256,
    }


def _failure(code: str, english: str) -> dict:
    return {
        "status": ExtractionStatus.FAILED,
        "reason_code": code,
        "reason": english,
        "extracted_text": "",
        "characters": 0,
    }


def same_file_already_indexed(document_id: int, sha256: str) -> ResearchDocument | None:
    """Another document holding the very same bytes, already extracted with success."""
    return (
        ResearchDocument.objects.filter(sha256=sha256, status=ExtractionStatus.INDEXED)
        .exclude(pk=document_id)
        .order_by("-extracted_at")
        .first()
    )


@contextlib.contextmanager
def local_copy(document: ResearchDocument) -> Iterator[Path]:
    """A local path to the stored file: the file itself, or a temporary copy for remote storage."""
    try:
        path = Path(document.file.path)
    except NotImplementedError:  # storage without local paths (S3 and the like)
        path = None
    if path is not None:
        if not path.is_file():
            raise FileNotFoundError(path)
        yield path
        return
    with tempfile.NamedTemporaryFile(suffix=Path(document.file.name).suffix) as copy:
        with document.file.open("rb") as stored:
            shutil.copyfileobj(stored, copy)
        copy.flush()
        yield Path(copy.name)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _test_delay(attempts: int) -> None:
    # The first attempt only: a test kills the worker during it and times the redelivery.
    delay = float(os.environ.get(TEST_DELAY_VARIABLE) or 0)
    if delay > 0 and attempts == 1:
        time.sleep(delay)
