"""Item-page tags: the APA reference and the metadata scholarly tools read from the page."""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from exchange.citations import CitationRecord, format_apa
from exchange.records import record_for
from research.models import AccessLevel

register = template.Library()

# Research types that schema.org knows more precisely than a Report.
_SCHEMA_TYPES = {"literature-review": "ScholarlyArticle", "research-report": "ScholarlyArticle"}
_OG_LOCALES = {"fr": "fr_CA", "en": "en_CA"}
# Characters that could end a <script> element or start markup inside JSON-LD.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def apa_citation(context, page) -> str:
    """The item's APA reference as HTML (its text escaped)."""
    record = record_for(page, context["request"])
    return mark_safe(format_apa([record], (get_language() or "fr")[:2])[0])  # noqa: S308


@register.inclusion_tag("exchange/includes/scholarly_metadata.html", takes_context=True)
def scholarly_metadata(context, page) -> dict[str, Any]:
    """Highwire Press, Open Graph and schema.org metadata; public items only."""
    if page.access != AccessLevel.PUBLIC:
        return {"public": False}
    record = record_for(page, context["request"])
    return {
        "public": True,
        "record": record,
        "date": record.published.strftime("%Y/%m/%d"),
        "authors": [_display_name(person) for person in record.authors],
        "og_locale": _OG_LOCALES.get(record.language, "fr_CA"),
        "json_ld": _script_json(_json_ld(record)),
    }


def _script_json(data: dict[str, Any]) -> str:
    """JSON that cannot close its <script> element: markup characters are escaped."""
    text = json.dumps(data, ensure_ascii=False).translate(_JSON_ESCAPES)
    return mark_safe(text)  # noqa: S308


def _display_name(person) -> str:
    return person.literal or f"{person.family}, {person.given}"


def _json_ld(record: CitationRecord) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": _SCHEMA_TYPES.get(record.type, "Report"),
        "@id": record.url,
        "url": record.url,
        "name": record.title,
        "headline": record.title[:110],
        "author": [
            {"@type": "Person", "name": f"{person.given} {person.family}".strip()}
            if not person.literal
            else {"@type": "Organization", "name": person.literal}
            for person in record.authors
        ],
        "publisher": {"@type": "Organization", "name": record.publisher},
        "datePublished": record.published.isoformat(),
        "inLanguage": record.language,
        "abstract": record.abstract,
        "genre": record.type_label,
        "keywords": list(record.keywords),
        "isAccessibleForFree": True,
    }
    if record.region:
        data["spatialCoverage"] = {"@type": "Place", "name": record.region}
    if record.doi:
        data["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": record.doi}
        data["sameAs"] = f"https://doi.org/{record.doi}"
    if record.pdf_url:
        data["encoding"] = {
            "@type": "MediaObject",
            "contentUrl": record.pdf_url,
            "encodingFormat": "application/pdf",
        }
    return data
