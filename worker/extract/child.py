"""The child side of the sandbox: read one request on stdin, extract, answer in JSON on stdout.

Runs in a fresh interpreter under resource limits (see `limits.apply_to_current_process`);
imports only the extractor the detected type needs.
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

# Test-only: seconds the child waits before extracting, so a test can watch the time limit end
# it whatever the machine's speed. Never set it in a deployment.
TEST_DELAY_VARIABLE = "PASSERELLE_TEST_CHILD_DELAY"
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
    """Entry point of the child process."""
    # Our answer goes to the real stdout; C libraries that print are sent to stderr instead.
    answer = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    request = json.loads(sys.stdin.buffer.read())
    limits = Limits(**request["limits"])
    apply_to_current_process(limits)
    time.sleep(float(os.environ.get(TEST_DELAY_VARIABLE) or 0))
    reply = handle(Path(request["path"]), request["declared_name"], limits)
    answer.write(json.dumps(reply, ensure_ascii=False).encode("utf-8", errors="replace"))
    answer.close()


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
