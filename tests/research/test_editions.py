"""Rencontre editions: built through the Wagtail admin, slides found in search, the programme
rendered and downloaded as an iCalendar file, and presentations promoted to research items."""

import datetime
import io
import zoneinfo
from html import unescape

import icalendar
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from pptx import Presentation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from portal.models import Membership, Organisation
from research.models import (
    EditionIndexPage,
    EditionPage,
    EditionSession,
    PresentationPage,
    ResearchDocument,
    ResearchIndexPage,
    ResearchPage,
)
from worker import ingest

SLIDE_WORD = "cartographiepredictive"
MONTREAL = zoneinfo.ZoneInfo("America/Toronto")


def slides_pptx(*slides: tuple[str, str]) -> bytes:
    """A real PPTX: one slide per (title, body)."""
    deck = Presentation()
    for title, body in slides:
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = title
        slide.placeholders[1].text_frame.text = body
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def add_url(model, parent) -> str:
    return reverse("wagtailadmin_pages:add", args=("research", model._meta.model_name, parent.pk))


def edition_form(year=2026, sessions=None, **overrides):
    sessions = sessions or [
        {
            "title": "Analyse et prévention",
            "starts_at": f"{year}-05-12 09:00",
            "ends_at": f"{year}-05-12 10:30",
            "room": "Salle Desjardins",
            "chair": "Marie Exemple (ENPQ)",
        }
    ]
    return nested_form_data(
        {
            "title": f"Rencontre {year}",
            "slug": str(year),
            "year": year,
            "start_date": f"{year}-05-12",
            "end_date": f"{year}-05-13",
            "venue": "École nationale de police du Québec, Nicolet",
            "theme_fr": "Les données au service de la prévention",
            "theme_en": "Data serving prevention",
            "description_fr": rich_text("<p>Deux jours d'échanges.</p>"),
            "description_en": rich_text("<p>Two days of exchanges.</p>"),
            "sessions": inline_formset(sessions),
            "comments": inline_formset([]),
            "action-publish": "publish",
            **overrides,
        }
    )


def presentation_form(title, session, documents=(), related=(), **overrides):
    return nested_form_data(
        {
            "title": title,
            "slug": overrides.pop("slug", "cartes-de-chaleur"),
            "session": session.pk if session else "",
            "organisation": Organisation.objects.get(slug="spvq").pk,
            "language": "fr",
            "authors": inline_formset(
                [
                    {"name": "Alex Exemple", "affiliation": "SPVQ"},
                    {"name": "Sam Exemple", "affiliation": "Université Laval"},
                ]
            ),
            "summary": "Comment les cartes de chaleur orientent les patrouilles.",
            "files": inline_formset(
                [{"document": document.pk, "label": "Diapositives"} for document in documents]
            ),
            "video_url": "https://video.example.org/rencontre/cartes",
            "related_links": inline_formset([{"item": item.pk} for item in related]),
            "tags": "cartographie",
            "access": "public",
            "comments": inline_formset([]),
            "action-publish": "publish",
            **overrides,
        }
    )


@pytest.fixture
def slides(db):
    data = slides_pptx(
        ("Cartes de chaleur", f"La {SLIDE_WORD} oriente les patrouilles de nuit."),
        ("Résultats", "Baisse des introductions par effraction."),
    )
    document = ResearchDocument(title="Diapositives", file=ContentFile(data, name="cartes.pptx"))
    document.save()
    return document


@pytest.fixture
def edition(admin_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            add_url(EditionPage, EditionIndexPage.objects.get(locale__language_code="fr")),
            edition_form(),
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    return EditionPage.objects.get(year=2026)


@pytest.fixture
def presentation(
    admin_client, edition, slides, make_research_page, django_capture_on_commit_callbacks
):
    study = make_research_page(title="Patrouilles ciblées à Québec", slug="patrouilles")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            add_url(PresentationPage, edition),
            presentation_form(
                "Cartes de chaleur et patrouilles",
                edition.sessions.get(),
                documents=[slides],
                related=[study],
            ),
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    return PresentationPage.objects.get(slug="cartes-de-chaleur")


def extract(document, capture):
    with capture(execute=True):
        return ingest.process_document(document.pk, document.version)


def api(client, **params):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_an_edition_with_a_session_and_a_presentation_is_made_in_the_admin(
    search_index, presentation, edition
):
    session = edition.sessions.get()
    assert (edition.live, edition.theme_fr, edition.venue) == (
        True,
        "Les données au service de la prévention",
        "École nationale de police du Québec, Nicolet",
    )
    assert (session.title, session.room, session.chair) == (
        "Analyse et prévention",
        "Salle Desjardins",
        "Marie Exemple (ENPQ)",
    )
    assert session.starts_at == datetime.datetime(2026, 5, 12, 9, 0, tzinfo=MONTREAL)
    assert presentation.live
    assert presentation.get_parent().specific == edition
    assert presentation.session == session
    # What a presentation takes from its edition and session rather than from the form.
    assert (presentation.edition, presentation.publication_date) == (
        edition,
        datetime.date(2026, 5, 12),
    )
    assert (presentation.research_type.slug, presentation.design.slug) == (
        "conference-presentation",
        "not-applicable",
    )
    assert [str(a) for a in presentation.authors.all()] == [
        "Alex Exemple (SPVQ)",
        "Sam Exemple (Université Laval)",
    ]
    assert [link.display_label for link in presentation.files.all()] == ["Diapositives"]
    assert [link.item.slug for link in presentation.related_links.all()] == ["patrouilles"]


def test_the_slides_are_extracted_and_the_presentation_found_by_a_word_on_a_slide(
    client, search_index, presentation, slides, django_capture_on_commit_callbacks
):
    # Indexed at publication; the slides' text arrives when the worker has read them.
    assert api(client, q=SLIDE_WORD)["total"] == 0

    result = extract(slides, django_capture_on_commit_callbacks)

    slides.refresh_from_db()
    assert result == ingest.Processed("extracted", "indexed")
    assert SLIDE_WORD in slides.extracted_text
    body = api(client, q=SLIDE_WORD)
    assert [hit["id"] for hit in body["hits"]] == [presentation.pk]
    hit = body["hits"][0]
    assert hit["type"] == "conference-presentation"
    assert hit["url"] == "/fr/rencontres/2026/cartes-de-chaleur/"
    assert f"<mark>{SLIDE_WORD}</mark>" in hit["highlights"]["files_text"][0]
    editions = {entry["value"]: entry for entry in body["facets"]["edition"]}
    assert (editions["2026"]["count"], editions["2026"]["label"]) == (1, "Rencontre 2026")
    # The faceted search the edition page links to lists it.
    listed = api(client, edition="2026", type="conference-presentation")
    assert [hit["id"] for hit in listed["hits"]] == [presentation.pk]
    assert client.get(hit["url"]).status_code == 200


def test_a_session_outside_the_editions_days_is_refused_with_a_message(admin_client):
    form = edition_form(
        sessions=[
            {
                "title": "Trop tard",
                "starts_at": "2026-06-01 09:00",
                "ends_at": "2026-06-01 08:00",
                "room": "",
                "chair": "",
            }
        ]
    )
    response = admin_client.post(
        add_url(EditionPage, EditionIndexPage.objects.get(locale__language_code="fr")), form
    )

    # What the organiser reads (the admin speaks French to this user):
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert "Une séance doit avoir lieu pendant les jours de l'édition." in page
    assert "Une séance doit se terminer après son début." in page
    assert not EditionPage.objects.filter(year=2026).exists()


def test_the_programme_page_lists_sessions_presentations_and_links_to_search(
    client, search_index, presentation, edition
):
    with translation.override("fr"):
        response = client.get(edition.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "Analyse et prévention" in html
    assert "Salle Desjardins" in html
    assert "Cartes de chaleur et patrouilles" in html
    assert "Alex Exemple" in html
    assert 'href="/fr/recherche/?edition=2026"' in html
    assert 'href="/fr/rencontres/2026/calendar/"' in html


def test_the_programme_downloads_as_an_icalendar_file_holding_every_session(
    client, search_index, edition, presentation
):
    EditionSession.objects.create(
        page=edition,
        title="Santé mentale",
        starts_at=datetime.datetime(2026, 5, 12, 13, 30, tzinfo=MONTREAL),
        ends_at=datetime.datetime(2026, 5, 12, 15, 0, tzinfo=MONTREAL),
        room="Salle B",
    )
    EditionSession.objects.create(
        page=edition,
        title="Jeunesse et quartiers",
        starts_at=datetime.datetime(2026, 5, 13, 9, 0, tzinfo=MONTREAL),
        ends_at=datetime.datetime(2026, 5, 13, 10, 0, tzinfo=MONTREAL),
    )

    response = client.get("/fr/rencontres/2026/calendar/")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="rencontre-2026.ics"' in response["Content-Disposition"]
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert sorted(events) == [
        "Analyse et prévention — Rencontre 2026",
        "Jeunesse et quartiers — Rencontre 2026",
        "Santé mentale — Rencontre 2026",
    ]
    first = events["Analyse et prévention — Rencontre 2026"]
    assert first.decoded("DTSTART") == datetime.datetime(2026, 5, 12, 9, 0, tzinfo=MONTREAL)
    assert first.decoded("DTEND") == datetime.datetime(2026, 5, 12, 10, 30, tzinfo=MONTREAL)
    assert (
        str(first["LOCATION"]) == "Salle Desjardins, École nationale de police du Québec, Nicolet"
    )
    assert "Cartes de chaleur et patrouilles — Alex Exemple (SPVQ)" in str(first["DESCRIPTION"])
    assert len({str(event["UID"]) for event in events.values()}) == 3


def test_restricted_presentations_are_left_out_of_programme_and_calendar_for_anonymous(
    client, search_index, presentation, edition
):
    PresentationPage.objects.filter(pk=presentation.pk).update(access="community")

    html = client.get("/fr/rencontres/2026/").content.decode()
    calendar = client.get("/fr/rencontres/2026/calendar/").content.decode()

    assert "Analyse et prévention" in html
    assert "Cartes de chaleur" not in html
    assert "Cartes de chaleur" not in calendar


@pytest.fixture
def extracted_presentation(presentation, slides, django_capture_on_commit_callbacks):
    extract(slides, django_capture_on_commit_callbacks)
    return presentation


def test_a_presentation_is_promoted_to_a_research_item_keeping_its_files_and_links(
    client, admin_client, search_index, extracted_presentation, edition, slides,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    presentation = extracted_presentation
    url = reverse("research_programme:promote", args=[presentation.pk])
    edit_page = admin_client.get(reverse("wagtailadmin_pages:edit", args=[presentation.pk]))
    assert f'href="{url}"' in edit_page.content.decode()
    assert "Promouvoir en recherche" in admin_client.get(url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url)

    item = ResearchPage.objects.get(promoted_from=presentation)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[item.pk])
    assert type(item.specific) is ResearchPage
    assert item.live
    assert item.get_parent().specific == ResearchIndexPage.objects.get(locale__language_code="fr")
    assert (item.title, item.slug, item.summary) == (
        presentation.title,
        "cartes-de-chaleur",
        presentation.summary,
    )
    assert (item.organisation.slug, item.edition, item.access) == ("spvq", edition, "public")
    assert item.research_type.slug == "conference-presentation"
    assert item.external_url == "https://video.example.org/rencontre/cartes"
    assert [(link.document_id, link.label) for link in item.files.all()] == [
        (slides.pk, "Diapositives")
    ]
    assert [(a.name, a.affiliation) for a in item.authors.all()] == [
        ("Alex Exemple", "SPVQ"),
        ("Sam Exemple", "Université Laval"),
    ]
    assert [link.item.slug for link in item.related_links.all()] == ["patrouilles"]
    assert list(item.tags.names()) == ["cartographie"]
    # The item now stands for the presentation in search; the programme links to it.
    body = api(client, q=SLIDE_WORD)
    assert [(hit["id"], hit["url"]) for hit in body["hits"]] == [
        (item.pk, "/fr/etudes/cartes-de-chaleur/")
    ]
    presentation_html = client.get("/fr/rencontres/2026/cartes-de-chaleur/").content.decode()
    assert 'href="/fr/etudes/cartes-de-chaleur/"' in presentation_html
    assert "Cartes de chaleur et patrouilles" in client.get("/fr/rencontres/2026/").content.decode()

    again = admin_client.post(url, follow=True)
    assert "Cette présentation a déjà été promue." in unescape(again.content.decode())
    assert ResearchPage.objects.filter(promoted_from=presentation).count() == 1


def test_deleting_the_promoted_item_puts_the_presentation_back_in_search(
    client, admin_client, search_index, extracted_presentation, django_capture_on_commit_callbacks
):
    url = reverse("research_programme:promote", args=[extracted_presentation.pk])
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url)
    item = ResearchPage.objects.get(promoted_from=extracted_presentation)

    with django_capture_on_commit_callbacks(execute=True):
        item.delete()

    assert [hit["id"] for hit in api(client, q=SLIDE_WORD)["hits"]] == [extracted_presentation.pk]


def test_an_editor_outside_the_presenting_organisation_cannot_promote_it(
    client, search_index, presentation
):
    editor = get_user_model().objects.create_user("editrice", password="x")
    editor.groups.add(Group.objects.get(name="Editors"))
    Membership.objects.create(user=editor, organisation=Organisation.objects.get(slug="spvm"))
    client.force_login(editor)

    response = client.post(
        reverse("research_programme:promote", args=[presentation.pk]), follow=True
    )

    assert (
        "Seuls les membres de l'organisation Service de police de la Ville de Québec peuvent "
        "publier ses recherches." in unescape(response.content.decode())
    )
    assert not ResearchPage.objects.filter(promoted_from=presentation).exists()
