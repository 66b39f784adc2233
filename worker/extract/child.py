"""The child side of the sandbox: read requests on stdin, extract, answer in JSON on stdout.

One JSON line per request and per reply, until stdin closes (the worker went away). Runs in
its own interpreter under resource limits (see `limits.apply_to_current_process`), which each
request renews; imports only the extractors the detected types need.
"""

import importlib
import json
import os
import sys
import time
from pathlib import Path

from . import detect
from .limits import Limits, apply_to_current_process
from .reasons import ExtractionError
from .zipguard import check_zip

ZIP_KINDS = {detect.DOCX, detect.PPTX, detect.XLSX, detect.ODT}
EXTRACTORS = {
    detect.PDF: ("pdf", "extract_pdf"),
    detect.DOCX: ("docx", "extract_docx"),
    detect.PPTX: ("pptx", "extract_pptx"),
    detect.XLSX: ("xlsx", "extract_xlsx"),
    detect.ODT: ("odt", "extract_odt"),
    detect.HTML: ("html", "extract_html"),
    detect.TEXT: ("text", "extract_text_file"),
}


def main() -> None:
    """Entry point of the child process: `… WORKER_DIR RESEARCH_DIR MAX_DOCUMENTS`."""
    # Our answers go to the real stdout; C libraries that print are sent to stderr instead.
    answer = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    max_documents = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    for line in sys.stdin.buffer:
        request = json.loads(line)
        limits = Limits(**request["limits"])
        apply_to_current_process(limits, max_documents)
        # Test-only: lets a test watch the time limit end the child whatever the machine's speed.
        time.sleep(float(request.get("test_delay") or 0))
        reply = handle(Path(request["path"]), request["declared_name"], limits)
        reply["resident_bytes"] = _resident_bytes()
        # json.dumps escapes newlines: one reply is one line.
        answer.write(json.dumps(reply, ensure_ascii=False).encode("utf-8", errors="replace"))
        answer.write(b"\n")
        answer.flush()


def _resident_bytes() -> int:
    """What this process holds in memory now (its peak would count the worker's, from the fork)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return 0


def handle(path: Path, declared_name: str, limits: Limits) -> dict:
    """Detect, check and extract; every failure becomes a reply with a reason code."""
    reply: dict = {"code": "", "detail": "", "mime": ""}
    try:
        reply.update(_extract(path, declared_name, limits, reply))
    except ExtractionError as error:
        reply.update(code=error.code, detail=error.detail)
    except MemoryError:
        reply.update(code="memory", detail="MemoryError")
    except RecursionError as error:
        reply.update(code="corrupt", detail=f"RecursionError: {error}")
    except Exception as error:  # libraries raise all sorts on broken files: record, don't crash
        reply.update(code="corrupt", detail=f"{type(error).__name__}: {error}"[:500])
    return reply


def _extract(path: Path, declared_name: str, limits: Limits, reply: dict) -> dict:
    kind = detect.detect_type(path).kind
    reply["mime"] = detect.mime_for(kind, declared_name)
    if not detect.name_matches(kind, declared_name):
        raise ExtractionError("type-mismatch", f"content is {kind}, name is {declared_name!r}")
    if kind not in EXTRACTORS:
        raise ExtractionError("unsupported-type")
    if kind in ZIP_KINDS:
        check_zip(path, limits)
    module_name, function_name = EXTRACTORS[kind]
    module = importlib.import_module(f".{module_name}", __package__)
    result = getattr(module, function_name)(path, limits)
    if not result.text.strip():
        raise ExtractionError("no-text")
    return {
        "code": result.note,
        "text": result.text,
        "pages": result.pages,
        "truncated": result.truncated,
    }


if __name__ == "__main__":
    main()
