"""Plain text and Markdown: charset detection, then the text as it is."""

import codecs
import re
from pathlib import Path

from .limits import Limits
from .result import FormatResult, TextBuffer

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_-]+)""", re.IGNORECASE)


def extract_text_file(path: Path, limits: Limits) -> FormatResult:
    """The whole text; bytes beyond what `max_characters` could need are not even read."""
    raw, cut = read_head(path, limits.max_characters * 4)
    buffer = TextBuffer(limits.max_characters)
    buffer.add(decode_bytes(raw).replace("\r\n", "\n").replace("\r", "\n"))
    return buffer.result(truncated=cut, note="too-many-characters" if cut else "")


def read_head(path: Path, max_bytes: int) -> tuple[bytes, bool]:
    """At most `max_bytes` of the file, and whether there was more."""
    with path.open("rb") as stream:
        raw = stream.read(max_bytes + 1)
    return raw[:max_bytes], len(raw) > max_bytes


def decode_bytes(raw: bytes, html: bool = False) -> str:
    """BOM first (UTF-8, UTF-16), then a declared HTML charset, then UTF-8, then cp1252/latin-1."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace")
    if html and (declared := _declared_charset(raw)):
        return raw.decode(declared, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(raw) - 3 and error.reason == "unexpected end of data":
            return raw[: error.start].decode("utf-8")  # a character cut by the read limit
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")  # cp1252 leaves five bytes undefined; latin-1 has them all


def _declared_charset(raw: bytes) -> str | None:
    match = _META_CHARSET.search(raw[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # Browsers read a declared latin-1 as cp1252; UTF-16 without a BOM is not honoured.
    if "16" in codec or "32" in codec:
        return None
    return {"latin-1": "cp1252", "iso8859-1": "cp1252"}.get(codec, codec)
