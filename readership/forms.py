"""The form that turns an unmet search into a call for research, and where it may sit on the
evidence map (suggested from the search's filters, else from the words naming a practice,
theme or outcome)."""

from __future__ import annotations

from urllib.parse import parse_qs

from django import forms
from django.utils.translation import gettext_lazy as _

from readership.models import CallForResearch
from research.evidence import ROW_KINDS, ROW_LABELS, outcome_entries, row_entries
from research.models import Outcome, Practice, Theme
from search.expansion import term_key


def row_choices() -> list:
    choices: list = [("", _("No row: the whole column, or not on the map"))]
    for kind in ROW_KINDS:
        choices.append(
            (ROW_LABELS[kind], [(f"{kind}:{value}", label) for value, label in row_entries(kind)])
        )
    return choices


def outcome_choices() -> list:
    return [("", _("No outcome: the whole row, or not on the map")), *outcome_entries()]


class CallForResearchForm(forms.ModelForm):
    row = forms.ChoiceField(label=_("Evidence map row"), required=False, choices=row_choices)
    outcome = forms.ChoiceField(
        label=_("Evidence map outcome"), required=False, choices=outcome_choices
    )

    class Meta:
        model = CallForResearch
        fields = ["question_fr", "question_en", "query", "parameters", "outcome"]
        widgets = {"query": forms.HiddenInput, "parameters": forms.HiddenInput}

    def save(self, commit=True):
        kind, _separator, value = self.cleaned_data["row"].partition(":")
        self.instance.row_kind, self.instance.row_value = kind, value
        return super().save(commit)


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return bool(part) and any(
        words[start : start + len(part)] == part for start in range(len(words) - len(part) + 1)
    )


def _named(words: tuple[str, ...], vocabulary) -> str:
    """The first entry of `vocabulary` whose French or English label the words contain."""
    for entry in vocabulary.objects.all():
        if _contains(words, term_key(entry.label_fr)) or _contains(words, term_key(entry.label_en)):
            return entry.slug
    return ""


def suggested_placement(query: str, parameters: str) -> dict[str, str]:
    """Initial `row` and `outcome` of the form for this search."""
    filters = parse_qs(parameters)
    row = next(
        (f"{kind}:{filters[kind][0]}" for kind in ROW_KINDS if filters.get(kind)),
        "",
    )
    outcome = (filters.get("outcome") or [""])[0]
    words = term_key(query)
    if not row:
        practice = _named(words, Practice)
        theme = "" if practice else _named(words, Theme)
        row = f"practice:{practice}" if practice else (f"theme:{theme}" if theme else "")
    if not outcome:
        outcome = _named(words, Outcome)
    return {"row": row, "outcome": outcome}
