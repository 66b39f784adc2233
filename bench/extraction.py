"""Extraction speed in pages per second, each file in its limited child process.

    .venv/bin/python bench/extraction.py [PDF …]

Without arguments it measures a generated 200-page French PDF and the demo's PDFs, plus any
PDF found under /usr/share/doc (real files shipped with installed packages).
"""

import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fpdf import FPDF

from worker.extract import extract_text
from worker.extract.language import detect_language

PARAGRAPH = (
    "Cette étude évalue les interpellations policières à Montréal et leurs effets sur la "
    "confiance du public. Les données proviennent des fiches d'interpellation, du recensement "
    "et d'entretiens avec des patrouilleurs et des résidents de plusieurs arrondissements. "
)


def generated_pdf(folder: Path, pages: int) -> Path:
    document = FPDF()
    document.core_fonts_encoding = "windows-1252"
    document.set_font("Helvetica", size=10)
    for number in range(pages):
        document.add_page()
        document.multi_cell(w=0, text=f"Page {number + 1}. " + PARAGRAPH * 12)
    path = folder / f"generated-{pages}-pages.pdf"
    document.output(str(path))
    return path


def demo_pdfs(folder: Path) -> list[Path]:
    from research.demo.content import ITEMS
    from research.demo.files import make_pdf

    paths = []
    for item in ITEMS[:10]:
        path = folder / f"{item.slug}.pdf"
        path.write_bytes(make_pdf(item.title, list(item.annex)))
        paths.append(path)
    return paths


def measure(path: Path, repeat: int = 3) -> tuple[int, float]:
    seconds = []
    for _ in range(repeat):
        outcome = extract_text(path, path.name)
        assert outcome.status == "indexed", (path, outcome.reason)
        seconds.append(outcome.seconds)
    return outcome.pages or 0, statistics.median(seconds)


def main() -> None:
    detect_language("Un texte français pour charger le modèle une fois.")  # warm-up
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        paths = [Path(arg) for arg in sys.argv[1:]]
        if not paths:
            paths = [generated_pdf(folder, 200), *demo_pdfs(folder)]
            paths += sorted(Path("/usr/share/doc").rglob("*.pdf"))[:5]
        total_pages = total_seconds = 0.0
        for path in paths:
            pages, seconds = measure(path)
            total_pages += pages
            total_seconds += seconds
            print(
                f"{path.name[:48]:<48} {pages:>5} pages {seconds:6.2f} s {pages / seconds:7.1f} p/s"
            )
        print(
            f"{'all files':<48} {int(total_pages):>5} pages {total_seconds:6.2f} s "
            f"{total_pages / total_seconds:7.1f} p/s"
        )


if __name__ == "__main__":
    main()
