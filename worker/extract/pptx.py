"""PPTX text with python-pptx: each slide's shapes (groups and tables included) and its notes."""

from pathlib import Path

import pptx
from pptx.enum.shapes import MSO_SHAPE_TYPE

from .limits import Limits
from .result import FormatResult, TextBuffer


def extract_pptx(path: Path, limits: Limits) -> FormatResult:
    """Slides in order, each followed by its speaker notes; `pages` counts slides."""
    presentation = pptx.Presentation(str(path))
    slides = list(presentation.slides)
    buffer = TextBuffer(limits.max_characters)
    for slide in slides[: limits.max_pages]:
        if not buffer.add(_slide_text(slide)):
            break
    if len(slides) > limits.max_pages:
        return buffer.result(len(slides), note="too-many-pages", truncated=True)
    return buffer.result(len(slides))


def _slide_text(slide) -> str:
    blocks = [text for shape in slide.shapes for text in _shape_texts(shape)]
    if slide.has_notes_slide:
        notes = slide.notes_slide.notes_text_frame
        if notes is not None:
            blocks.append(notes.text)
    return "\n".join(block for block in blocks if block.strip())


def _shape_texts(shape):
    """Text of a shape; groups are walked with a stack, so deep nesting cannot recurse."""
    stack = [shape]
    while stack:
        current = stack.pop()
        if current.shape_type == MSO_SHAPE_TYPE.GROUP:
            stack.extend(reversed(list(current.shapes)))
        elif current.has_text_frame:
            yield current.text_frame.text
        elif getattr(current, "has_table", False) and current.has_table:
            for row in current.table.rows:
                yield "\t".join(cell.text for cell in row.cells)
