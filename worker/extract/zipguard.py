"""Checks a ZIP container (DOCX, PPTX, XLSX, ODT) before any XML parser sees it.

Order: member count and DECLARED sizes from the central directory, then the per-member
compression ratio, then every member is stream-inflated with a running cap on the bytes
ACTUALLY produced (headers can lie) while each XML part is scanned for a DTD or entity
declaration. Genuine OOXML and ODF parts never contain one, so `<!DOCTYPE`/`<!ENTITY` is refused:
this closes billion-laughs and external-entity (XXE) attacks whatever parser runs afterwards.
"""

import re
import zipfile
from pathlib import Path

from .limits import Limits
from .reasons import ExtractionError

CHUNK = 64 * 1024
_ENCODINGS = ("ascii", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


def _declaration_pattern() -> re.Pattern[bytes]:
    """One regex for `<!DOCTYPE` or `<!ENTITY`, any letter case, in any XML encoding."""
    spellings = []
    for marker in ("<!DOCTYPE", "<!ENTITY"):
        for encoding in _ENCODINGS:
            letters = [
                b"(?:" + b"|".join(re.escape(v.encode(encoding)) for v in {c.lower(), c.upper()})
                for c in marker
            ]
            spellings.append(b")".join(letters) + b")")
    return re.compile(b"|".join(spellings))


_DECLARATION = _declaration_pattern()
_XML_LEAD = b"\xef\xbb\xbf\xfe\xff\x00 \t\r\n"


def check_zip(path: Path, limits: Limits) -> None:
    """Raise ExtractionError unless the container is within limits and free of DTDs."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            _check_declared(members, limits)
            budget = limits.zip_max_uncompressed
            for member in members:
                budget -= _read_member(archive, member, budget)
    except zipfile.BadZipFile as error:
        raise ExtractionError("corrupt", str(error)) from error
    except (EOFError, zipfile.LargeZipFile) as error:
        raise ExtractionError("truncated-file", str(error)) from error
    except NotImplementedError as error:  # an unsupported compression method or encryption
        raise ExtractionError("unsupported-type", str(error)) from error


def _check_declared(members: list[zipfile.ZipInfo], limits: Limits) -> None:
    if len(members) > limits.zip_max_members:
        raise ExtractionError("zip-bomb", f"{len(members)} members")
    declared = sum(member.file_size for member in members)
    if declared > limits.zip_max_uncompressed:
        raise ExtractionError("zip-bomb", f"declares {declared} bytes uncompressed")
    for member in members:
        if member.flag_bits & 0x1:
            raise ExtractionError("unsupported-type", f"{member.filename} is encrypted")
        if member.file_size < limits.zip_ratio_floor:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > limits.zip_max_ratio:
            raise ExtractionError("zip-bomb", f"{member.filename} compression ratio {ratio:.0f}")


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, budget: int) -> int:
    """Inflate one member in chunks, never past `budget` bytes; return the bytes produced."""
    produced = 0
    tail = b""
    is_xml = None
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            produced += len(chunk)
            if produced > budget:
                raise ExtractionError("zip-bomb", "inflates past the size limit")
            if is_xml is None:
                is_xml = _looks_like_xml(chunk)
            window = tail + chunk
            if is_xml and _DECLARATION.search(window):
                raise ExtractionError("xml-entities", member.filename)
            tail = window[-64:]
    return produced


def _looks_like_xml(head: bytes) -> bool:
    """An XML parser only accepts a part that opens with `<` (after a BOM and white space).

    Binary parts are not scanned: some genuine ones (printer settings) embed XML with a DTD.
    """
    return head.lstrip(_XML_LEAD).startswith(b"<")
