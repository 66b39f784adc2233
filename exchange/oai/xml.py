"""OAI-PMH responses as XML: the envelope, headers, Dublin Core records and errors."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from xml.etree import ElementTree as ET

from exchange.citations import CitationRecord
from exchange.oai.protocol import format_datestamp

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"
OAI_DC_SCHEMA = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd"

for _prefix, _uri in (("", OAI), ("oai_dc", OAI_DC), ("dc", DC), ("xsi", XSI)):
    ET.register_namespace(_prefix, _uri)


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def sub(parent: ET.Element, name: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, _q(OAI, name), {k: v for k, v in attributes.items() if v})
    if text is not None:
        element.text = text
    return element


def envelope(base_url: str, request_arguments: Mapping[str, str]) -> ET.Element:
    """The OAI-PMH root with responseDate and the echoed request (arguments only when valid)."""
    root = ET.Element(_q(OAI, "OAI-PMH"))
    root.set(_q(XSI, "schemaLocation"), f"{OAI} {OAI_SCHEMA}")
    sub(root, "responseDate", format_datestamp(datetime.datetime.now(datetime.UTC)))
    sub(root, "request", base_url, **request_arguments)
    return root


def error(root: ET.Element, code: str, message: str) -> None:
    sub(root, "error", message, code=code)


def header(
    parent: ET.Element, identifier: str, datestamp: datetime.datetime, sets: Iterable[str]
) -> None:
    element = sub(parent, "header")
    sub(element, "identifier", identifier)
    sub(element, "datestamp", format_datestamp(datestamp))
    for spec in sets:
        sub(element, "setSpec", spec)


def dublin_core(parent: ET.Element, record: CitationRecord, extra: Mapping[str, list[str]]) -> None:
    """The record as unqualified Dublin Core (oai_dc)."""
    metadata = sub(parent, "metadata")
    dc = ET.SubElement(metadata, _q(OAI_DC, "dc"))
    dc.set(_q(XSI, "schemaLocation"), f"{OAI_DC} {OAI_DC_SCHEMA}")
    elements: list[tuple[str, str]] = [("title", record.title)]
    elements += [("creator", person.literal or f"{person.family}, {person.given}")
                 for person in record.authors]  # fmt: skip
    elements += [("subject", keyword) for keyword in record.subjects]
    elements += [("description", record.abstract), ("description", record.findings_note)]
    elements += [("publisher", record.publisher)]
    elements += [("contributor", name) for name in extra.get("contributor", [])]
    elements += [("date", record.published.isoformat()), ("type", record.type_label)]
    elements += [("type", "Text"), ("identifier", record.url)]
    if record.doi:
        elements.append(("identifier", f"https://doi.org/{record.doi}"))
    elements += [("format", mime) for mime in extra.get("format", [])]
    elements += [("language", record.language), ("coverage", record.region)]
    elements += [("rights", text) for text in extra.get("rights", [])]
    for name, text in elements:
        if text:
            ET.SubElement(dc, _q(DC, name)).text = text


def serialise(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
