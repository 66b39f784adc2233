"""GET or POST /oai: the OAI-PMH 2.0 endpoint (oai_dc, six verbs, sets, resumption tokens)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from exchange.oai import repository, xml
from exchange.oai.protocol import (
    GRANULARITY,
    METADATA_PREFIX,
    OaiError,
    OaiRequest,
    check_metadata_prefix,
    format_datestamp,
    parse_request,
)
from exchange.records import items_for_records, record_for
from portal.absolute_urls import absolute_url, site_host


@dataclass(frozen=True)
class Context:
    http: HttpRequest
    base_url: str
    repository: str


@csrf_exempt  # harvesters POST without a session; nothing here changes state
@require_http_methods(["GET", "POST"])
def oai_endpoint(request: HttpRequest) -> HttpResponse:
    params = request.POST if request.method == "POST" else request.GET
    context = Context(
        request,
        absolute_url(request.path, request),
        settings.OAI_REPOSITORY_IDENTIFIER or site_host(request),
    )
    try:
        oai_request = parse_request({name: params.getlist(name) for name in params})
    except OaiError as problem:  # badVerb and badArgument echo no arguments
        root = xml.envelope(context.base_url, {})
        xml.error(root, problem.code, problem.message)
        return _xml_response(root)
    root = xml.envelope(context.base_url, {"verb": oai_request.verb, **oai_request.arguments})
    # Records read the same whatever the harvester's Accept-Language: the portal's first language.
    with translation.override(settings.LANGUAGE_CODE):
        try:
            root.append(VERBS[oai_request.verb](oai_request, context))
        except OaiError as problem:
            xml.error(root, problem.code, problem.message)
    return _xml_response(root)


def _xml_response(root: ET.Element) -> HttpResponse:
    return HttpResponse(xml.serialise(root), content_type="text/xml; charset=utf-8")


def _element(name: str) -> ET.Element:
    return ET.Element(f"{{{xml.OAI}}}{name}")


def identify(request: OaiRequest, context: Context) -> ET.Element:
    element = _element("Identify")
    earliest = repository.earliest_datestamp() or timezone.now()
    xml.sub(element, "repositoryName", "Passerelle")
    xml.sub(element, "baseURL", context.base_url)
    xml.sub(element, "protocolVersion", "2.0")
    xml.sub(element, "adminEmail", settings.OAI_ADMIN_EMAIL)
    xml.sub(element, "earliestDatestamp", format_datestamp(earliest))
    # An item that turns restricted or is unpublished leaves the repository without a trace.
    xml.sub(element, "deletedRecord", "transient")
    xml.sub(element, "granularity", GRANULARITY)
    return element


def list_metadata_formats(request: OaiRequest, context: Context) -> ET.Element:
    if request.get("identifier") is not None:
        repository.find_item(request.get("identifier"), context.repository)
    element = _element("ListMetadataFormats")
    metadata_format = xml.sub(element, "metadataFormat")
    xml.sub(metadata_format, "metadataPrefix", METADATA_PREFIX)
    xml.sub(metadata_format, "schema", xml.OAI_DC_SCHEMA)
    xml.sub(metadata_format, "metadataNamespace", xml.OAI_DC)
    return element


def list_sets(request: OaiRequest, context: Context) -> ET.Element:
    if request.get("resumptionToken") is not None:  # the list of sets comes in one piece
        raise OaiError("badResumptionToken", "This repository issues no token for ListSets.")
    element = _element("ListSets")
    for oai_set in repository.all_sets():
        entry = xml.sub(element, "set")
        xml.sub(entry, "setSpec", oai_set.spec)
        xml.sub(entry, "setName", oai_set.name)
    return element


def get_record(request: OaiRequest, context: Context) -> ET.Element:
    check_metadata_prefix(request.get("metadataPrefix"))
    item = repository.find_item(request.get("identifier"), context.repository)
    element = _element("GetRecord")
    _record(element, item, context, with_metadata=True)
    return element


def list_records(request: OaiRequest, context: Context) -> ET.Element:
    return _list(request, context, with_metadata=True)


def list_identifiers(request: OaiRequest, context: Context) -> ET.Element:
    return _list(request, context, with_metadata=False)


def _list(request: OaiRequest, context: Context, *, with_metadata: bool) -> ET.Element:
    after, cursor, total = 0, 0, None
    if request.get("resumptionToken") is not None:
        arguments, after, cursor, total = repository.read_token(request)
        request = parse_request({"verb": [request.verb]} | {k: [v] for k, v in arguments.items()})
    check_metadata_prefix(request.get("metadataPrefix"))
    selected = repository.selected_items(request)
    if total is None:
        total = selected.count()
    size = repository.page_size()
    batch = list(items_for_records(selected.filter(pk__gt=after))[: size + 1])
    if not batch:
        raise OaiError("noRecordsMatch", "No public record matches these arguments.")
    element = _element(request.verb)
    for item in batch[:size]:
        _record(element, item, context, with_metadata=with_metadata)
    if len(batch) > size or cursor:
        token = (
            repository.make_token(request, batch[size - 1].pk, cursor + size, total)
            if len(batch) > size
            else None
        )
        xml.sub(
            element, "resumptionToken", token or "", completeListSize=str(total), cursor=str(cursor)
        )
    return element


def _record(parent: ET.Element, item, context: Context, *, with_metadata: bool) -> None:
    """A header, inside a <record> with its metadata unless only identifiers are listed."""
    target = xml.sub(parent, "record") if with_metadata else parent
    sets = repository.item_sets(item)
    identifier = repository.item_identifier(item.pk, context.repository)
    xml.header(target, identifier, item.last_published_at, sets)
    if with_metadata:
        extra = {
            "contributor": [partner.name for partner in item.partners.all()],
            "format": sorted({link.document.mime_type for link in item.files.all()} - {""}),
        }
        xml.dublin_core(target, record_for(item, context.http), extra)


VERBS: dict[str, Callable[[OaiRequest, Context], ET.Element]] = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListRecords": list_records,
    "ListIdentifiers": list_identifiers,
}
