"""Searches that find almost nothing are recorded (words, filters, language, day), never who
searched; the organisers see them grouped by meaning and publish calls for research."""

import datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from readership import aggregation, buffer
from readership.models import CallForResearch, PendingSearch, UnmetSearch
from tests.readership.conftest import make_user

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2025, 3, 14, 15, 0, tzinfo=datetime.UTC)


@pytest.fixture
def indexed(search_index, make_research_page, django_capture_on_commit_callbacks):
    """Three studies about street checks: `interpellations` finds three."""
    for number in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            make_research_page(title=f"Interpellations policières {number}", slug=f"i-{number}")
    return search_index


def recorded():
    buffer.flush()
    aggregation.aggregate()
    return sorted(
        UnmetSearch.objects.values_list("query", "parameters", "language", "count", "day")
    )


def search_page(language):
    with translation.override(language):
        return reverse("search_page")


@time_machine.travel(TODAY, tick=False)
def test_a_search_that_finds_almost_nothing_is_recorded_without_who_searched(reader, indexed):
    user = make_user("chercheuse", "spvm")
    reader.force_login(user)
    reader.get(search_page("fr"), {"q": "  Caméras   CORPORELLES  ", "theme": "youth"})
    reader.get("/api/v1/search", {"q": "body-worn cameras", "lang": "en"})
    reader.get(search_page("fr"), {"q": "interpellations"})  # three results: not recorded
    day = timezone.localdate()
    assert recorded() == [
        ("body-worn cameras", "", "en", 1, day),
        ("caméras corporelles", "theme=youth", "fr", 1, day),
    ]
    stored = " ".join(str(v) for row in UnmetSearch.objects.values() for v in row.values())
    assert "chercheuse" not in stored and "203.0.113.7" not in stored
    fields = {field.name for model in (UnmetSearch, PendingSearch) for field in model._meta.fields}
    assert fields.isdisjoint({"user", "username", "client_address", "address", "user_agent"})
    assert not PendingSearch.objects.exists()  # folded, then forgotten


def test_robots_searches_and_empty_searches_are_not_recorded(client, indexed):
    client.get(search_page("fr"), {"q": "drones"}, HTTP_USER_AGENT="Googlebot/2.1")
    client.get(search_page("fr"), HTTP_USER_AGENT="Mozilla/5.0 Firefox/125.0")
    assert recorded() == []


def test_the_same_search_on_one_day_adds_up(reader, indexed):
    for _ in range(3):
        reader.get(search_page("en"), {"q": "drones"})
    assert [row[3] for row in recorded()] == [3]


def test_unmet_searches_are_kept_twelve_months(reader, indexed):
    with time_machine.travel(TODAY, tick=False):
        reader.get(search_page("fr"), {"q": "drones"})
        recorded()
    with time_machine.travel(TODAY + datetime.timedelta(days=300), tick=False):
        assert aggregation.purge()["unmet_searches"] == 0
    with time_machine.travel(TODAY + datetime.timedelta(days=370), tick=False):
        assert aggregation.purge()["unmet_searches"] == 1
    assert not UnmetSearch.objects.exists()


def organiser(client):
    user = make_user("organisatrice", group="Rencontre organisers")
    client.force_login(user)
    return user


def unmet(month_day, query, language, count, parameters=""):
    UnmetSearch.objects.create(
        day=month_day, query=query, parameters=parameters, language=language, count=count
    )


@pytest.mark.parametrize(
    ("role", "allowed"), [("organiser", True), ("administrator", True), ("editor", False)]
)
def test_unmet_searches_are_for_administrators_and_organisers(client, role, allowed):
    if role == "organiser":
        organiser(client)
    elif role == "administrator":
        client.force_login(get_user_model().objects.create_superuser("a", "a@example.org", "x"))
    else:
        client.force_login(make_user("redacteur", "spvm", "Editors"))
    response = client.get(reverse("readership:unmet_searches"))
    assert response.status_code == (200 if allowed else 302)


@time_machine.travel(TODAY, tick=False)
def test_french_and_english_searches_of_one_concept_count_together(client):
    organiser(client)
    day = timezone.localdate()
    unmet(day, "profilage racial jeunes", "fr", 4)
    unmet(day, "youth racial profiling", "en", 3)
    unmet(day, "racial profiling youth", "en", 1, parameters="theme=youth")  # other filters
    unmet(day, "drones", "fr", 2)
    unmet(day - datetime.timedelta(days=40), "profilage racial jeunes", "fr", 50)  # another month
    page = client.get(reverse("readership:unmet_searches")).content.decode()
    groups = page.split("data-unmet-group")[1:]
    assert [group.split("data-count>")[1].split("<")[0] for group in groups] == ["7", "2", "1"]
    assert "profilage racial jeunes" in groups[0] and "youth racial profiling" in groups[0]
    assert 'href="/fr/recherche/?q=youth+racial+profiling"' in groups[0]
    assert "theme=youth" in groups[2]


@time_machine.travel(TODAY, tick=False)
def test_a_call_for_research_shows_on_the_open_questions_page_and_the_evidence_map(client):
    organiser(client)
    unmet(timezone.localdate(), "body-worn cameras use of force", "en", 5, "region=Laval")
    page = client.get(reverse("readership:unmet_searches")).content.decode()
    assert "Marquer comme appel à la recherche" in page
    form = client.get(
        reverse("readership:mark_call"),
        {"query": "body-worn cameras use of force", "parameters": "region=Laval"},
    )
    # Suggested from the words naming a practice and an outcome; a filter would come first.
    assert form.context["form"].initial["row"] == "practice:body-worn-cameras"
    assert form.context["form"].initial["outcome"] == "use-of-force"
    response = client.post(
        reverse("readership:mark_call"),
        {
            "question_fr": "Les caméras portatives réduisent-elles l'emploi de la force ?",
            "question_en": "Do body-worn cameras reduce the use of force?",
            "query": "body-worn cameras use of force",
            "parameters": "region=Laval",
            "row": "practice:body-worn-cameras",
            "outcome": "use-of-force",
        },
    )
    assert response.status_code == 302
    call = CallForResearch.objects.get()
    placed = (call.row_kind, call.row_value, call.outcome)
    assert placed == ("practice", "body-worn-cameras", "use-of-force")

    client.logout()
    french = client.get("/fr/questions-ouvertes/").content.decode()
    assert "Les caméras portatives réduisent-elles l&#x27;emploi de la force ?" in french
    assert 'href="/fr/recherche/?q=body-worn+cameras+use+of+force&amp;region=Laval"' in french
    english = client.get("/en/open-questions/").content.decode()
    assert "Do body-worn cameras reduce the use of force?" in english

    evidence_map = client.get("/en/evidence-map/").content.decode()
    assert f'href="/en/open-questions/#question-{call.pk}"' in evidence_map
    assert "Open questions on these gaps" in evidence_map
    themes_map = client.get("/en/evidence-map/", {"rows": "theme"}).content.decode()
    assert "#question-" not in themes_map  # placed on the practices' rows only
