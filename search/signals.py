"""Indexing follows publishing: each change to a research item is recorded in the outbox.

The row is written in the transaction that makes the change, and the task that applies it is
sent after the commit (search.outbox), so the worker reads what was saved and a change made
while the broker is down is sent later by the reconcile. Tasks take primary keys only.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from portal.models import Organisation
from research.models import (
    Approach,
    EditionPage,
    Outcome,
    Practice,
    PresentationPage,
    ResearchDocument,
    ResearchPage,
    ResearchType,
    StrategicObjective,
    StrategicPlanPage,
    StudyDesign,
    Theme,
)
from research.signals import document_text_changed
from search.indexing import items_linking_document
from search.labels import forget_facet_labels, labelled_models
from search.models import ThesaurusConcept
from search.outbox import record_index_changes
from search.thesaurus import forget_thesaurus

# A save that writes one of these (or every field) may change what the index holds. A draft
# revision saves only revision bookkeeping fields and leaves the published version alone.
_INDEXED_STATE = {"live", "url_path", "slug", "path", "title", "access"}


def schedule_indexing(ids, change: str) -> None:
    """Record these items for reindexing; the task is sent once the transaction commits."""
    record_index_changes(ids, change)


def item_saved(sender, instance, update_fields=None, **kwargs) -> None:
    # Publishing saves the page row in the publisher's transaction: recording here puts the
    # change in that same transaction. The publish signals below follow once the files are saved.
    if update_fields is None or _INDEXED_STATE.intersection(update_fields):
        schedule_indexing(_item_and_presentation(instance), f"saving {_described(instance)}")


def item_published(sender, instance, **kwargs) -> None:
    schedule_indexing(_item_and_presentation(instance), f"publishing {_described(instance)}")


def item_unpublished(sender, instance, **kwargs) -> None:
    schedule_indexing(_item_and_presentation(instance), f"unpublishing {_described(instance)}")


def item_deleted(sender, instance, **kwargs) -> None:
    # Deleting a parent page deletes its research items too, each sending post_delete.
    schedule_indexing(_item_and_presentation(instance), f"deleting {_described(instance)}")


def _item_and_presentation(item) -> list[int]:
    """The item, and the presentation it was promoted from: that one leaves or rejoins search
    as the item goes live or not."""
    return [item.pk, item.promoted_from_id] if item.promoted_from_id else [item.pk]


def edition_published(sender, instance, **kwargs) -> None:
    """The edition's year is the `edition` facet value of the items it holds or is linked to."""
    ids = ResearchPage.objects.filter(edition=instance).values_list("pk", flat=True)
    schedule_indexing(list(ids), f"publishing the edition {_described(instance)}")


def plan_published(sender, instance, **kwargs) -> None:
    """Objective codes may have changed: the items linked to the plan's objectives follow."""
    ids = ResearchPage.objects.filter(objective_links__objective__axis__plan=instance)
    schedule_indexing(
        list(ids.values_list("pk", flat=True).distinct()),
        f"publishing the plan {_described(instance)}",
    )


def objective_deleting(sender, instance, **kwargs) -> None:
    # Before the delete cascades to the links, while they still say which items cite it.
    ids = ResearchPage.objects.filter(objective_links__objective=instance)
    schedule_indexing(
        list(ids.values_list("pk", flat=True).distinct()),
        f"deleting the objective {instance.code}",
    )


# Vocabularies whose labels an item's search document holds (search.documents), and how an
# item refers to one of their rows: renaming a label re-indexes the items filed under it.
_LABELLED_BY = {
    Theme: ("themes",),
    Approach: ("approaches",),
    Practice: ("practices",),
    Outcome: ("findings__outcome",),
    ResearchType: ("research_type",),
    StudyDesign: ("design",),
    Organisation: ("organisation", "partners"),
}


def label_saved(sender, instance, created=False, **kwargs) -> None:
    """A vocabulary row or organisation saved: its labels may have changed in the items' text."""
    if created:
        return  # nothing is filed under a new row yet
    ids: set[int] = set()
    for relation in _LABELLED_BY[sender]:
        items = ResearchPage.objects.filter(**{relation: instance})
        ids.update(items.values_list("pk", flat=True))
    if ids:
        schedule_indexing(sorted(ids), f"saving the labels of {sender.__name__} {instance.pk}")


def page_path_changed(sender, instance, **kwargs) -> None:
    """A move or a slug change alters the URL of the page and of every item beneath it."""
    items = ResearchPage.objects.descendant_of(instance, inclusive=True)
    ids = list(items.values_list("pk", flat=True))
    schedule_indexing(ids, f"moving or renaming {_described(instance)}")


def page_row_saved(sender, instance, update_fields=None, **kwargs) -> None:
    """A move saves the moved page as a plain Page inside its transaction: record it there."""
    if update_fields is None:
        page_path_changed(sender, instance)


def document_saved(sender, instance, created, **kwargs) -> None:
    """A replaced file drops the old text at once; the new text is indexed after extraction."""
    if instance.file_changed_on_save and not created:
        schedule_indexing(items_linking_document(instance.pk), f"replacing the file of {instance}")


def document_text_changed_by_extraction(sender, document_id, change, **kwargs) -> None:
    # Sent inside the extraction's write: the outbox row commits or rolls back with it.
    schedule_indexing(items_linking_document(document_id), change)


def document_deleting(sender, instance, **kwargs) -> None:
    # Before the delete cascades to the links, while they still say which items show the file.
    schedule_indexing(items_linking_document(instance.pk), f"deleting the file {instance}")


def connect_signal_handlers() -> None:
    # A presentation is a research item, but Django and Wagtail name the concrete class as the
    # sender of its saves and publishing; its deletion also deletes its ResearchPage row.
    for model in (ResearchPage, PresentationPage):
        name = model._meta.model_name
        post_save.connect(item_saved, sender=model, dispatch_uid=f"search-{name}-saved")
        page_published.connect(item_published, sender=model, dispatch_uid=f"search-{name}-pub")
        page_unpublished.connect(
            item_unpublished, sender=model, dispatch_uid=f"search-{name}-unpub"
        )
    post_delete.connect(item_deleted, sender=ResearchPage, dispatch_uid="search-deleted")
    page_published.connect(edition_published, sender=EditionPage, dispatch_uid="search-edition")
    page_published.connect(plan_published, sender=StrategicPlanPage, dispatch_uid="search-plan")
    pre_delete.connect(
        objective_deleting, sender=StrategicObjective, dispatch_uid="search-objective-deleting"
    )
    # Any page may be an ancestor of research items, so these listen to every page type.
    post_page_move.connect(page_path_changed, dispatch_uid="search-moved")
    page_slug_changed.connect(page_path_changed, dispatch_uid="search-slug-changed")
    post_save.connect(page_row_saved, sender=Page, dispatch_uid="search-page-row-saved")
    post_save.connect(document_saved, sender=ResearchDocument, dispatch_uid="search-file-saved")
    pre_delete.connect(
        document_deleting, sender=ResearchDocument, dispatch_uid="search-file-deleting"
    )
    document_text_changed.connect(
        document_text_changed_by_extraction, dispatch_uid="search-file-text-changed"
    )
    # Facet labels are cached across requests: any change to a labelled row forgets them.
    for model in labelled_models():
        name = model._meta.label_lower
        post_save.connect(forget_facet_labels, sender=model, dispatch_uid=f"labels-{name}-saved")
        post_delete.connect(
            forget_facet_labels, sender=model, dispatch_uid=f"labels-{name}-deleted"
        )
    for model in _LABELLED_BY:
        post_save.connect(
            label_saved, sender=model, dispatch_uid=f"search-labels-{model._meta.label_lower}"
        )
    # This process's own thesaurus edits apply to its next search (others' within seconds).
    post_save.connect(forget_thesaurus, sender=ThesaurusConcept, dispatch_uid="thesaurus-saved")
    post_delete.connect(forget_thesaurus, sender=ThesaurusConcept, dispatch_uid="thesaurus-deleted")


def _described(page) -> str:
    return f"page {page.pk} «{page.title}»"
