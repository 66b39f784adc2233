"""OCR for PDFs without a text layer: PDFium renders pages, the `tesseract` program reads them."""

import io
import shutil
import subprocess
import time

import pypdfium2 as pdfium

from .limits import Limits
from .reasons import ExtractionError
from .result import FormatResult, TextBuffer

LANGUAGES = ("fra", "eng")
PAGE_SECONDS = 60
# Stop starting new pages when less than this share of the time limit is left.
SAFETY_SHARE = 0.25


def tesseract_available() -> bool:
    """True when `tesseract` is installed with French and English data."""
    program = shutil.which("tesseract")
    if program is None:
        return False
    try:
        listing = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return False
    installed = set((listing.stdout + listing.stderr).split())
    return all(language in installed for language in LANGUAGES)


def ocr_document(document: pdfium.PdfDocument, page_count: int, limits: Limits) -> FormatResult:
    """OCR the first `ocr_max_pages` pages, stopping early rather than overrun the time limit."""
    if not tesseract_available():
        raise ExtractionError("no-text-layer")
    started = time.monotonic()
    budget = limits.seconds * (1 - SAFETY_SHARE)
    buffer = TextBuffer(limits.max_characters)
    wanted = min(page_count, limits.ocr_max_pages)
    done = 0
    for index in range(wanted):
        if time.monotonic() - started > budget:
            break
        if not buffer.add(_ocr_page(document, index, limits)):
            break
        done += 1
    if not buffer.parts:
        raise ExtractionError("ocr-no-text")
    if done < page_count:
        return buffer.result(page_count, note="ocr-partial", truncated=True)
    return buffer.result(page_count, note="ocr")


def _ocr_page(document: pdfium.PdfDocument, index: int, limits: Limits) -> str:
    page = document[index]
    try:
        bitmap = page.render(scale=limits.ocr_dpi / 72, grayscale=True)
        image = bitmap.to_pil()
    finally:
        page.close()
    png = io.BytesIO()
    image.save(png, format="PNG")
    completed = subprocess.run(
        [shutil.which("tesseract") or "tesseract", "stdin", "stdout", "-l", "+".join(LANGUAGES)],
        input=png.getvalue(),
        capture_output=True,
        timeout=PAGE_SECONDS,
        check=False,
    )
    return completed.stdout.decode("utf-8", errors="replace")
