"""Text extraction from uploaded research files, sandboxed: `extract_text` is the one entry point.

Pure functions, no Django or Celery: the task layer calls `extract_text` and records the outcome.
"""

import dataclasses
import hashlib
import time
from pathlib import Path

from .detect import DetectedType, detect_type
from .language import detect_language
from .limits import DEFAULT_LIMITS, Limits
from .reasons import INDEXED, REASONS, STATUS_BY_CODE
from .sandbox import run_in_child

__all__ = [
    "DEFAULT_LIMITS",
    "REASONS",
    "DetectedType",
    "ExtractionOutcome",
    "Limits",
    "detect_type",
    "extract_text",
]


@dataclasses.dataclass(frozen=True)
class ExtractionOutcome:
    """What became of one file: indexed with its text, or failed/refused with a reason."""

    status: str  # "indexed", "failed" or "refused"
    reason_code: str  # "" when indexed in full; else a key of REASONS
    reason: str  # English; the Django layer translates by reason_code
    text: str
    pages: int | None
    characters: int
    language: str  # "fr", "en" or "other"
    sha256: str
    mime_type: str
    seconds: float
    truncated: bool
    detail: str = ""  # technical detail for logs, not for people


def extract_text(
    path: str | Path, declared_name: str, limits: Limits = DEFAULT_LIMITS
) -> ExtractionOutcome:
    """Extract the text of the file at `path`, uploaded as `declared_name`, in a child process."""
    started = time.monotonic()
    path = Path(path)
    size, sha256 = _measure(path)
    if size == 0:
        reply = {"code": "empty-file"}
    elif size > limits.max_file_bytes:
        reply = {"code": "too-large", "detail": f"{size} bytes"}
    else:
        reply = run_in_child(path, declared_name, limits)
    return _outcome(reply, sha256, time.monotonic() - started)


def _measure(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def _outcome(reply: dict, sha256: str, seconds: float) -> ExtractionOutcome:
    code = reply.get("code", "")
    status = STATUS_BY_CODE.get(code, INDEXED) if code else INDEXED
    text = reply.get("text", "") if status == INDEXED else ""
    return ExtractionOutcome(
        status=status,
        reason_code=code,
        reason=REASONS.get(code, ""),
        text=text,
        pages=reply.get("pages"),
        characters=len(text),
        language=detect_language(text) if text else "other",
        sha256=sha256,
        mime_type=reply.get("mime", ""),
        seconds=round(seconds + 0.0, 3),
        truncated=bool(reply.get("truncated")) and status == INDEXED,
        detail=reply.get("detail", ""),
    )
