"""Build the demo's attached files (PDF, DOCX, PPTX) in memory from plain text sections."""

from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from docx import Document as WordDocument
from fpdf import FPDF
from pptx import Presentation
from pptx.util import Pt

# fpdf2's core fonts (Helvetica) need no font file on the machine; Windows-1252 covers
# French accents, œ, « », curly apostrophes and dashes.
PDF_ENCODING = "windows-1252"


@dataclass(frozen=True)
class Section:
    """A titled block of text; `notes` become speaker notes on a slide."""

    heading: str
    text: str
    notes: str = ""


def pdf_safe(text: str) -> str:
    """Replace what Windows-1252 cannot encode (rare typography) with a close equivalent."""
    return text.encode(PDF_ENCODING, errors="replace").decode(PDF_ENCODING)


def make_pdf(title: str, sections: Sequence[Section]) -> bytes:
    pdf = FPDF(format="Letter")
    pdf.core_fonts_encoding = PDF_ENCODING
    pdf.set_title(pdf_safe(title))
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.multi_cell(0, 8, pdf_safe(title), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for section in sections:
        pdf.set_font("Helvetica", style="B", size=12)
        pdf.multi_cell(0, 7, pdf_safe(section.heading), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=11)
        pdf.multi_cell(0, 6, pdf_safe(section.text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    return bytes(pdf.output())


def make_docx(title: str, sections: Sequence[Section]) -> bytes:
    document = WordDocument()
    document.core_properties.title = title
    document.add_heading(title, level=0)
    for section in sections:
        document.add_heading(section.heading, level=1)
        for paragraph in section.text.split("\n\n"):
            document.add_paragraph(paragraph)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def make_pptx(title: str, sections: Sequence[Section], subtitle: str = "") -> bytes:
    """A title slide, then one slide per section with its text and speaker notes."""
    presentation = Presentation()
    presentation.core_properties.title = title
    cover = presentation.slides.add_slide(presentation.slide_layouts[0])
    cover.shapes.title.text = title
    cover.placeholders[1].text = subtitle
    for section in sections:
        slide = presentation.slides.add_slide(presentation.slide_layouts[1])
        slide.shapes.title.text = section.heading
        body = slide.placeholders[1].text_frame
        body.text = section.text
        for paragraph in body.paragraphs:
            for run in paragraph.runs:
                run.font.size = Pt(16)
        if section.notes:
            slide.notes_slide.notes_text_frame.text = section.notes
    buffer = BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()
