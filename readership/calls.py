"""Calls for research as the public pages show them: the questions, and where they sit on the
evidence map (the gaps they ask to fill)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse

from readership.models import CallForResearch
from readership.unmet import search_link


def search_url(call: CallForResearch) -> str:
    return reverse("search_page") + search_link(call.query, call.parameters)


def places_on_map(call: CallForResearch, rows: str) -> bool:
    """Whether the call points at cells of the evidence map with these rows."""
    if call.row_kind:
        return call.row_kind == rows
    return bool(call.outcome)


def covers(call: CallForResearch, rows: str, row: str, outcome: str) -> bool:
    """Whether the call asks about this cell (a whole row or column when it names only one)."""
    return (
        places_on_map(call, rows)
        and (not call.row_kind or call.row_value == row)
        and (not call.outcome or call.outcome == outcome)
    )


@dataclass
class MapQuestions:
    """The calls placed on one evidence map, and which gaps each covers."""

    rows: str
    calls: list[CallForResearch] = field(default_factory=list)

    def at(self, row: str, outcome: str) -> list[CallForResearch]:
        return [call for call in self.calls if covers(call, self.rows, row, outcome)]

    @property
    def url(self) -> str:
        return reverse("open_questions")


def map_questions(rows: str) -> MapQuestions:
    calls = [call for call in CallForResearch.objects.all() if places_on_map(call, rows)]
    return MapQuestions(rows, calls)
