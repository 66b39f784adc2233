"""The search API of SPEC §6 described as OpenAPI 3.1, built from the limits the code enforces."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from exchange.results import EXPORT_LIMIT
from research.access import AccessLevel
from research.evidence import ROW_KINDS
from research.verdicts import VERDICTS
from search.labels import FACET_TITLES
from search.params import DEFAULT_RELATED, MAX_RELATED, MAX_YEAR, MIN_YEAR
from search.query import (
    DEFAULT_PAGE_SIZE,
    FACET_NAMES,
    MAX_FILTER_VALUES,
    MAX_PAGE_SIZE,
    MAX_RESULT_WINDOW,
    MODES,
    REVERSED_YEARS,
    SORTS,
)

EXPORT_FORMAT_NAMES = ("csv", "bibtex", "ris", "csl-json")


def search_api_schema(server_url: str) -> dict[str, Any]:
    """The schema, with descriptions in the active language."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": _("Passerelle search API"),
            "version": "1",
            "description": _(
                "Search the research published on Passerelle, inside attached files too. "
                "Answers cover only what the caller may see: public items without "
                "authentication; members' items with their session or personal token."
            ),
        },
        "servers": [{"url": server_url.rstrip("/")}],
        "security": [{}, {"bearerToken": []}, {"session": []}],
        "paths": {
            "/api/v1/search": {"get": _search_operation()},
            "/api/v1/search/export": {"get": _export_operation()},
            "/api/v1/saved-searches": {
                "get": _saved_searches_listing(),
                "post": _saved_search_creation(),
            },
            "/api/v1/saved-searches/{id}": {"delete": _saved_search_deletion()},
            "/api/v1/items/{id}/related": {"get": _related_operation()},
            "/api/v1/practices": {"get": _practices_operation()},
            "/api/v1/practices/{slug}": {"get": _practice_operation()},
            "/api/v1/evidence-map": {"get": _evidence_map_operation()},
        },
        "components": {
            "securitySchemes": {
                "bearerToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": _(
                        "A personal token printed by `python manage.py member token USERNAME`."
                    ),
                },
                "session": {"type": "apiKey", "in": "cookie", "name": "sessionid"},
            },
            "parameters": _parameters(),
            "schemas": {**_schemas(), **_saved_search_schemas()},
            "responses": _error_responses(),
        },
    }


def _search_operation() -> dict[str, Any]:
    return {
        "operationId": "search",
        "summary": _("Search research items"),
        "description": _(
            "Without q (or with an empty one) it lists everything the caller may see, newest first."
        ),
        "parameters": [_ref(name) for name in _search_parameter_names()],
        "responses": {
            "200": {
                "description": _("The matching items, facet counts and year histogram."),
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/SearchResult"}}
                },
            },
            **_error_refs(),
        },
    }


def _export_operation() -> dict[str, Any]:
    names = [name for name in _search_parameter_names() if name not in ("page", "size")]
    return {
        "operationId": "searchExport",
        "summary": _("Export a search's results"),
        "description": _(
            "The first %(limit)d results of the search as a file: CSV (public fields, one row "
            "per item), BibTeX, RIS or CSL-JSON."
        )
        % {"limit": EXPORT_LIMIT},
        "parameters": [_ref("format"), *(_ref(name) for name in names)],
        "responses": {
            "200": {
                "description": _("The file, as an attachment."),
                "content": {
                    "text/csv": {"schema": {"type": "string"}},
                    "application/x-bibtex": {"schema": {"type": "string"}},
                    "application/x-research-info-systems": {"schema": {"type": "string"}},
                    "application/vnd.citationstyles.csl+json": {
                        "schema": {"type": "array", "items": {"type": "object"}}
                    },
                },
            },
            **_error_refs(),
        },
    }


def _related_operation() -> dict[str, Any]:
    return {
        "operationId": "relatedItems",
        "summary": _("Research related to an item"),
        "description": _(
            "The items closest in meaning to this one, in either language, raised by the "
            "practices, themes and strategic objectives they share with it; only those the "
            "caller may see."
        ),
        "parameters": [_ref("itemId"), _ref("relatedSize"), _ref("lang")],
        "responses": {
            "200": {
                "description": _("The related items, closest first, as search hits."),
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/RelatedItems"}}
                },
            },
            "404": {"$ref": "#/components/responses/ItemNotFound"},
            **_error_refs(),
        },
    }


def _json_answer(description: str, schema: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
    }


def _practices_operation() -> dict[str, Any]:
    return {
        "operationId": "listPractices",
        "summary": _("What works, per practice"),
        "description": _(
            "Each practice's verdict per outcome, by the Maryland rule, computed from the "
            "findings of the studies the caller may see."
        ),
        "parameters": [_ref("lang")],
        "responses": {
            "200": _json_answer(_("Every practice, with its verdicts."), "PracticeList"),
            **_error_refs(),
        },
    }


def _practice_operation() -> dict[str, Any]:
    return {
        "operationId": "practice",
        "summary": _("One practice and its studies"),
        "description": _(
            "Its verdicts, and the studies the caller may see, strongest evidence first, a "
            "page at a time."
        ),
        "parameters": [_ref("practiceSlug"), _ref("studiesPage"), _ref("size"), _ref("lang")],
        "responses": {
            "200": _json_answer(
                _("The practice, its verdicts and a page of its studies."), "PracticeStudies"
            ),
            "404": {"$ref": "#/components/responses/PracticeNotFound"},
            **_error_refs(),
        },
    }


def _evidence_map_operation() -> dict[str, Any]:
    return {
        "operationId": "evidenceMap",
        "summary": _("The evidence map"),
        "description": _(
            "Rows (practices, strategic objectives or themes) by outcomes: the findings the "
            "caller may see in each cell and their verdict; an empty cell is a research gap."
        ),
        "parameters": [
            _ref("mapRows"),
            _ref("organisation"),
            _ref("region"),
            _ref("year_from"),
            _ref("year_to"),
            _ref("local"),
            _ref("lang"),
        ],
        "responses": {"200": _json_answer(_("The grid."), "EvidenceMap"), **_error_refs()},
    }


SAVED_SEARCH_FREQUENCIES = ("none", "daily", "weekly")


def _saved_searches_listing() -> dict[str, Any]:
    return {
        "operationId": "listSavedSearches",
        "summary": _("List your saved searches"),
        "description": _("Signed in or with a personal token; anonymous callers get a 401."),
        "parameters": [],
        "responses": {
            "200": {
                "description": _("Your saved searches."),
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/SavedSearchList"}}
                },
            },
            "401": {"$ref": "#/components/responses/Unauthorised"},
        },
    }


def _saved_search_creation() -> dict[str, Any]:
    return {
        "operationId": "createSavedSearch",
        "summary": _("Save a search"),
        "description": _(
            "The query holds the parameters of /api/v1/search (a list for a repeated one), "
            "checked as a search would check them; page is not kept. The frequency says how "
            "often new items arrive by e-mail."
        ),
        "parameters": [],
        "requestBody": {
            "required": True,
            "description": _(
                'JSON: {"name", "query", "frequency"}, and optionally "language" (fr or en, '
                "the e-mails' language)."
            ),
            "content": {
                "application/json": {"schema": {"$ref": "#/components/schemas/NewSavedSearch"}}
            },
        },
        "responses": {
            "201": {
                "description": _("The saved search, with its private feed address."),
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/SavedSearch"}}
                },
            },
            "400": {"$ref": "#/components/responses/BadRequest"},
            "401": {"$ref": "#/components/responses/Unauthorised"},
        },
    }


def _saved_search_deletion() -> dict[str, Any]:
    return {
        "operationId": "deleteSavedSearch",
        "summary": _("Delete a saved search"),
        "description": _("Only your own: another member's saved search is a 404."),
        "parameters": [_ref("savedSearchId")],
        "responses": {
            "204": {"description": _("Deleted.")},
            "401": {"$ref": "#/components/responses/Unauthorised"},
            "404": {"$ref": "#/components/responses/NotFound"},
        },
    }


def _saved_search_schemas() -> dict[str, Any]:
    query = {
        "type": "object",
        "description": _("Parameters of /api/v1/search: text, or a list for a repeated one."),
        "additionalProperties": {
            "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
        },
    }
    frequency = {"type": "string", "enum": list(SAVED_SEARCH_FREQUENCIES)}
    language = {"type": "string", "enum": ["fr", "en"]}
    return {
        "NewSavedSearch": {
            "type": "object",
            "required": ["name"],
            "additionalProperties": False,
            "properties": {
                "name": {"type": "string", "minLength": 1, "maxLength": 120},
                "query": query,
                "frequency": {**frequency, "default": "none"},
                "language": language,
            },
        },
        "SavedSearch": {
            "type": "object",
            "required": ["id", "name", "query", "frequency", "language", "feed_url", "new_items"],
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string"},
                "query": query,
                "frequency": frequency,
                "language": language,
                "feed_url": {
                    "type": "string",
                    "format": "uri",
                    "description": _("Private Atom feed: keep it secret; revocable."),
                },
                "new_items": {
                    "type": "integer",
                    "description": _("Items new to you since you last opened it."),
                },
            },
        },
        "SavedSearchList": {
            "type": "object",
            "required": ["saved_searches"],
            "properties": {
                "saved_searches": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/SavedSearch"},
                }
            },
        },
    }


def _search_parameter_names() -> list[str]:
    names = ["q", "expand", "mode", "page", "size", "sort", "year_from", "year_to", "lang"]
    return [*names, *FACET_NAMES]


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/parameters/{name}"}


def _query_parameter(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "description": description, "schema": schema}


def _year(description: str) -> str:
    """A year bound's description, with the rule the API applies to the range (else a 400)."""
    return f"{description} {_(REVERSED_YEARS)}"


def _parameters() -> dict[str, Any]:
    year = {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR}
    parameters = {
        "q": _query_parameter(
            "q",
            _(
                'Words to find (all must match); "a phrase", -exclusion, a OR b, prefix*. '
                "Searches titles, summaries, findings, bodies and the text of attached files."
            ),
            {"type": "string"},
        ),
        "expand": _query_parameter(
            "expand",
            _(
                "1 (default): words that name a thesaurus concept also find its other terms, "
                "in French and English; 0: the words alone."
            ),
            {"type": "integer", "enum": [0, 1], "default": 1},
        ),
        "mode": _query_parameter(
            "mode",
            _(
                "hybrid (default): items close in meaning to the words, in either language, are "
                "found too and ranked with the others; keyword: the words alone."
            ),
            {"type": "string", "enum": list(MODES), "default": "hybrid"},
        ),
        "page": _query_parameter(
            "page",
            _("Page number, from 1. Only the first %(window)d results can be paged through.")
            % {"window": MAX_RESULT_WINDOW},
            {"type": "integer", "minimum": 1, "default": 1},
        ),
        "size": _query_parameter(
            "size",
            _("Hits per page."),
            {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
        ),
        "sort": _query_parameter(
            "sort",
            _(
                "Order of the hits; relevance without words means newest; evidence puts the "
                "strongest studies (Maryland level) first, each level by relevance."
            ),
            {"type": "string", "enum": list(SORTS), "default": "relevance"},
        ),
        "year_from": _query_parameter("year_from", _year(_("First publication year.")), year),
        "year_to": _query_parameter("year_to", _year(_("Last publication year.")), year),
        "lang": _query_parameter(
            "lang",
            _("Language of labels and messages; defaults to the Accept-Language header."),
            {"type": "string", "enum": ["fr", "en"]},
        ),
        "format": {
            **_query_parameter(
                "format", _("File format."), {"type": "string", "enum": list(EXPORT_FORMAT_NAMES)}
            ),
            "required": True,
        },
    }
    parameters["size"]["schema"]["default"] = DEFAULT_PAGE_SIZE
    for name in FACET_NAMES:
        parameters[name] = {
            **_query_parameter(
                name,
                _(
                    "%(facet)s filter; repeat for several values (any of them matches, at most "
                    "%(max)d)."
                )
                % {"facet": FACET_TITLES[name], "max": MAX_FILTER_VALUES},
                {"type": "array", "items": {"type": "string"}, "maxItems": MAX_FILTER_VALUES},
            ),
            "style": "form",
            "explode": True,
        }
    parameters["savedSearchId"] = {
        "name": "id",
        "in": "path",
        "required": True,
        "description": _("The saved search's id."),
        "schema": {"type": "integer"},
    }
    parameters["itemId"] = {
        "name": "id",
        "in": "path",
        "required": True,
        "description": _("The item's id."),
        "schema": {"type": "integer"},
    }
    parameters["practiceSlug"] = {
        "name": "slug",
        "in": "path",
        "required": True,
        "description": _("The practice's slug."),
        "schema": {"type": "string"},
    }
    parameters["studiesPage"] = _query_parameter(
        "page", _("Page of studies, from 1."), {"type": "integer", "minimum": 1, "default": 1}
    )
    parameters["mapRows"] = _query_parameter(
        "rows",
        _("What the rows are."),
        {"type": "string", "enum": list(ROW_KINDS), "default": "practice"},
    )
    parameters["local"] = _query_parameter(
        "local",
        _("1: only the studies evaluated in Québec or Ontario."),
        {"type": "integer", "enum": [0, 1], "default": 0},
    )
    parameters["relatedSize"] = _query_parameter(
        "size",
        _("How many related items, at most."),
        {"type": "integer", "minimum": 1, "maximum": MAX_RELATED, "default": DEFAULT_RELATED},
    )
    return parameters


def _schemas() -> dict[str, Any]:
    string, integer = {"type": "string"}, {"type": "integer"}
    labelled = {"$ref": "#/components/schemas/Labelled"}
    return {
        "Labelled": {
            "type": "object",
            "description": _("A vocabulary value and its label in the requested language."),
            "required": ["value", "label"],
            "properties": {"value": string, "label": string},
        },
        "Hit": {
            "type": "object",
            "required": ["id", "url", "title", "year", "language", "organisation", "type"],
            "properties": {
                "id": integer,
                "url": string,
                "title": string,
                "year": {"type": ["integer", "null"]},
                "language": {"type": "string", "enum": ["fr", "en"]},
                "organisation": {
                    "type": "object",
                    "properties": {"slug": string, "label": string},
                },
                "type": string,
                "access": {"type": "string", "enum": AccessLevel.values},
                "highlights": {
                    "type": "object",
                    "description": _("Field name → HTML fragments, matches wrapped in <mark>."),
                    "additionalProperties": {"type": "array", "items": string},
                },
                "evidence": {
                    "description": _("Strength of evidence (Maryland Scientific Methods Scale)."),
                    "oneOf": [labelled, {"type": "null"}],
                },
                "design": {
                    "description": _("Study design."),
                    "oneOf": [labelled, {"type": "null"}],
                },
                "findings": {
                    "type": "array",
                    "description": _("What the study found, per outcome measured, in its order."),
                    "items": {
                        "type": "object",
                        "properties": {"outcome": labelled, "effect": labelled},
                    },
                },
                "practices": {
                    "type": "array",
                    "description": _("Practices the study evaluates."),
                    "items": labelled,
                },
                "related_passage": {
                    "type": ["string", "null"],
                    "description": _(
                        "For an item found by its meaning alone: its closest passage (HTML, "
                        "escaped)."
                    ),
                },
                "matched_terms": {
                    "type": "array",
                    "description": _("What the item matched of each part the thesaurus expanded."),
                    "items": {
                        "type": "object",
                        "properties": {
                            "query": string,
                            "term": string,
                            "language": string,
                            "expanded": {"type": "boolean"},
                        },
                    },
                },
            },
        },
        "FacetValue": {
            "type": "object",
            "properties": {
                "value": string,
                "label": string,
                "count": integer,
                "selected": {"type": "boolean"},
            },
        },
        "SearchResult": {
            "type": "object",
            "required": ["total", "page", "size", "took_ms", "hits", "facets"],
            "properties": {
                "total": integer,
                "page": integer,
                "size": integer,
                "took_ms": integer,
                "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
                "facets": {
                    "type": "object",
                    "additionalProperties": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/FacetValue"},
                    },
                },
                "expansions": {
                    "type": "array",
                    "description": _("The terms the thesaurus added to the query."),
                    "items": {"type": "object"},
                },
                "mode": {
                    "type": "string",
                    "enum": ["hybrid", "keyword", "keyword-fallback"],
                    "description": _(
                        "How the hits were found: words and meaning, words only, or words only "
                        "because search by meaning is unavailable now."
                    ),
                },
                "years": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {"year": integer, "count": integer},
                    },
                },
            },
        },
        "RelatedItems": {
            "type": "object",
            "required": ["item", "hits"],
            "properties": {
                "item": integer,
                "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
            },
        },
        **_evidence_schemas(labelled),
        "Error": {
            "type": "object",
            "required": ["error"],
            "properties": {"error": {"type": "string"}},
        },
    }


def _evidence_schemas(labelled: dict[str, str]) -> dict[str, Any]:
    string, count = {"type": "string"}, {"type": "integer", "minimum": 0}
    verdict = {
        "type": "string",
        "enum": list(VERDICTS),
        "description": _("works, promising, does-not-work or unknown, by the Maryland rule."),
    }
    practice = {
        "type": "object",
        "required": ["slug", "label", "url", "verdicts"],
        "properties": {
            "slug": string,
            "label": string,
            "url": string,
            "verdicts": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["outcome", "verdict", "findings", "studies", "strongest"],
                    "properties": {
                        "outcome": labelled,
                        "verdict": verdict,
                        "findings": {
                            **count,
                            "description": _(
                                "Findings the caller may see, whatever their study's level."
                            ),
                        },
                        "studies": {**count, "description": _("Distinct studies behind them.")},
                        "strongest": {
                            "type": ["string", "null"],
                            "description": _("The most rigorous study's level, or null."),
                        },
                    },
                },
            },
        },
    }
    study = {
        "type": "object",
        "required": ["id", "title", "url", "evidence", "findings"],
        "properties": {
            "id": {"type": "integer"},
            "title": string,
            "url": string,
            "evidence": labelled,
            "findings": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["outcome", "effect"],
                    "properties": {"outcome": labelled, "effect": labelled},
                },
            },
        },
    }
    return {
        "Practice": practice,
        "PracticeList": {
            "type": "object",
            "required": ["practices"],
            "properties": {
                "practices": {"type": "array", "items": {"$ref": "#/components/schemas/Practice"}}
            },
        },
        "PracticeStudies": {
            "allOf": [
                {"$ref": "#/components/schemas/Practice"},
                {
                    "type": "object",
                    "required": ["total", "page", "size", "studies"],
                    "properties": {
                        "total": count,
                        "page": {"type": "integer", "minimum": 1},
                        "size": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                        "studies": {"type": "array", "items": study},
                    },
                },
            ]
        },
        "EvidenceMap": {
            "type": "object",
            "required": ["rows", "columns", "cells"],
            "properties": {
                "rows": {"type": "array", "items": labelled},
                "columns": {"type": "array", "items": labelled},
                "cells": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["row", "column", "findings", "verdict"],
                        "properties": {
                            "row": string,
                            "column": string,
                            "findings": count,
                            "verdict": verdict,
                        },
                    },
                },
            },
        },
    }


def _error_responses() -> dict[str, Any]:
    def error(description: str) -> dict[str, Any]:
        return {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }

    return {
        "BadRequest": error(_("A parameter is wrong; the message names it.")),
        "Unauthorised": error(_("The bearer token is not valid or has been revoked.")),
        "Unavailable": error(_("The search engine cannot answer; try again later.")),
        "NotFound": error(_("There is no such saved search among yours.")),
        "ItemNotFound": error(_("There is no such item, or you may not see it.")),
        "PracticeNotFound": error(_("There is no such practice.")),
    }


def _error_refs() -> dict[str, Any]:
    return {
        "400": {"$ref": "#/components/responses/BadRequest"},
        "401": {"$ref": "#/components/responses/Unauthorised"},
        "503": {"$ref": "#/components/responses/Unavailable"},
    }


def operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """The schema's operations with their parameters resolved, for the documentation page."""
    components = schema["components"]
    resolved = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            parameters = [
                components["parameters"][parameter["$ref"].rsplit("/", 1)[1]]
                for parameter in operation["parameters"]
            ]
            responses = {
                code: components["responses"][value["$ref"].rsplit("/", 1)[1]]
                if "$ref" in value
                else value
                for code, value in operation["responses"].items()
            }
            resolved.append(
                {
                    "path": path,
                    "method": method.upper(),
                    **operation,
                    "parameters": parameters,
                    "responses": responses,
                }
            )
    return resolved
