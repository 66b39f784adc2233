"""PDF text with PDFium (pypdfium2). PDFium is not thread-safe: one document per process."""

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from . import ocr
from .limits import Limits
from .reasons import ExtractionError
from .result import FormatResult, TextBuffer

# Acrobat accepts `%%EOF` anywhere in the last 1,024 bytes; allow some trailing junk beyond it.
EOF_WINDOW = 4096
# Below this many characters per page on average, the PDF is taken to have no text layer.
MIN_CHARACTERS_PER_PAGE = 1


def extract_pdf(path: Path, limits: Limits) -> FormatResult:
    """Text of the first `max_pages` pages; OCR when there is no text layer and it is available."""
    if not _ends_with_eof_marker(path):
        raise ExtractionError("truncated-file", "no %%EOF marker near the end")
    document = _open(path)
    try:
        page_count = len(document)
        buffer = TextBuffer(limits.max_characters)
        kept = min(page_count, limits.max_pages)
        for index in range(kept):
            if not buffer.add(_page_text(document, index)):
                break
        if buffer.size < MIN_CHARACTERS_PER_PAGE * max(kept, 1):
            return ocr.ocr_document(document, page_count, limits)
    finally:
        document.close()
    if page_count > limits.max_pages:
        return buffer.result(page_count, note="too-many-pages", truncated=True)
    return buffer.result(page_count)


def _open(path: Path) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise ExtractionError("encrypted-pdf") from error
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise ExtractionError("encrypted-pdf", "unsupported security handler") from error
        raise ExtractionError("corrupt", str(error)) from error


def _page_text(document: pdfium.PdfDocument, index: int) -> str:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            return textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
        finally:
            textpage.close()
    finally:
        page.close()


def _ends_with_eof_marker(path: Path) -> bool:
    with path.open("rb") as stream:
        stream.seek(0, 2)
        size = stream.tell()
        stream.seek(max(0, size - EOF_WINDOW))
        return b"%%EOF" in stream.read()
