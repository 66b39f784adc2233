"""ODT text: `content.xml` parsed with defusedxml (no DTD allowed), paragraphs in order."""

import zipfile
from pathlib import Path

import defusedxml.ElementTree as SafeET

from .limits import Limits
from .result import FormatResult, TextBuffer

_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_BLOCKS = {f"{{{_TEXT_NS}}}p", f"{{{_TEXT_NS}}}h"}
_SPACE = f"{{{_TEXT_NS}}}s"
_TAB = f"{{{_TEXT_NS}}}tab"
_LINE_BREAK = f"{{{_TEXT_NS}}}line-break"
_NOTE_CITATION = f"{{{_TEXT_NS}}}note-citation"


def extract_odt(path: Path, limits: Limits) -> FormatResult:
    """Every text:p and text:h (tables, lists and frames included); pages are unknown in ODT."""
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        root = SafeET.parse(content, forbid_dtd=True, forbid_entities=True).getroot()
    buffer = TextBuffer(limits.max_characters)
    for element in root.iter():
        if element.tag in _BLOCKS and not buffer.add(_block_text(element)):
            break
    return buffer.result()


def _block_text(block) -> str:
    """Text of one paragraph, walked with an explicit stack (no recursion on deep nesting)."""
    pieces: list[str] = []
    stack: list[tuple[object, bool]] = [(block, False)]
    while stack:
        element, closing = stack.pop()
        if closing:
            pieces.append(element.tail or "")
            continue
        if element is not block:
            stack.append((element, True))
        pieces.append(_inline(element))
        if element.tag in _BLOCKS and element is not block:
            continue  # nested paragraphs (e.g. in a note) are reached by the outer loop
        stack.extend((child, False) for child in reversed(list(element)))
    return "".join(pieces)


def _inline(element) -> str:
    if element.tag == _SPACE:
        return " " * int(element.get(f"{{{_TEXT_NS}}}c", "1") or 1)
    if element.tag == _TAB:
        return "\t"
    if element.tag == _LINE_BREAK:
        return "\n"
    if element.tag == _NOTE_CITATION:
        return ""
    return element.text or ""
