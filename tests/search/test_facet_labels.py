"""Facet labels: every labelled facet read in one query, kept across requests until a change."""

from datetime import date

import pytest

from research.models import StrategicObjective, Theme
from search.labels import FacetLabels
from tests.research.test_plans import plan, plan_form  # noqa: F401 (a fixture and its form)

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(make_edition):
    return make_edition(2023, start_date=date(2023, 5, 16), end_date=date(2023, 5, 17))


def test_every_labelled_facet_is_read_in_one_query(plan, edition, django_assert_num_queries):  # noqa: F811
    labels = FacetLabels("en")

    with django_assert_num_queries(1):
        assert labels.label("organisation", "spvm") == "Montréal Police Service"
        assert labels.label("theme", "gender-based-violence") == "Gender-based violence"
        assert labels.label("type", "analysis") == "Analysis"
        assert labels.label("objective", "spvm-2030-p1-1") == "Measure trust"
        assert labels.label("edition", "2023") == "Rencontre 2023"
        assert labels.label("language", "fr") == "French"
        assert labels.label("tag", "vélo") == "vélo"
        assert labels.label("theme", "no-such-theme") == "no-such-theme"


def test_labels_are_kept_for_the_next_requests_in_their_language(
    plan,  # noqa: F811
    django_assert_num_queries,
):
    FacetLabels("fr").label("objective", "spvm-2030-p1-1")

    with django_assert_num_queries(0):
        assert FacetLabels("fr").label("objective", "spvm-2030-p1-1") == "Mesurer la confiance"
        assert FacetLabels("fr").label("language", "en") == "Anglais"
    with django_assert_num_queries(1):
        assert FacetLabels("en").label("objective", "spvm-2030-p1-1") == "Measure trust"


def test_a_renamed_theme_edition_or_objective_is_labelled_anew(plan, edition):  # noqa: F811
    assert FacetLabels("en").label("theme", "gender-based-violence") == "Gender-based violence"

    theme = Theme.objects.get(slug="gender-based-violence")
    theme.label_en = "Violence based on gender"
    theme.save()
    assert FacetLabels("en").label("theme", "gender-based-violence") == "Violence based on gender"

    edition.title = "Rencontre 2023 : données"
    edition.save_revision().publish()
    assert FacetLabels("en").label("edition", "2023") == "Rencontre 2023 : données"

    objective = StrategicObjective.objects.get(code="spvm-2030-p1-1")
    objective.title_en = "Measure trust every year"
    objective.save()
    assert FacetLabels("en").label("objective", "spvm-2030-p1-1") == "Measure trust every year"


def test_labels_come_from_the_database_when_the_cache_fails(edition, monkeypatch):
    from redis.exceptions import ConnectionError as RedisConnectionError

    from search import labels

    def unreachable(*args, **kwargs):
        raise RedisConnectionError("no cache")

    monkeypatch.setattr(labels.cache, "get", unreachable)
    monkeypatch.setattr(labels.cache, "set", unreachable)

    assert FacetLabels("fr").label("edition", "2023") == "Rencontre 2023"
