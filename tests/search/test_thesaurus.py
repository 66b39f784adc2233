"""The thesaurus in the database: installed by migration, edited in the admin, used at once."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from search import thesaurus
from search.backends import get_search_backend, reset_search_backend
from search.models import ThesaurusConcept
from tests.search.bilingual_documents import shipped_records
from tests.search.documents import research_documents

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed():
    reset_search_backend()
    backend = get_search_backend()
    backend.clear()
    backend.index_documents(research_documents())
    yield backend
    backend.clear()
    reset_search_backend()


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x" * 16)
    client.force_login(admin)
    return client


def found(client, text):
    body = client.get("/api/v1/search", {"q": text, "lang": "en"}).json()
    return [hit["id"] for hit in body["hits"]]


def test_the_migration_installs_the_shipped_concepts():
    assert ThesaurusConcept.objects.count() == len(shipped_records()) >= 150
    concept = ThesaurusConcept.objects.get(slug="racial-profiling")
    assert concept.french_terms() == ["profilage racial", "profilage ethnique"]
    assert concept.english_terms() == [
        "racial profiling",
        "ethnic profiling",
        "race-based profiling",
    ]


def test_a_saved_concept_is_used_by_the_next_search(client, indexed):
    assert found(client, "repeat calls") == []
    concept = ThesaurusConcept.objects.create(
        slug="repeat-calls", preferred_fr="appels répétés", preferred_en="repeat calls"
    )
    assert found(client, "repeat calls") == [103]  # « Les appels répétés à une même adresse »

    concept.preferred_fr = "appels multiples"
    concept.save()
    assert found(client, "repeat calls") == []

    concept.synonyms_fr = "appels répétés\n\n  appels en série  "
    concept.save()
    assert concept.french_terms() == ["appels multiples", "appels répétés", "appels en série"]
    assert found(client, "repeat calls") == [103]

    concept.delete()
    assert found(client, "repeat calls") == []


def test_an_edit_made_by_another_process_reaches_searches_within_seconds(
    client, indexed, monkeypatch
):
    clock = [1_000.0]
    monkeypatch.setattr(thesaurus.time, "monotonic", lambda: clock[0])
    ThesaurusConcept.objects.create(
        slug="repeat-calls", preferred_fr="appels répétés", preferred_en="repeat calls"
    )
    assert found(client, "repeat calls") == [103]

    # A bulk update sends no signal: this process learns of it only by checking the table.
    ThesaurusConcept.objects.filter(slug="repeat-calls").update(
        preferred_fr="appels multiples", updated_at=timezone.now()
    )
    clock[0] += thesaurus.RECHECK_SECONDS / 2
    assert found(client, "repeat calls") == [103]
    clock[0] += thesaurus.RECHECK_SECONDS
    assert found(client, "repeat calls") == []


def test_administrators_find_the_thesaurus_in_the_admin_menu(admin_client):
    home = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailsnippets_search_thesaurusconcept:list") in home
    listing = admin_client.get(reverse("wagtailsnippets_search_thesaurusconcept:list"))
    assert listing.status_code == 200
    searched = admin_client.get(
        reverse("wagtailsnippets_search_thesaurusconcept:list"), {"q": "street check"}
    ).content.decode()
    assert "interpellation" in searched and "cybercriminalité" not in searched


def test_administrators_add_a_concept(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_search_thesaurusconcept:add"),
        {
            "slug": "neighbourhood-watch",
            "preferred_fr": "surveillance de quartier",
            "synonyms_fr": "bon voisinage",
            "preferred_en": "neighbourhood watch",
            "synonyms_en": "neighborhood watch\nblock watch",
        },
    )
    assert response.status_code == 302
    concept = ThesaurusConcept.objects.get(slug="neighbourhood-watch")
    assert concept.english_terms() == ["neighbourhood watch", "neighborhood watch", "block watch"]


def test_a_term_no_query_could_name_is_refused_with_a_reason(admin_client):
    admin_client.cookies.load({"django_language": "fr"})
    response = admin_client.post(
        reverse("wagtailsnippets_search_thesaurusconcept:add"),
        {
            "slug": "empty",
            "preferred_fr": "de la",
            "preferred_en": "witness intimidation",
            "synonyms_en": "",
        },
        headers={"Accept-Language": "fr"},
    )
    assert response.status_code == 200
    assert not ThesaurusConcept.objects.filter(slug="empty").exists()
    assert "« de la » n&#x27;a aucun mot à chercher" in response.content.decode()
