"""XLSX text with openpyxl, read-only: sheet names and cell values (cached formula results)."""

from pathlib import Path

import openpyxl

from .limits import Limits
from .result import FormatResult, TextBuffer


def extract_xlsx(path: Path, limits: Limits) -> FormatResult:
    """Each sheet's name, then its rows as tab-separated lines; `pages` counts sheets."""
    workbook = openpyxl.load_workbook(str(path), read_only=True, data_only=True)
    try:
        buffer = TextBuffer(limits.max_characters)
        sheets = workbook.worksheets
        for sheet in sheets:
            if not buffer.add(sheet.title) or not _add_rows(sheet, buffer):
                break
        return buffer.result(len(sheets))
    finally:
        workbook.close()


def _add_rows(sheet, buffer: TextBuffer) -> bool:
    for row in sheet.iter_rows(values_only=True):
        cells = [_cell_text(value) for value in row if value is not None]
        if cells and not buffer.add("\t".join(cells)):
            return False
    return True


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
