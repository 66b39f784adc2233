"""Citation files (one item, a collection), the OpenAPI schema and its page, robots.txt."""

from __future__ import annotations

import json

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from exchange import citations, openapi
from exchange.records import items_for_records, records_for
from portal.absolute_urls import absolute_url
from research.access import viewer_for
from research.models import AccessLevel, ResearchPage

# extension → (content type, renderer of records under a heading)
CITATION_FORMATS = {
    "bib": ("application/x-bibtex", lambda heading, records: citations.to_bibtex(records)),
    "ris": (
        "application/x-research-info-systems",
        lambda heading, records: citations.to_ris(records),
    ),
    "json": (
        "application/vnd.citationstyles.csl+json",
        lambda heading, records: json.dumps(
            citations.to_csl_json(records), ensure_ascii=False, indent=2
        ),
    ),
    "txt": (
        "text/plain",
        lambda heading, records: citations.to_apa_text(
            heading, records, (get_language() or "fr")[:2]
        ),
    ),
}


def citations_response(
    request: HttpRequest, items, *, heading: str, filename: str, extension: str
) -> HttpResponse:
    """Items' references as a downloadable file (BibTeX, RIS, CSL-JSON or an APA list)."""
    if extension not in CITATION_FORMATS:
        raise Http404
    content_type, render_records = CITATION_FORMATS[extension]
    text = render_records(heading, records_for(items, request))
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    return response


@require_GET
def item_citation(request: HttpRequest, item_id: int, extension: str) -> HttpResponse:
    """The item as BibTeX, RIS or CSL-JSON; 404 for an item the viewer may not see."""
    item = items_for_records(ResearchPage.objects.live()).filter(pk=item_id).first()
    if item is None or not viewer_for(request.user).may_view(item):
        raise Http404
    response = citations_response(
        request, [item], heading=item.title, filename=item.slug, extension=extension
    )
    if item.access != AccessLevel.PUBLIC:
        patch_cache_control(response, private=True, no_store=True)
    return response


@require_GET
def api_schema(request: HttpRequest) -> JsonResponse:
    """The search API described as OpenAPI 3.1."""
    schema = openapi.search_api_schema(server_url=absolute_url("/", request))
    response = JsonResponse(schema, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"  # a public description, read by tools
    return response


@require_GET
def api_documentation(request: HttpRequest) -> HttpResponse:
    """The same schema as a readable page."""
    schema = openapi.search_api_schema(server_url=absolute_url("/", request))
    context = {
        "schema": schema,
        "operations": openapi.operations(schema),
        "schema_url": reverse("api_schema"),
    }
    return render(request, "exchange/api_documentation.html", context)


@require_GET
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        f"Sitemap: {absolute_url(reverse('sitemap'), request)}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
