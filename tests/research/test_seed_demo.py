"""`seed_demo` publishes a rich, idempotent demo set whose files hold searchable text."""

import io
import re
from io import StringIO

import docx
import pptx
import pypdfium2 as pdfium
import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import translation

from portal.models import Organisation
from research.demo.content import ITEMS
from research.demo.files import Section, make_docx, make_pdf, make_pptx
from research.models import (
    Approach,
    CollectionPage,
    EditionPage,
    EvidenceLevel,
    PresentationPage,
    ResearchDocument,
    ResearchIndexPage,
    ResearchPage,
    ResearchType,
    StrategicObjective,
    StrategicPlanPage,
    StudyDesign,
    Theme,
)

ACCENTED = "Données probantes : l'été à Québec, élève, œuvre, ça, à côté, « Évaluation » — fin."


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker):
    """Seed once for the module, inside a transaction rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def seed() -> str:
    output = StringIO()
    call_command("seed_demo", stdout=output)
    return output.getvalue()


@pytest.mark.django_db
def test_running_twice_adds_no_item_and_no_document(demo_site):
    items, documents = ResearchPage.objects.count(), ResearchDocument.objects.count()
    presentations = PresentationPage.objects.count()

    output = seed()

    assert "0 created" in output
    assert f"{len(ITEMS)} already present" in output
    assert "Strategic plans created: 0; Rencontre editions created: 0 (0 presentations)" in output
    assert ResearchPage.objects.count() == items == len(ITEMS) + presentations
    # One file per research item kind it lists, and one slide deck per presentation.
    assert ResearchDocument.objects.count() == documents
    assert documents == sum(len(i.files) for i in ITEMS) + presentations


@pytest.mark.django_db
def test_every_item_is_live_with_one_to_three_pending_files(demo_site):
    for page in ResearchPage.objects.not_type(PresentationPage):
        assert page.live
        assert page.live_revision_id is not None
        assert 1 <= page.files.count() <= 3, page.slug
        assert page.authors.exists(), page.slug
        assert 2 <= page.tags.count() <= 5, page.slug
    assert set(ResearchDocument.objects.values_list("status", flat=True)) == {"pending"}


@pytest.mark.django_db
def test_items_cover_every_organisation_vocabulary_language_and_many_years(demo_site):
    items = ResearchPage.objects.not_type(PresentationPage)
    assert set(items.values_list("organisation__slug", flat=True)) == set(
        Organisation.objects.values_list("slug", flat=True)
    )
    for model, lookup in [
        (ResearchType, "research_type__slug"),
        (StudyDesign, "design__slug"),
        (EvidenceLevel, "evidence__slug"),
        (Approach, "approaches__slug"),
        (Theme, "themes__slug"),
    ]:
        used = set(items.values_list(lookup, flat=True))
        assert used == set(model.objects.values_list("slug", flat=True)), model.__name__
    assert set(items.values_list("language", flat=True)) == {"fr", "en"}
    assert len({page.year for page in items}) >= 5
    assert {"public", "community", "organisation"} <= set(items.values_list("access", flat=True))


@pytest.mark.django_db
def test_related_items_and_rich_text_are_stored(demo_site):
    page = ResearchPage.objects.get(slug="cameras-corporelles-projet-pilote-2019")

    assert [link.item.slug for link in page.related_links.all()] == [
        "interpellations-profilage-montreal-2019"
    ]
    assert page.key_findings.startswith("<ul><li>")
    assert [block.block_type for block in page.body][:2] == ["heading", "paragraph"]


@pytest.mark.django_db
def test_stored_files_hold_the_annex_text(demo_site):
    page = ResearchPage.objects.get(slug="points-chauds-patrouille-quebec-2024")
    pdf, word, slides = (link.document for link in page.files.order_by("sort_order"))

    with pdf.file.open("rb") as stored:
        document = pdfium.PdfDocument(stored.read())
        pdf_text = " ".join(p.get_textpage().get_text_range() for p in document)
        document.close()
    with word.file.open("rb") as stored:
        word_text = " ".join(p.text for p in docx.Document(stored).paragraphs)
    with slides.file.open("rb") as stored:
        notes = [s.notes_slide.notes_text_frame.text for s in pptx.Presentation(stored).slides]

    assert "Randomisation par blocs" in pdf_text
    assert "générateur documenté" in " ".join(pdf_text.split())
    assert "Fidélité de mise en œuvre" in word_text
    assert "Préciser que la graine du tirage est archivée." in notes
    assert [pdf.file.name[-4:], word.file.name[-5:], slides.file.name[-5:]] == [
        ".pdf",
        ".docx",
        ".pptx",
    ]


@pytest.mark.django_db
def test_every_item_page_renders_in_french_and_english(demo_site, admin_client):
    # Signed in as an administrator, who may see items of every access level.
    for page in ResearchPage.objects.live():
        with translation.override("fr"):
            french_url = page.url
        assert french_url.startswith("/fr/"), french_url
        with translation.override("en"):
            english_url = page.url
        # Under the English sections' addresses, the item keeping its own slug.
        assert english_url.startswith(("/en/studies/", "/en/meetings/")), english_url
        assert english_url.endswith(f"/{page.slug}/")
        for url in (french_url, english_url):
            response = admin_client.get(url)
            assert response.status_code == 200, url


@pytest.mark.django_db
def test_missing_research_index_is_a_clear_error():
    ResearchIndexPage.objects.all().delete()

    with pytest.raises(CommandError, match="research index"):
        seed()


@pytest.mark.django_db
def test_a_missing_vocabulary_entry_is_a_clear_error_and_writes_nothing():
    item = ITEMS[0]
    # The module's seeded site may be in place: the item must be one the seeding still adds.
    for page in ResearchPage.objects.filter(slug=item.slug):
        page.delete()
    Theme.objects.filter(slug=item.themes[0]).delete()
    pages_before = ResearchPage.objects.count()
    plans_before = StrategicPlanPage.objects.count()

    message = f"No theme with slug '{item.themes[0]}'; are migrations applied"
    with pytest.raises(CommandError, match=message):
        seed()

    assert ResearchPage.objects.count() == pages_before
    assert StrategicPlanPage.objects.count() == plans_before
    assert not ResearchPage.objects.filter(slug=item.slug).exists()


def test_each_item_has_words_found_only_in_its_files():
    for item in ITEMS:
        page_text = " ".join(
            [item.title, item.summary, *item.key_findings, *item.recommendations]
            + [part for block in item.body for part in block]
        ).lower()
        annex_words = set(re.findall(r"\w{7,}", " ".join(s.text for s in item.annex).lower()))
        assert annex_words - set(re.findall(r"\w{7,}", page_text)), item.slug


def test_pdf_keeps_its_text_and_accents():
    data = make_pdf("Rapport d'évaluation", [Section("Méthodologie", ACCENTED)])

    text = pdfium.PdfDocument(data)[0].get_textpage().get_text_range()

    assert "Rapport d'évaluation" in text
    assert "Méthodologie" in text
    assert "l'été à Québec, élève, œuvre, ça, à côté, « Évaluation » — fin." in " ".join(
        text.split()
    )


def test_docx_keeps_its_text_and_accents():
    data = make_docx("Rapport d'évaluation", [Section("Méthodologie", ACCENTED)])

    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]

    assert paragraphs == ["Rapport d'évaluation", "Méthodologie", ACCENTED]


def test_pptx_keeps_slides_and_speaker_notes():
    sections = [Section("Résultats", ACCENTED, notes="Insister sur la fidélité à Québec.")]
    data = make_pptx("Présentation", sections, subtitle="Équipe d'analyse · 2024")

    slides = list(pptx.Presentation(io.BytesIO(data)).slides)

    assert slides[0].shapes.title.text == "Présentation"
    assert slides[1].shapes.title.text == "Résultats"
    assert ACCENTED in slides[1].placeholders[1].text_frame.text
    assert slides[1].notes_slide.notes_text_frame.text == "Insister sur la fidélité à Québec."


@pytest.mark.django_db
def test_the_demo_has_three_editions_with_programmes_and_slides(demo_site):
    editions = EditionPage.objects.live().order_by("year")
    assert [edition.year for edition in editions] == [2023, 2024, 2025]
    for edition in editions:
        sessions = list(edition.sessions.all())
        presentations = PresentationPage.objects.child_of(edition).live()
        assert len(sessions) >= 2, edition.year
        assert presentations.count() >= 4, edition.year
        for presentation in presentations:
            assert presentation.live_revision_id is not None
            assert presentation.session in sessions
            assert presentation.edition_id == edition.pk
            assert presentation.research_type.slug == "conference-presentation"
            assert presentation.authors.exists()
            slides = presentation.files.get().document
            assert slides.file.name.endswith(".pptx")
            with slides.file.open("rb") as stored:
                titles = [s.shapes.title.text for s in pptx.Presentation(stored).slides]
            assert titles[0] == presentation.title
    presented = ResearchPage.objects.get(slug="rencontre-2024-indicateurs-confiance")
    assert presented.edition.year == 2024


@pytest.mark.django_db
def test_the_demo_has_collections_one_of_them_for_an_edition(demo_site):
    collections = CollectionPage.objects.live()
    assert collections.count() >= 2
    best_of = collections.get(slug="meilleur-rencontre-2024")
    assert best_of.edition.year == 2024
    assert [entry.item.slug for entry in best_of.entries.order_by("sort_order")][:2] == [
        "points-chauds-patrouille-quebec-2024",
        "rencontre-2024-indicateurs-confiance",
    ]


@pytest.mark.django_db
def test_the_demo_carries_the_three_real_strategic_plans_with_every_objective_supported(
    demo_site,
):
    plans = {plan.code: plan for plan in StrategicPlanPage.objects.live()}
    assert set(plans) == {"spvm-2018", "ops-2023", "cpo-2021"}

    def shape(code):
        return [axis.objectives.count() for axis in plans[code].axes.order_by("sort_order")]

    assert shape("spvm-2018") == [3, 3, 2, 2]  # 4 axes, 10 actions
    assert shape("ops-2023") == [3, 3, 3, 4]  # 4 pillars
    assert shape("cpo-2021") == [3, 3, 3, 3]  # 4 priorities x 3 ways of working
    assert (plans["spvm-2018"].period_start, plans["spvm-2018"].period_end) == (2018, 2021)
    assert plans["spvm-2018"].organisation.slug == "spvm"
    assert StrategicObjective.objects.get(code="spvm-2018-a4-10").title_fr == (
        "Établir les mécanismes permettant l'analyse des données d'interpellations"
    )
    assert StrategicObjective.objects.get(code="cpo-2021-youth-research").title_en == (
        "Youth — Research, innovate and inform"
    )
    for objective in StrategicObjective.objects.all():
        assert objective.research_links.exists(), objective.code


@pytest.mark.django_db
def test_every_edition_collection_and_plan_page_renders(demo_site, client):
    pages = [
        *EditionPage.objects.live(),
        *PresentationPage.objects.live().filter(access="public"),
        *CollectionPage.objects.live(),
        *StrategicPlanPage.objects.live(),
    ]
    for page in pages:
        with translation.override("fr"):
            french_url = page.url
        with translation.override("en"):
            english_url = page.url
        assert english_url.startswith(("/en/meetings/", "/en/collections/", "/en/strategic-plans/"))
        for url in (french_url, english_url):
            assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_the_demo_studies_give_practices_every_kind_of_verdict(demo_site):
    """What a newcomer's evidence map shows: practices that work, that do not (one harmful),
    promising ones and cells too thin to say, all computed from the demo's findings."""
    from research.models import ResearchFinding
    from research.verdicts import Finding, verdict

    cells: dict[tuple[str, str], list[Finding]] = {}
    findings = ResearchFinding.objects.filter(page__live=True).select_related(
        "outcome", "effect", "page__evidence"
    )
    for finding in findings:
        for practice in finding.page.practices.values_list("slug", flat=True):
            cells.setdefault((practice, finding.outcome.slug), []).append(
                Finding(finding.effect.slug, finding.page.evidence.slug)
            )
    verdicts = {cell: verdict(found) for cell, found in cells.items()}
    assert verdicts[("hot-spots-policing", "violent-crime")] == "works"
    assert verdicts[("mental-health-co-response", "calls-for-service")] == "works"
    assert verdicts[("hot-spots-policing", "trust-legitimacy")] == "does-not-work"
    assert verdicts[("body-worn-cameras", "use-of-force")] == "does-not-work"
    assert verdicts[("procedural-justice", "trust-legitimacy")] == "promising"
    assert verdicts[("mental-health-co-response", "use-of-force")] == "unknown"
    harmful = ResearchFinding.objects.filter(effect__slug="negative", page__live=True)
    assert harmful.exists()
    # A second run gives nobody findings twice.
    assert "studies given findings and practices: 0" in seed()


# (French field, English field): wherever the demo has a French text it has the English one.
ENGLISH_FIELDS = {
    EditionPage: (("theme_fr", "theme_en"), ("description_fr", "description_en")),
    CollectionPage: (("title", "title_en"), ("introduction", "introduction_en")),
    StrategicPlanPage: (("title", "title_en"), ("introduction_fr", "introduction_en")),
}


@pytest.mark.django_db
def test_the_demo_is_complete_in_english(demo_site, client):
    for model, fields in ENGLISH_FIELDS.items():
        for page in model.objects.live():
            for french, english in fields:
                assert bool(getattr(page, english)) == bool(getattr(page, french)), (
                    page.slug,
                    english,
                )
    for edition in EditionPage.objects.live():
        assert all(session.title_en for session in edition.sessions.all()), edition.year
    for collection in CollectionPage.objects.live():
        assert all(entry.note_en for entry in collection.entries.all()), collection.slug
    for objective in StrategicObjective.objects.all():
        assert objective.title_en and objective.axis.title_en, objective.code
    # So no English page of the demo shows a "French only" text.
    sections = ["/en/", "/en/studies/", "/en/meetings/", "/en/collections/", "/en/strategic-plans/"]
    pages = [*EditionPage.objects.live(), *CollectionPage.objects.live()]
    pages += StrategicPlanPage.objects.live()
    with translation.override("en"):
        urls = sections + [page.url for page in pages]
    for url in urls:
        html = client.get(url).content.decode()
        assert "only-in" not in html, url
        assert '<html lang="en">' in html, url
    best_of = client.get("/en/collections/meilleur-rencontre-2024/").content.decode()
    assert "The best of Rencontre 2024" in best_of
    assert "The only randomised trial presented in 2024." in best_of
    assert "Measuring street checks" in client.get("/en/meetings/2023/").content.decode()


def blank_english_side() -> None:
    """A database seeded before the demo had English collection texts, notes and sessions."""
    from research.models import CollectionEntry, EditionSession

    CollectionPage.objects.update(title_en="", introduction_en="")
    CollectionEntry.objects.update(note_en="")
    EditionSession.objects.update(title_en="")
    for page in [*CollectionPage.objects.all(), *EditionPage.objects.all()]:
        revision = page.latest_revision
        revision.content.pop("title_en", None)
        revision.content.pop("introduction_en", None)
        for child in [*revision.content.get("entries", []), *revision.content.get("sessions", [])]:
            child.pop("note_en", None)
            child.pop("title_en", None)
        revision.save(update_fields=["content"])


@pytest.mark.django_db
def test_seeding_again_gives_an_existing_french_demo_its_english_side(demo_site):
    from research.models import CollectionEntry, EditionSession

    blank_english_side()
    # An editor's own text stays as it is.
    edited = CollectionPage.objects.get(slug="sante-mentale-intervention")
    CollectionPage.objects.filter(pk=edited.pk).update(title="Santé mentale (révisé)")

    assert "English texts filled in: 0." not in seed()
    best_of = CollectionPage.objects.get(slug="meilleur-rencontre-2024")
    assert best_of.title_en == "The best of Rencontre 2024"
    assert not CollectionPage.objects.get(pk=edited.pk).title_en
    assert CollectionPage.objects.get(pk=edited.pk).introduction_en
    assert not CollectionEntry.objects.filter(note_en="").exists()
    assert not EditionSession.objects.filter(title_en="").exists()
    # The editor opens the page with it: the latest revision carries the English text too.
    draft = best_of.get_latest_revision_as_object()
    assert draft.title_en == "The best of Rencontre 2024"
    assert all(entry.note_en for entry in draft.entries.all())
    edition = EditionPage.objects.get(year=2023).get_latest_revision_as_object()
    titles = [session.title_en for session in edition.sessions.all()]
    assert "Measuring street checks" in titles
    assert "English texts filled in: 0." in seed()


@pytest.mark.django_db
def test_the_migration_fills_the_english_side_and_the_english_tree(demo_site, client):
    """What `migrate` does to a database holding the French demo and no English tree."""
    import importlib

    from django.apps import apps

    from portal.models import HomePage

    migration = importlib.import_module("research.migrations.0011_english_sections")
    blank_english_side()
    HomePage.objects.get(locale__language_code="en").delete()
    assert client.get("/en/studies/").status_code == 404

    migration.create_english_tree(apps, None)
    migration.fill_demo_english(apps, None)
    assert client.get("/en/studies/").status_code == 200
    response = client.get("/en/etudes/")
    assert (response.status_code, response["Location"]) == (301, "/en/studies/")
    html = client.get("/en/collections/meilleur-rencontre-2024/").content.decode()
    assert "The best of Rencontre 2024" in html and "only-in" not in html
    # Run twice, it adds nothing.
    pages = HomePage.objects.count()
    migration.create_english_tree(apps, None)
    assert HomePage.objects.count() == pages
