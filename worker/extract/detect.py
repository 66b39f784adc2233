"""Find a file's real type from its content (magic bytes, ZIP structure), never from its name."""

import dataclasses
import io
import zipfile
from pathlib import Path, PurePath

import filetype

SNIFF_BYTES = 4096

PDF = "pdf"
DOCX = "docx"
PPTX = "pptx"
XLSX = "xlsx"
ODT = "odt"
HTML = "html"
TEXT = "text"
UNKNOWN = "unknown"

MIME_TYPES = {
    PDF: "application/pdf",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ODT: "application/vnd.oasis.opendocument.text",
    HTML: "text/html",
    TEXT: "text/plain",
    UNKNOWN: "application/octet-stream",
}

# Extensions that claim a type. A name with another extension (or none) claims nothing.
EXTENSIONS = {
    ".pdf": {PDF},
    ".docx": {DOCX},
    ".pptx": {PPTX},
    ".xlsx": {XLSX},
    ".odt": {ODT},
    ".html": {HTML, TEXT},
    ".htm": {HTML, TEXT},
    ".txt": {TEXT},
    ".text": {TEXT},
    ".md": {TEXT},
    ".markdown": {TEXT},
}
KNOWN_EXTENSIONS = EXTENSIONS.keys() | {
    ".doc", ".xls", ".ppt", ".odp", ".ods", ".rtf", ".csv", ".jpg", ".jpeg", ".png", ".gif",
    ".tif", ".tiff", ".zip", ".epub", ".xml", ".json",
}  # fmt: skip

# WHATWG MIME sniffing: markup that, first in a file, makes it HTML.
_HTML_OPENERS = (
    b"<!doctype html", b"<html", b"<head", b"<script", b"<iframe", b"<h1", b"<div", b"<font",
    b"<table", b"<a", b"<style", b"<title", b"<b", b"<body", b"<br", b"<p", b"<!--",
)  # fmt: skip
_OOXML_MAIN_PARTS = {
    "word/document.xml": DOCX,
    "ppt/presentation.xml": PPTX,
    "xl/workbook.xml": XLSX,
}
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


@dataclasses.dataclass(frozen=True)
class DetectedType:
    kind: str
    mime: str


def detect_type(data_or_path: bytes | str | Path) -> DetectedType:
    """Detect the type from the content: a path is opened, bytes are sniffed as they are."""
    if isinstance(data_or_path, bytes):
        kind = _detect_bytes(data_or_path, None)
    else:
        path = Path(data_or_path)
        with path.open("rb") as stream:
            head = stream.read(SNIFF_BYTES)
        kind = _detect_bytes(head, path)
    return DetectedType(kind, MIME_TYPES[kind])


def name_matches(kind: str, declared_name: str) -> bool:
    """False when the name's extension claims a type the content is not."""
    suffix = PurePath(declared_name or "").suffix.lower()
    if suffix not in KNOWN_EXTENSIONS:
        return True
    return kind in EXTENSIONS.get(suffix, set())


def mime_for(kind: str, declared_name: str) -> str:
    if kind == TEXT and PurePath(declared_name or "").suffix.lower() in {".md", ".markdown"}:
        return "text/markdown"
    return MIME_TYPES[kind]


def _detect_bytes(head: bytes, path: Path | None) -> str:
    if b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _detect_zip(path if path is not None else head)
    if _looks_like_html(head):
        return HTML
    if filetype.guess(head) is not None:
        return UNKNOWN  # an image, an archive, an old binary Office file...
    if _looks_like_text(head):
        return TEXT
    return UNKNOWN


def _detect_zip(source: Path | bytes) -> str:
    try:
        with zipfile.ZipFile(source if isinstance(source, Path) else io.BytesIO(source)) as zf:
            names = set(zf.namelist())
            if "mimetype" in names:
                with zf.open("mimetype") as member:
                    declared = member.read(100).strip()
                if declared == MIME_TYPES[ODT].encode():
                    return ODT
                return UNKNOWN
    except (zipfile.BadZipFile, OSError, EOFError):
        return UNKNOWN
    if "[Content_Types].xml" not in names:
        return UNKNOWN
    for part, kind in _OOXML_MAIN_PARTS.items():
        if part in names:
            return kind
    return UNKNOWN


def _looks_like_html(head: bytes) -> bool:
    text = _strip_bom(head).lstrip().lower()
    if text.startswith(b"<?xml"):
        text = text[text.find(b"?>") + 2 :].lstrip() if b"?>" in text else b""
    for opener in _HTML_OPENERS:
        if text.startswith(opener):
            follower = text[len(opener) : len(opener) + 1]
            if follower in (b" ", b">", b"\t", b"\n", b"\r", b"/") or opener == b"<!--":
                return True
    return False


def _looks_like_text(head: bytes) -> bool:
    if head.startswith(_BOMS[1:]):
        return True  # UTF-16 has NULs by nature; the BOM says it is text
    if b"\x00" in head:
        return False
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return controls <= len(head) // 100


def _strip_bom(head: bytes) -> bytes:
    if head.startswith(_BOMS[0]):
        return head[3:]
    if head.startswith(_BOMS[1:]):
        return head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
    return head
