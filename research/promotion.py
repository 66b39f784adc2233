"""Promote a presentation to a full research item, keeping its files, speakers and links."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from research.editing import may_edit_item
from research.models import (
    PresentationPage,
    RelatedResearch,
    ResearchAuthor,
    ResearchFile,
    ResearchIndexPage,
    ResearchPage,
)

# What the new item takes over as it is; the rest is the analyst's to complete.
COPIED_FIELDS = (
    "title", "organisation_id", "language", "research_type_id", "design_id", "evidence_id",
    "publication_date", "summary", "region", "access", "edition_id",
)  # fmt: skip


class PromotionError(Exception):
    """The presentation cannot be promoted; the message says why, in the user's language."""


def promote_presentation(presentation: PresentationPage, user) -> ResearchPage:
    """Create a research item from the live presentation; published when the user may publish.

    The presentation stays in its edition's programme and links to the new item, which
    replaces it in search.
    """
    with transaction.atomic():
        presentation = PresentationPage.objects.select_for_update().get(pk=presentation.pk)
        if ResearchPage.objects.filter(promoted_from=presentation).exists():
            raise PromotionError(_("This presentation has already been promoted."))
        index = ResearchIndexPage.where_items_live()
        if index is None:
            raise PromotionError(_("There is no research section to add the item to."))
        permissions = index.permissions_for_user(user)
        if not permissions.can_add_subpage():
            raise PromotionError(_("You may not add research items."))
        item = research_item_from(presentation, index)
        if not may_edit_item(user, item):
            raise PromotionError(
                _("Only members of %(organisation)s may publish its research.")
                % {"organisation": presentation.organisation.name}
            )
        index.add_child(instance=item)
        revision = item.save_revision(user=user, log_action=True)
        if permissions.can_publish_subpage():
            revision.publish(user=user)
    return ResearchPage.objects.get(pk=item.pk)


def research_item_from(presentation: PresentationPage, index: ResearchIndexPage) -> ResearchPage:
    item = ResearchPage(live=False, promoted_from=presentation)
    for name in COPIED_FIELDS:
        setattr(item, name, getattr(presentation, name))
    item.slug = free_slug(index, presentation.slug)
    item.external_url = presentation.video_url
    item.partners = list(presentation.partners.all())
    item.approaches = list(presentation.approaches.all())
    item.themes = list(presentation.themes.all())
    item.authors = [
        ResearchAuthor(name=author.name, affiliation=author.affiliation, sort_order=order)
        for order, author in enumerate(presentation.authors.all())
    ]
    item.files = [
        ResearchFile(document_id=link.document_id, label=link.label, sort_order=order)
        for order, link in enumerate(presentation.files.all())
    ]
    item.related_links = [
        RelatedResearch(item_id=link.item_id, sort_order=order)
        for order, link in enumerate(presentation.related_links.all())
    ]
    item.tags.add(*presentation.tags.names())
    return item


def free_slug(index: ResearchIndexPage, wanted: str) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`… whichever no sibling under the index uses."""
    base = slugify(wanted) or "presentation"
    taken = set(index.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
