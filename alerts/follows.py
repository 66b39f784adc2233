"""Following a practice, a strategic objective, a theme or an organisation: a saved search
filtered on that one value, named after it, with weekly e-mails."""

from __future__ import annotations

from django.db.models import Model
from django.utils.translation import get_language, gettext

from alerts.models import Frequency, SavedSearch
from alerts.saving import save_search
from portal.models import Organisation
from research.models import Practice, StrategicObjective, Theme
from search.labels import FACET_TITLES, FacetLabels
from search.query import SearchError

# Search facet → the model holding its values and the field naming one.
FOLLOWABLE: dict[str, tuple[type[Model], str]] = {
    "practice": (Practice, "slug"),
    "objective": (StrategicObjective, "code"),
    "theme": (Theme, "slug"),
    "organisation": (Organisation, "slug"),
}


def follow_query(kind: str, value: str) -> dict[str, list[str]]:
    return {kind: [value]}


def followed(user) -> set[tuple[str, str]]:
    """The (facet, value) pairs whose one-value saved search `user` has."""
    found = set()
    for query in SavedSearch.objects.filter(owner=user).values_list("query", flat=True):
        if len(query) == 1:
            ((kind, values),) = query.items()
            if kind in FOLLOWABLE and isinstance(values, list) and len(values) == 1:
                found.add((kind, values[0]))
    return found


def follow(user, kind: str, value: str) -> SavedSearch:
    """Follow this value (once: following it again returns the saved search it has)."""
    _checked(kind, value)
    for saved in SavedSearch.objects.filter(owner=user):
        if saved.query == follow_query(kind, value):
            return saved
    language = (get_language() or "fr")[:2]
    name = gettext("%(facet)s: %(value)s") % {
        "facet": FACET_TITLES[kind],
        "value": FacetLabels(language).label(kind, value),
    }
    return save_search(user, name[:120], follow_query(kind, value), Frequency.WEEKLY, language)


def unfollow(user, kind: str, value: str) -> None:
    _checked(kind, value)
    for saved in SavedSearch.objects.filter(owner=user):
        if saved.query == follow_query(kind, value):
            saved.delete()


def _checked(kind: str, value: str) -> None:
    if kind not in FOLLOWABLE:
        raise SearchError(
            gettext("Only a practice, an objective, a theme or an organisation can be followed.")
        )
    model, field = FOLLOWABLE[kind]
    if not model.objects.filter(**{field: value}).exists():
        raise SearchError(gettext("There is nothing to follow under this name."))
