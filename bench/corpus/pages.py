"""Synthetic items → real, published Wagtail research pages, written in bulk.

Creating pages one by one through Wagtail (revisions, signals, tree locks) takes tens of
milliseconds each: hours for 100,000. The rows written here are the ones Wagtail would write
for a published page without revisions: tree path and depth, url_path, locale, content type,
the research page row, its authors, vocabularies, tags and attached documents (with their
extracted text, as the worker leaves it). No signal fires, so nothing reaches the search
index: the suite rebuilds it afterwards with the product's own `search_reindex`.
"""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Page

from bench.corpus.items import SyntheticItem
from research.models import (
    ExtractionStatus,
    ResearchAuthor,
    ResearchDocument,
    ResearchFile,
    ResearchFinding,
    ResearchIndexPage,
    ResearchPage,
    ResearchPageTag,
    vocabulary_models,
)

BATCH_SIZE = 500


class PageWriter:
    """Appends research pages under the research index, one transaction per batch."""

    def __init__(self) -> None:
        self.index = ResearchIndexPage.objects.get(locale__language_code="fr")
        self.vocabularies = {
            kind: dict(model.objects.values_list("slug", "pk"))
            for kind, model in vocabulary_models().items()
        }
        self.content_type = ContentType.objects.get_for_model(ResearchPage)
        self.tags = dict(Tag.objects.values_list("name", "pk"))
        last = self.index.get_last_child()
        self.next_step = int(last.path[-Page.steplen :], 36) + 1 if last else 1
        self.now = timezone.now()

    def write(self, items: Iterable[SyntheticItem]) -> int:
        written = 0
        iterator = iter(items)
        while batch := list(itertools.islice(iterator, BATCH_SIZE)):
            with transaction.atomic():
                self._write_batch(batch)
            written += len(batch)
        return written

    def _write_batch(self, batch: list[SyntheticItem]) -> None:
        pages = Page.objects.bulk_create([self._page(item) for item in batch])
        pairs = [(item, page.pk) for item, page in zip(batch, pages, strict=True)]
        research = [self._research_row(item, page_id) for item, page_id in pairs]
        fields = ResearchPage._meta.local_concrete_fields
        size = connection.ops.bulk_batch_size(fields, research)
        for start in range(0, len(research), size):
            ResearchPage._base_manager._insert(research[start : start + size], fields, raw=True)
        self._write_relations(pairs)
        self.index.numchild += len(batch)
        Page.objects.filter(pk=self.index.pk).update(numchild=self.index.numchild)

    def _page(self, item: SyntheticItem) -> Page:
        path = Page._get_path(self.index.path, self.index.depth + 1, self.next_step)
        self.next_step += 1
        published = timezone.make_aware(
            timezone.datetime.combine(item.published, timezone.datetime.min.time())
        )
        return Page(
            title=item.title,
            draft_title=item.title,
            slug=item.slug,
            path=path,
            depth=self.index.depth + 1,
            numchild=0,
            url_path=f"{self.index.url_path}{item.slug}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=published,
            last_published_at=published,
            content_type=self.content_type,
            locale_id=self.index.locale_id,
            translation_key=uuid.uuid4(),
        )

    def _research_row(self, item: SyntheticItem, page_id: int) -> ResearchPage:
        ids = self.vocabularies
        row = ResearchPage(
            page_ptr_id=page_id,
            organisation_id=ids["organisation"][item.organisation],
            publication_date=item.published,
            language=item.language,
            research_type_id=ids["type"][item.research_type],
            design_id=ids["design"][item.design],
            evidence_id=ids["evidence"][item.evidence],
            region=item.region,
            summary=item.summary,
            key_findings=item.key_findings,
            recommendations=item.recommendations,
            body=list(item.body),
            access=item.access,
            source_id=item.source_id,
        )
        row.pk = page_id
        return row

    def _write_relations(self, pairs: list[tuple[SyntheticItem, int]]) -> None:
        ids = self.vocabularies
        through = ResearchPage
        _bulk(
            through.themes.through(researchpage_id=page_id, theme_id=ids["theme"][slug])
            for item, page_id in pairs
            for slug in item.themes
        )
        _bulk(
            through.approaches.through(researchpage_id=page_id, approach_id=ids["approach"][slug])
            for item, page_id in pairs
            for slug in item.approaches
        )
        _bulk(
            through.partners.through(
                researchpage_id=page_id, organisation_id=ids["organisation"][slug]
            )
            for item, page_id in pairs
            for slug in item.partners
        )
        _bulk(
            ResearchAuthor(page_id=page_id, name=name, affiliation=affiliation, sort_order=order)
            for item, page_id in pairs
            for order, (name, affiliation) in enumerate(item.authors)
        )
        _bulk(
            through.practices.through(researchpage_id=page_id, practice_id=ids["practice"][slug])
            for item, page_id in pairs
            for slug in item.practices
        )
        _bulk(
            ResearchFinding(
                page_id=page_id,
                outcome_id=ids["outcome"][outcome],
                effect_id=ids["effect"][effect],
                sort_order=order,
            )
            for item, page_id in pairs
            for order, (outcome, effect) in enumerate(item.findings)
        )
        self._write_tags(pairs)
        self._write_files(pairs)

    def _write_tags(self, pairs: list[tuple[SyntheticItem, int]]) -> None:
        names = {tag for item, _ in pairs for tag in item.tags} - set(self.tags)
        Tag.objects.bulk_create(
            [Tag(name=name, slug=f"{slugify(name)[:80]}-{uuid.uuid4().hex[:8]}") for name in names]
        )
        self.tags.update(Tag.objects.filter(name__in=names).values_list("name", "pk"))
        _bulk(
            ResearchPageTag(content_object_id=page_id, tag_id=self.tags[name])
            for item, page_id in pairs
            for name in item.tags
        )

    def _write_files(self, pairs: list[tuple[SyntheticItem, int]]) -> None:
        owners, documents = [], []
        for item, page_id in pairs:
            for order, file in enumerate(item.files):
                owners.append((page_id, order))
                documents.append(
                    ResearchDocument(
                        title=file.title,
                        file=f"documents/{item.source_id}-{order + 1}.pdf",
                        status=ExtractionStatus.INDEXED,
                        mime_type="application/pdf",
                        pages=file.pages,
                        characters=len(file.text),
                        detected_language=item.language,
                        extracted_text=file.text,
                        extracted_at=self.now,
                    )
                )
        documents = ResearchDocument.objects.bulk_create(documents)
        _bulk(
            ResearchFile(page_id=page_id, document_id=document.pk, sort_order=order)
            for (page_id, order), document in zip(owners, documents, strict=True)
        )


def _bulk(rows: Iterable) -> None:
    rows = list(rows)
    if rows:
        type(rows[0]).objects.bulk_create(rows, batch_size=BATCH_SIZE)
