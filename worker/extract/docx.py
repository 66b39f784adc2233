"""DOCX text with python-docx: body paragraphs and tables in order, then headers and footers."""

from pathlib import Path

import docx
from docx.oxml.ns import qn

from .limits import Limits
from .result import FormatResult, TextBuffer

_PARAGRAPH = qn("w:p")
_TEXT = qn("w:t")
_TAB = qn("w:tab")
_BREAKS = {qn("w:br"), qn("w:cr")}


def extract_docx(path: Path, limits: Limits) -> FormatResult:
    """Every paragraph, including those in tables and text boxes; pages are unknown in DOCX."""
    document = docx.Document(str(path))
    buffer = TextBuffer(limits.max_characters)
    _add_paragraphs(document.element.body, buffer)
    for section in document.sections:
        for part in (section.header, section.footer):
            if not buffer.full and not part.is_linked_to_previous:
                _add_paragraphs(part._element, buffer)
    return buffer.result()


def _add_paragraphs(element, buffer: TextBuffer) -> None:
    for paragraph in element.iter(_PARAGRAPH):
        if not buffer.add(_paragraph_text(paragraph)):
            return


def _paragraph_text(paragraph) -> str:
    pieces = []
    for node in paragraph.iter(_TEXT, _TAB, *_BREAKS):
        if node.tag == _TEXT:
            pieces.append(node.text or "")
        else:
            pieces.append("\t" if node.tag == _TAB else "\n")
    return "".join(pieces)
