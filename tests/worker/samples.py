"""Real sample files, generated: each format with French accents, and hostile files."""

import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pptx
from fpdf import FPDF
from odf.opendocument import OpenDocumentText
from odf.text import H, P
from PIL import Image

FRENCH = "Évaluation des interpellations à Montréal : « profilage » ç è à ô œ"
ENGLISH = "Evaluation of police stops and racial profiling in Montreal neighbourhoods"
LONG_FRENCH = (
    "Cette étude évalue les interpellations policières à Montréal et leurs effets sur la "
    "confiance du public envers les organisations policières du Québec."
)


def pdf(path: Path, pages: list[str], size: tuple[float, float] = (210, 297)) -> Path:
    """A PDF with one line of text per page, in core Helvetica (cp1252 covers French)."""
    document = FPDF(format=size)
    document.core_fonts_encoding = "windows-1252"
    document.set_auto_page_break(False)
    document.set_font("Helvetica", size=4 if size[0] < 50 else 11)
    for text in pages:
        document.add_page()
        document.set_xy(1, 1)
        document.multi_cell(w=0, text=text)
    document.output(str(path))
    return path


def encrypted_pdf(path: Path) -> Path:
    document = FPDF()
    document.set_encryption(owner_password="propriétaire", user_password="lecteur")
    document.add_page()
    document.set_font("Helvetica", size=11)
    document.cell(text="Secret")
    document.output(str(path))
    return path


def image_only_pdf(path: Path) -> Path:
    """A 'scan': a raster image and vector shapes, no text at all."""
    picture = Image.new("RGB", (200, 100), "white")
    for x in range(20, 180):
        picture.putpixel((x, 50), (0, 0, 0))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    document = FPDF()
    document.add_page()
    document.image(buffer, x=10, y=10, w=150)
    document.rect(20, 120, 100, 40, style="F")
    document.output(str(path))
    return path


def docx_file(path: Path) -> Path:
    document = docx.Document()
    document.add_heading(FRENCH, level=1)
    document.add_paragraph(LONG_FRENCH)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Quartier"
    table.rows[0].cells[1].text = "Côte-des-Neiges"
    document.sections[0].header.paragraphs[0].text = "En-tête du rapport"
    document.save(str(path))
    return path


def pptx_file(path: Path) -> Path:
    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = FRENCH
    slide.placeholders[1].text = LONG_FRENCH
    slide.notes_slide.notes_text_frame.text = "Note de l'orateur : très fiable"
    presentation.save(str(path))
    return path


def xlsx_file(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Données été"
    sheet.append(["Quartier", "Interpellations"])
    sheet.append(["Montréal-Nord", 1234])
    sheet.append([FRENCH, 5.0])
    workbook.save(str(path))
    return path


def odt_file(path: Path) -> Path:
    document = OpenDocumentText()
    document.text.addElement(H(outlinelevel=1, text=FRENCH))
    document.text.addElement(P(text=LONG_FRENCH))
    document.save(str(path))
    return path


def html_text() -> str:
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Rapport été</title>
<style>body {{ color: red; }} .secret-style {{}}</style>
<script>var secretScript = "ne pas indexer";</script></head>
<body><h1>{FRENCH}</h1><p>{LONG_FRENCH}</p>
<noscript>secret-noscript</noscript><template><p>secret-template</p></template>
<p>Fin&nbsp;du &eacute;t&eacute; &amp; rapport</p></body></html>"""


def replace_member(source: Path, target: Path, member: str, content: bytes) -> Path:
    """Copy a ZIP container, swapping one member's content."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            data = content if info.filename == member else original.read(info.filename)
            copy.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return target


def zip_bomb_docx(source: Path, target: Path, megabytes: int = 200) -> Path:
    """A DOCX whose document part inflates to `megabytes` of zeros, streamed (never in memory)."""
    zeros = bytes(1024 * 1024)
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            if info.filename != "word/document.xml":
                copy.writestr(info.filename, original.read(info.filename))
        entry = zipfile.ZipInfo("word/document.xml")
        entry.compress_type = zipfile.ZIP_DEFLATED
        with copy.open(entry, "w", force_zip64=True) as part:
            for _ in range(megabytes):
                part.write(zeros)
    return target


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"""


def external_entity_document(secret_path: Path) -> bytes:
    return (
        b'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "'
        + secret_path.as_uri().encode()
        + b'">]>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
        b'main"><w:body><w:p><w:r><w:t>avant &xxe; apres</w:t></w:r></w:p></w:body></w:document>'
    )
