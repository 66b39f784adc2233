"""Write checked manifest rows as published research items with their documents."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from enum import StrEnum
from html import escape
from pathlib import Path

from django.core.files import File
from django.db import transaction
from wagtail.utils.file import hash_filelike

from research.batch import (
    Lookups,
    publish_new_page,
    update_wagtail_indexes,
    wagtail_indexes_deferred,
)
from research.importing.manifest import EMMIE_COLUMNS, FileRef, ManifestRow
from research.models import (
    ResearchAuthor,
    ResearchDocument,
    ResearchFile,
    ResearchFinding,
    ResearchIndexPage,
    ResearchPage,
)

CHUNK_SIZE = 1 << 20


class Outcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass
class RowResult:
    outcome: Outcome
    page: ResearchPage
    # Documents whose file this run stored, so they await extraction.
    documents: list[ResearchDocument] = field(default_factory=list)


def research_index() -> ResearchIndexPage | None:
    return ResearchIndexPage.where_items_live()


def import_row(index: ResearchIndexPage, row: ManifestRow, lookups: Lookups) -> RowResult:
    """Create or update the row's page, all or nothing; an identical page is left alone."""
    # Creating, revising and publishing save the page three times: Wagtail's own indexes are
    # brought up to date once, at the end, instead of after each save.
    with transaction.atomic(), wagtail_indexes_deferred():
        result = _write_row(index, row, lookups)
        if result.outcome != Outcome.UNCHANGED:
            update_wagtail_indexes((result.page, *result.documents))
    return result


def _write_row(index: ResearchIndexPage, row: ManifestRow, lookups: Lookups) -> RowResult:
    page = find_page(index, row)
    before = snapshot(page) if page else None
    links, stored = attach_files(page, row.files)
    if page is None:
        page = ResearchPage(slug=row.slug, source_id=row.source_id, live=False)
        fill_page(page, row, lookups, links)
        publish_new_page(index, page)
        return RowResult(Outcome.CREATED, page, stored)
    fill_page(page, row, lookups, links)
    if page.live and not stored and snapshot(page) == before:
        return RowResult(Outcome.UNCHANGED, page)
    page.save_revision().publish()
    return RowResult(Outcome.UPDATED, page, stored)


def find_page(index: ResearchIndexPage, row: ManifestRow) -> ResearchPage | None:
    """By the source's id; pages imported before ids were stored are found by their slug."""
    page = ResearchPage.objects.filter(source_id=row.source_id).first()
    return page or ResearchPage.objects.child_of(index).filter(slug=row.slug, source_id="").first()


def fill_page(page: ResearchPage, row: ManifestRow, lookups: Lookups, links) -> None:
    page.title = row.title
    page.source_id = row.source_id
    page.organisation = lookups.one("organisation", row.organisation)
    page.publication_date = row.published
    page.language = row.language
    page.research_type = lookups.one("type", row.research_type)
    page.design = lookups.one("design", row.design)
    page.evidence = lookups.one("evidence", row.evidence)
    page.region = row.region
    page.access = row.access
    page.edition = lookups.one("edition", str(row.edition)) if row.edition else None
    page.summary = row.summary
    page.approaches = lookups.many("approach", row.approaches)
    page.themes = lookups.many("theme", row.themes)
    page.tags.set(list(row.tags))
    page.authors = [
        ResearchAuthor(name=author.name, affiliation=author.affiliation, sort_order=order)
        for order, author in enumerate(row.authors)
    ]
    page.files = links
    fill_evidence(page, row, lookups)


def fill_evidence(page: ResearchPage, row: ManifestRow, lookups: Lookups) -> None:
    """Findings, practices, EMMIE fields (plain text, as paragraphs) and the independence flag."""
    page.practices = lookups.many("practice", row.practices)
    page.findings = [
        ResearchFinding(
            outcome=lookups.one("outcome", finding.outcome),
            effect=lookups.one("effect", finding.effect),
            sort_order=order,
        )
        for order, finding in enumerate(row.findings)
    ]
    for name in EMMIE_COLUMNS:
        setattr(page, name, paragraphs(row.emmie.get(name, "")))
    page.independent_evaluation = row.independent


def paragraphs(text: str) -> str:
    """Plain text as rich text: blank lines separate paragraphs, everything escaped."""
    parts = (part.strip() for part in re.split(r"\n\s*\n", text))
    return "".join(f"<p>{escape(part)}</p>" for part in parts if part)


def snapshot(page: ResearchPage) -> dict:
    """What the manifest decides about a page, to tell whether a row changes anything."""
    return {
        "fields": [
            getattr(page, name)
            for name in (
                "title",
                "organisation_id",
                "publication_date",
                "language",
                "research_type_id",
                "design_id",
                "evidence_id",
                "region",
                "access",
                "summary",
                "edition_id",
                *EMMIE_COLUMNS,
                "independent_evaluation",
            )
        ],
        "practices": sorted(practice.pk for practice in page.practices.all()),
        "findings": [(f.outcome_id, f.effect_id) for f in page.findings.all()],
        "approaches": sorted(approach.pk for approach in page.approaches.all()),
        "themes": sorted(theme.pk for theme in page.themes.all()),
        # Tags are matched without regard to case (TAGGIT_CASE_INSENSITIVE).
        "tags": sorted(tag.name.casefold() for tag in page.tags.all()),
        "authors": [(author.name, author.affiliation) for author in page.authors.all()],
        "files": [(link.document_id, link.sort_order) for link in page.files.all()],
    }


def attach_files(page: ResearchPage | None, refs: tuple[FileRef, ...]):
    """The page's file links in manifest order, and the documents whose file was stored.

    A listed file keeps its document (and link label) when the page already has one with the
    same content or, failing that, the same title; its file is replaced only if it differs.
    Links to files no longer listed are dropped; their documents stay in the library.
    """
    unclaimed = list(page.files.select_related("document")) if page else []
    hashes: dict[int, str] = {}
    links, stored = [], []
    for order, ref in enumerate(refs):
        digest = sha256_of_path(ref.path)

        def same_content(link, digest=digest):
            if link.document_id not in hashes:
                hashes[link.document_id] = stored_sha256(link.document)
            return hashes[link.document_id] == digest

        link = claim(unclaimed, same_content) or claim(
            unclaimed, lambda link, title=ref.title: link.document.title == title
        )
        if link is None:
            link = ResearchFile(document=create_document(ref))
            stored.append(link.document)
        elif not same_content(link):
            replace_file(link.document, ref)
            stored.append(link.document)
        link.sort_order = order
        links.append(link)
    return links, stored


def claim(links: list, matches):
    for link in links:
        if matches(link):
            links.remove(link)
            return link
    return None


def create_document(ref: FileRef) -> ResearchDocument:
    document = ResearchDocument(title=ref.title)
    store_file(document, ref.path)
    return document


def replace_file(document: ResearchDocument, ref: FileRef) -> None:
    previous = document.file.name
    storage = document.file.storage
    # Saving a new file resets the extraction fields and queues extraction (the model does it).
    store_file(document, ref.path)
    # The old file goes only once the new one is committed, so a rollback loses nothing.
    transaction.on_commit(lambda: storage.delete(previous))


def store_file(document: ResearchDocument, path: Path) -> None:
    with path.open("rb") as handle:
        document.file_size = path.stat().st_size
        document.file_hash = hash_filelike(handle)
        handle.seek(0)
        document.file = File(handle, name=path.name)
        document.save()


def stored_sha256(document: ResearchDocument) -> str:
    """The SHA-256 of the file in storage ("" if it is missing there)."""
    try:
        with document.file.open("rb") as handle:
            return sha256_of(handle)
    except (FileNotFoundError, ValueError):
        return ""


def sha256_of_path(path: Path) -> str:
    with path.open("rb") as handle:
        return sha256_of(handle)


def sha256_of(handle) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(CHUNK_SIZE):
        digest.update(chunk)
    return digest.hexdigest()
