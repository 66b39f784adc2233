"""The file corpus: PDF, DOCX and PPTX reports generated with the demo's own builders, plus
real PDFs found on the machine (manuals shipped with installed packages), and one very long
PDF for the memory measure."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pypdfium2
from fpdf import FPDF

from bench.corpus.language import language
from research.demo.files import Section, make_docx, make_pdf, make_pptx, pdf_safe

# Report lengths in pages, cycled until the requested total is reached: short notes to long
# reports, as a research collection holds.
PDF_PAGES = (6, 40, 12, 80, 20, 8, 55, 15, 30)
# About this many words fill a Letter page in the demo's PDF layout (11 pt Helvetica).
WORDS_PER_PDF_PAGE = 560
DOCX_COUNT, DOCX_SECTIONS = 6, 14
PPTX_COUNT, PPTX_SLIDES = 6, 24
REAL_PDF_FOLDERS = (Path("/usr/share/doc"), Path(sys.prefix) / "lib")
MAX_REAL_PDFS = 20
MIN_REAL_PDF_CHARACTERS = 500


def build_file_corpus(
    folder: str, pages: int, big_pdf_pages: int = 0, real_pdfs: bool = True
) -> dict:
    """Write the generated files into `folder`; list them and the real PDFs with their pages."""
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random("passerelle-bench-files")
    corpus = {"pdf": _generated_pdfs(root, pages, rng), "docx": [], "pptx": []}
    for number in range(DOCX_COUNT):
        path = root / f"rapport-{number + 1}.docx"
        path.write_bytes(make_docx(_title(rng, number), _sections(rng, DOCX_SECTIONS, 6)))
        corpus["docx"].append(_entry(path, None, "generated"))
    for number in range(PPTX_COUNT):
        path = root / f"presentation-{number + 1}.pptx"
        path.write_bytes(make_pptx(_title(rng, number), _sections(rng, PPTX_SLIDES, 2)))
        corpus["pptx"].append(_entry(path, PPTX_SLIDES + 1, "generated"))
    if real_pdfs:
        corpus["pdf"] += [_entry(path, _pdf_pages(path), "real") for path in machine_pdfs()]
    if big_pdf_pages:
        corpus["big_pdf"] = _entry(long_pdf(root, big_pdf_pages), big_pdf_pages, "generated")
    return corpus


def machine_pdfs() -> list[Path]:
    """PDFs with a text layer shipped with the system's and Python's packages, smallest first.

    (Icons and figures drawn as PDF hold no text to extract: they are left out.)"""
    found = []
    for folder in REAL_PDF_FOLDERS:
        for path in folder.rglob("*.pdf") if folder.is_dir() else ():
            if path.is_file() and _text_characters(path) >= MIN_REAL_PDF_CHARACTERS:
                found.append(path)
    return sorted(found, key=lambda path: path.stat().st_size)[:MAX_REAL_PDFS]


def long_pdf(root: Path, pages: int) -> Path:
    """A report of `pages` pages of French text, one paragraph a page (quick to generate)."""
    rng = random.Random("passerelle-bench-long")
    paragraphs = [pdf_safe(language("fr").paragraph(rng, 12)) for _ in range(50)]
    document = FPDF(format="Letter")
    document.core_fonts_encoding = "windows-1252"
    document.set_font("Helvetica", size=10)
    for number in range(pages):
        document.add_page()
        document.multi_cell(0, 5, f"Page {number + 1}. {paragraphs[number % len(paragraphs)]}")
    path = root / f"rapport-long-{pages}-pages.pdf"
    document.output(str(path))
    return path


def report_pdf(
    path: Path, pages: int, seed: str, opening: Section, closing: Section, code: str = "fr"
) -> int:
    """A report of exactly `pages` pages: `opening` first, generated sections, `closing` last
    (so on the last page). The section count is estimated, then corrected until the page count
    is right. Returns the pages written."""
    count = max(1, pages * WORDS_PER_PDF_PAGE // 250)
    tried: set[int] = set()
    while count not in tried:
        tried.add(count)
        rng = random.Random(seed)
        body = _sections(rng, count, 3, code)
        path.write_bytes(make_pdf(_title(rng, 0, code), [opening, *body, closing]))
        written = _pdf_pages(path)
        if written == pages:
            return written
        # In proportion first; then one section (under half a page) at a time.
        step = round(count * (pages - written) / written) if len(tried) == 1 else 0
        count = max(1, count + (step or (1 if written < pages else -1)))
    raise ValueError(f"no section count gives a report of exactly {pages} pages")


def _generated_pdfs(root: Path, pages: int, rng: random.Random) -> list[dict]:
    entries, total, number = [], 0, 0
    while total < pages:
        wanted = min(PDF_PAGES[number % len(PDF_PAGES)], max(1, pages - total))
        code = "fr" if number % 3 else "en"
        sections = _sections(rng, max(1, wanted * WORDS_PER_PDF_PAGE // 250), 3, code)
        path = root / f"rapport-{number + 1}.pdf"
        path.write_bytes(make_pdf(_title(rng, number, code), sections))
        entry = _entry(path, _pdf_pages(path), "generated")
        entries.append(entry)
        total += entry["pages"]
        number += 1
    return entries


def _sections(rng: random.Random, count: int, paragraphs: int, code: str = "fr") -> list[Section]:
    words = language(code)
    return [
        Section(
            heading=" ".join(words.sentence(rng).split()[:5]).rstrip(".,;:"),
            text="\n\n".join(words.paragraph(rng, 4) for _ in range(paragraphs)),
            notes=words.sentence(rng),
        )
        for _ in range(count)
    ]


def _title(rng: random.Random, number: int, code: str = "fr") -> str:
    return f"{number + 1}. " + " ".join(language(code).sentence(rng).split()[:8])


def _entry(path: Path, pages: int | None, origin: str) -> dict:
    return {"path": str(path), "pages": pages, "bytes": path.stat().st_size, "origin": origin}


def _pdf_pages(path: Path) -> int:
    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError:
        return 0  # encrypted or broken: not part of the corpus
    try:
        return len(document)
    finally:
        document.close()


def _text_characters(path: Path, pages: int = 3) -> int:
    """Characters of text on the first pages (0 for a PDF that cannot be opened)."""
    try:
        document = pypdfium2.PdfDocument(str(path))
    except pypdfium2.PdfiumError:
        return 0
    try:
        total = 0
        for index in range(min(pages, len(document))):
            textpage = document[index].get_textpage()
            total += len(textpage.get_text_range())
            textpage.close()
        return total
    finally:
        document.close()
