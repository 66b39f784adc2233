"""Publish the demo strategic plans, Rencontre editions with their programmes, and collections.

Each is found by its stable key (plan code, edition year, collection slug), so a second run
adds nothing. Plans and editions come before the research items, which link to them.
"""

from __future__ import annotations

import datetime
from io import BytesIO

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import ReferenceIndex
from wagtail.utils.file import hash_filelike

from research.demo.errors import DemoSeedError
from research.demo.files import make_pptx
from research.demo.plans import DemoPlan, load_plans
from research.demo.programme_content import (
    COLLECTIONS,
    EDITIONS,
    DemoCollection,
    DemoEdition,
    DemoPresentation,
)
from research.models import (
    CollectionEntry,
    CollectionIndexPage,
    CollectionPage,
    EditionIndexPage,
    EditionPage,
    EditionSession,
    PlanAxis,
    PresentationPage,
    RelatedResearch,
    ResearchAuthor,
    ResearchDocument,
    ResearchFile,
    StrategicObjective,
    StrategicPlanIndexPage,
    StrategicPlanPage,
)

SLIDES_LABEL = {"fr": "Diapositives", "en": "Slides"}


def section(model, name: str):
    """The one index page of `model`, or the seed's clear error."""
    page = model.objects.order_by("path").first()
    if page is None:
        raise DemoSeedError(f"No {name} page: run `python manage.py migrate` first.")
    return page


def publish_new(parent, page) -> None:
    parent.add_child(instance=page)
    page.save_revision().publish()
    ReferenceIndex.create_or_update_for_object(page)


# -- strategic plans ---------------------------------------------------------------------------


def seed_plans(lookups, created: list[str]) -> dict[str, StrategicObjective]:
    """Create the missing plans; every objective by its code."""
    index = section(StrategicPlanIndexPage, "strategic plans index")
    present = set(StrategicPlanPage.objects.values_list("code", flat=True))
    for plan in load_plans():
        if plan.code not in present:
            publish_new(index, plan_page(plan, lookups))
            created.append(plan.code)
    return {objective.code: objective for objective in StrategicObjective.objects.all()}


def plan_page(plan: DemoPlan, lookups) -> StrategicPlanPage:
    page = StrategicPlanPage(
        title=plan.title_fr,
        slug=plan.code,
        live=False,
        code=plan.code,
        title_en=plan.title_en,
        organisation=lookups.one("organisation", plan.organisation),
        period_start=plan.period[0],
        period_end=plan.period[1],
        axis_kind=plan.axis_kind,
        introduction_fr=plan.introduction_fr,
        introduction_en=plan.introduction_en,
    )
    page.axes = [
        PlanAxis(
            code=axis.code,
            title_fr=axis.title_fr,
            title_en=axis.title_en,
            sort_order=position,
            objectives=[
                StrategicObjective(
                    code=objective.code,
                    title_fr=objective.title_fr,
                    title_en=objective.title_en,
                    sort_order=order,
                )
                for order, objective in enumerate(axis.objectives)
            ],
        )
        for position, axis in enumerate(plan.axes)
    ]
    return page


# -- editions and their programmes -------------------------------------------------------------


def seed_editions(created: list[str]) -> dict[int, EditionPage]:
    """Create the missing editions with their sessions (presentations come later)."""
    index = section(EditionIndexPage, "Rencontre editions index")
    editions = {edition.year: edition for edition in EditionPage.objects.all()}
    for demo in EDITIONS:
        if demo.year not in editions:
            editions[demo.year] = edition_page(demo)
            publish_new(index, editions[demo.year])
            created.append(str(demo.year))
    return editions


def edition_page(demo: DemoEdition) -> EditionPage:
    start = datetime.date.fromisoformat(demo.start)
    page = EditionPage(
        title=f"Rencontre {demo.year}",
        slug=str(demo.year),
        live=False,
        year=demo.year,
        theme_fr=demo.theme_fr,
        theme_en=demo.theme_en,
        start_date=start,
        end_date=datetime.date.fromisoformat(demo.end),
        venue=demo.venue,
        description_fr=f"<p>{demo.description_fr}</p>",
        description_en=f"<p>{demo.description_en}</p>",
    )
    page.sessions = [
        EditionSession(
            title=session.title,
            title_en=session.title_en,
            starts_at=local_time(start, session.day, session.starts),
            ends_at=local_time(start, session.day, session.ends),
            room=session.room,
            chair=session.chair,
            sort_order=order,
        )
        for order, session in enumerate(demo.sessions)
    ]
    return page


def local_time(first_day: datetime.date, day: int, clock: str) -> datetime.datetime:
    moment = datetime.datetime.combine(
        first_day + datetime.timedelta(days=day), datetime.time.fromisoformat(clock)
    )
    return timezone.make_aware(moment, timezone.get_default_timezone())


def seed_presentations(editions: dict[int, EditionPage], lookups, pages: dict) -> list[str]:
    """Publish each edition's missing presentations in their sessions, slides attached."""
    created = []
    for demo in EDITIONS:
        edition = editions[demo.year]
        present = set(PresentationPage.objects.child_of(edition).values_list("slug", flat=True))
        sessions = list(edition.sessions.order_by("sort_order"))
        for session, demo_session in zip(sessions, demo.sessions, strict=False):
            for talk in demo_session.presentations:
                if talk.slug not in present:
                    page = presentation_page(talk, session, demo.year, lookups, pages)
                    publish_new(edition, page)
                    created.append(talk.slug)
    return created


def presentation_page(talk: DemoPresentation, session, year: int, lookups, pages):
    page = PresentationPage(
        title=talk.title,
        slug=talk.slug,
        live=False,
        session=session,
        organisation=lookups.one("organisation", talk.organisation),
        language=talk.language,
        summary=talk.summary,
        access=talk.access,
        video_url=talk.video_url,
    )
    page.authors = [ResearchAuthor(name=name, affiliation=org) for name, org in talk.speakers]
    page.files = [ResearchFile(document=slides_document(talk, year), sort_order=0)]
    page.related_links = [
        RelatedResearch(item=pages[slug], sort_order=order)
        for order, slug in enumerate(talk.related)
        if slug in pages
    ]
    return page


def slides_document(talk: DemoPresentation, year: int) -> ResearchDocument:
    speakers = ", ".join(name for name, _org in talk.speakers)
    data = make_pptx(talk.title, talk.slides, subtitle=f"{speakers} · Rencontre {year}")
    document = ResearchDocument(
        title=f"{talk.title} — {SLIDES_LABEL[talk.language]}",
        file=ContentFile(data, name=f"rencontre-{year}-{talk.slug}.pptx"),
        file_size=len(data),
        file_hash=hash_filelike(BytesIO(data)),
    )
    document.save()
    return document


# -- collections -------------------------------------------------------------------------------


def seed_collections(editions: dict[int, EditionPage], pages: dict) -> list[str]:
    index = section(CollectionIndexPage, "collections index")
    present = set(CollectionPage.objects.values_list("slug", flat=True))
    created = []
    for demo in COLLECTIONS:
        if demo.slug not in present:
            publish_new(index, collection_page(demo, editions, pages))
            created.append(demo.slug)
    return created


def collection_page(demo: DemoCollection, editions, pages) -> CollectionPage:
    page = CollectionPage(
        title=demo.title,
        title_en=demo.title_en,
        slug=demo.slug,
        live=False,
        introduction=demo.introduction,
        introduction_en=demo.introduction_en,
        curator=demo.curator,
        edition=editions.get(demo.edition) if demo.edition else None,
    )
    page.entries = [
        CollectionEntry(item=pages[slug], note=note, note_en=note_en, sort_order=order)
        for order, (slug, note, note_en) in enumerate(demo.entries)
        if slug in pages
    ]
    return page
