"""Publish the demo content: strategic plans, Rencontre editions, research items, presentations
and collections; a second run adds nothing."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from html import escape
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.utils.file import hash_filelike

from research.batch import (
    Lookups,
    UnknownEntry,
    publish_new_page,
    update_wagtail_indexes,
    wagtail_indexes_deferred,
)
from research.demo.content import ITEMS
from research.demo.english import fill_english_texts
from research.demo.errors import DemoSeedError
from research.demo.evidence_content import EVIDENCE, DemoEvidence
from research.demo.files import Section, make_docx, make_pdf, make_pptx
from research.demo.plans import objectives_by_item
from research.demo.programme import (
    seed_collections,
    seed_editions,
    seed_plans,
    seed_presentations,
)
from research.demo.programme_content import ITEM_EDITIONS
from research.demo.records import DemoItem
from research.models import (
    CollectionEntry,
    CollectionPage,
    EditionPage,
    EditionSession,
    RelatedResearch,
    ResearchAuthor,
    ResearchDocument,
    ResearchFile,
    ResearchFinding,
    ResearchIndexPage,
    ResearchObjective,
    ResearchPage,
)

FILE_LABELS = {
    "fr": {"pdf": "Rapport complet", "docx": "Annexe méthodologique", "pptx": "Présentation"},
    "en": {"pdf": "Full report", "docx": "Methodological appendix", "pptx": "Presentation"},
}

HEADINGS = {
    "fr": {
        "summary": "Résumé",
        "findings": "Principaux constats",
        "recommendations": "Recommandations",
    },
    "en": {
        "summary": "Summary",
        "findings": "Key findings",
        "recommendations": "Recommendations",
    },
}


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    # Items given their findings and practices (new ones, or present ones without any).
    evidence: list[str] = field(default_factory=list)
    documents: int = 0
    plans: list[str] = field(default_factory=list)
    editions: list[str] = field(default_factory=list)
    presentations: list[str] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)
    english_texts: int = 0


@dataclass
class Links:
    """What items link to: objectives by code, editions by year."""

    objectives: dict = field(default_factory=dict)
    editions: dict = field(default_factory=dict)
    objectives_of: dict = field(default_factory=objectives_by_item)


def seed_demo(items: Iterable[DemoItem] = ITEMS) -> SeedReport:
    """Create everything missing, all in one transaction."""
    try:
        return _seed(items)
    except UnknownEntry as error:
        raise DemoSeedError(f"{error}; are migrations applied?") from None


def _seed(items: Iterable[DemoItem]) -> SeedReport:
    report = SeedReport()
    with transaction.atomic():
        index = ResearchIndexPage.where_items_live()
        if index is None:
            raise DemoSeedError("No research index page: run `python manage.py migrate` first.")
        lookups = Lookups()
        links = Links(
            objectives=seed_plans(lookups, report.plans), editions=seed_editions(report.editions)
        )
        pages = {page.slug: page for page in ResearchPage.objects.child_of(index)}
        with wagtail_indexes_deferred():
            for item in items:
                if item.slug in pages:
                    report.present.append(item.slug)
                    continue
                pages[item.slug] = publish_item(index, item, lookups, pages, links)
                report.created.append(item.slug)
                report.documents += len(item.files)
            created = [pages[slug] for slug in report.created]
            update_wagtail_indexes(
                [*created, *(link.document for page in created for link in page.files.all())]
            )
        report.evidence = seed_evidence(pages, lookups)
        report.presentations = seed_presentations(links.editions, lookups, pages)
        report.collections = seed_collections(links.editions, pages)
        # A database seeded before the demo had its English side gets it now.
        report.english_texts = fill_english_texts(
            CollectionPage, CollectionEntry, EditionPage, EditionSession
        )
    return report


def seed_evidence(pages: dict, lookups: Lookups) -> list[str]:
    """Give each demo study its findings and practices, unless it already has some."""
    given = []
    for slug, evidence in EVIDENCE.items():
        page = pages.get(slug)
        if page is None or page.findings.exists() or page.practices.exists():
            continue
        fill_evidence(page, evidence, lookups)
        page.save_revision().publish()
        given.append(slug)
    return given


def fill_evidence(page: ResearchPage, evidence: DemoEvidence, lookups: Lookups) -> None:
    page.practices = lookups.many("practice", evidence.practices)
    page.findings = [
        ResearchFinding(
            outcome=lookups.one("outcome", outcome),
            effect=lookups.one("effect", effect),
            note=note,
            sort_order=order,
        )
        for order, (outcome, effect, note) in enumerate(evidence.findings)
    ]
    page.evaluated_locally = evidence.evaluated_locally
    page.independent_evaluation = evidence.independent
    page.mechanism = f"<p>{escape(evidence.mechanism)}</p>" if evidence.mechanism else ""


def publish_item(
    index, item: DemoItem, lookups: Lookups, pages: dict, links: Links | None = None
) -> ResearchPage:
    links = links or Links()
    page = build_page(item, lookups)
    page.edition = links.editions.get(ITEM_EDITIONS.get(item.slug))
    page.objective_links = [
        ResearchObjective(objective=links.objectives[code], sort_order=order)
        for order, code in enumerate(links.objectives_of.get(item.slug, []))
        if code in links.objectives
    ]
    page.partners = lookups.many("organisation", item.partners)
    page.approaches = lookups.many("approach", item.approaches)
    page.themes = lookups.many("theme", item.themes)
    page.authors = [
        ResearchAuthor(name=name, affiliation=affiliation) for name, affiliation in item.authors
    ]
    page.files = [
        ResearchFile(document=document, sort_order=order)
        for order, document in enumerate(create_documents(item))
    ]
    page.related_links = [
        RelatedResearch(item=related_page(pages, slug), sort_order=order)
        for order, slug in enumerate(item.related)
    ]
    page.tags.add(*item.tags)
    publish_new_page(index, page)
    return page


def build_page(item: DemoItem, lookups: Lookups) -> ResearchPage:
    return ResearchPage(
        title=item.title,
        slug=item.slug,
        live=False,
        organisation=lookups.one("organisation", item.organisation),
        publication_date=date.fromisoformat(item.published),
        language=item.language,
        research_type=lookups.one("type", item.research_type),
        design=lookups.one("design", item.design),
        evidence=lookups.one("evidence", item.evidence),
        region=item.region,
        summary=item.summary,
        other_language_summary=item.other_language_summary,
        key_findings=html_list(item.key_findings),
        recommendations=html_list(item.recommendations),
        body=stream_body(item.body),
        access=item.access,
        contact_name=item.contact_name,
        contact_email=item.contact_email,
        doi=item.doi,
        external_url=item.external_url,
    )


def related_page(pages: dict, slug: str) -> ResearchPage:
    if slug not in pages:
        raise DemoSeedError(f"Related item {slug!r} must be listed before the item citing it.")
    return pages[slug]


def html_list(entries: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(entry)}</li>" for entry in entries) + "</ul>"


def stream_body(blocks: Iterable[tuple[str, str]]) -> list[dict]:
    body = []
    for heading, paragraph in blocks:
        body.append({"type": "heading", "value": heading})
        body.append({"type": "paragraph", "value": f"<p>{escape(paragraph)}</p>"})
    return body


def create_documents(item: DemoItem) -> list[ResearchDocument]:
    """Generate and store each attached file; extraction happens later (status pending)."""
    documents = []
    for number, kind in enumerate(item.files, start=1):
        data = render_file(item, kind)
        document = ResearchDocument(
            title=f"{item.title} — {FILE_LABELS[item.language][kind]}",
            file=ContentFile(data, name=f"{item.slug}-{number}.{kind}"),
            file_size=len(data),
            file_hash=hash_filelike(BytesIO(data)),
        )
        document.save()
        documents.append(document)
    return documents


def render_file(item: DemoItem, kind: str) -> bytes:
    sections = file_sections(item, kind)
    if kind == "pdf":
        return make_pdf(item.title, sections)
    if kind == "docx":
        return make_docx(f"{item.title} — {FILE_LABELS[item.language]['docx']}", sections)
    if kind == "pptx":
        authors = ", ".join(name for name, _ in item.authors)
        return make_pptx(item.title, sections, subtitle=f"{authors} · {item.published[:4]}")
    raise DemoSeedError(f"Unknown file kind {kind!r} for {item.slug}.")


def file_sections(item: DemoItem, kind: str) -> list[Section]:
    """What each file holds: the report in full, the appendix, or the slides."""
    headings = HEADINGS[item.language]
    summary = Section(headings["summary"], item.summary)
    # Slides bullet each line themselves; the page formats need a visible mark.
    mark = "" if kind == "pptx" else "• "
    findings = Section(headings["findings"], "\n".join(mark + f for f in item.key_findings))
    recommendations = Section(
        headings["recommendations"], "\n".join(mark + r for r in item.recommendations)
    )
    body = [Section(heading, paragraph) for heading, paragraph in item.body]
    if kind == "pdf":
        return [summary, findings, *body, *item.annex, recommendations]
    if kind == "docx":
        return [summary, *item.annex, recommendations]
    return [summary, findings, *item.annex, recommendations]
