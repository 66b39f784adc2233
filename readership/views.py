"""The public page of open questions: the calls for research the organisers marked."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from readership.calls import search_url
from readership.models import CallForResearch
from research.evidence import outcome_entries, row_entries


@require_GET
def open_questions(request: HttpRequest) -> HttpResponse:
    calls = list(CallForResearch.objects.all())
    outcomes = dict(outcome_entries())
    rows = {kind: dict(row_entries(kind)) for kind in {call.row_kind for call in calls} if kind}
    questions = [
        {
            "call": call,
            "search_url": search_url(call),
            "row_kind": call.get_row_kind_display(),
            "row": rows.get(call.row_kind, {}).get(call.row_value, call.row_value),
            "outcome": outcomes.get(call.outcome, call.outcome),
        }
        for call in calls
    ]
    return render(request, "readership/open_questions.html", {"questions": questions})
