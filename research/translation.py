"""Research items are never translated in the CMS: each study keeps its content language.

An editor translating the home page with its subtree (Wagtail's simple translation) gets the
editorial pages copied into English; the research items' copies are removed as they are made,
and the translated index lists the French index's items. Translating an item itself is refused
with a message that points to its summary in the other language.
"""

from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.contrib.simple_translation.views import SubmitPageTranslationView
from wagtail.models import Page

REFUSED_MESSAGE = _(
    "A research item keeps the language it was written in and is not translated. Add its "
    "summary in the other language in the field “Summary in the other language”."
)


def drop_research_item_copies(sender, source_obj, target_obj, **kwargs) -> None:
    """Receiver of copy_for_translation_done: a copy of a research item is deleted at once."""
    from research.models import ResearchPage

    if isinstance(target_obj, ResearchPage) and target_obj.pk != source_obj.pk:
        target_obj.delete()


def submit_page_translation(request, page_id: int):
    """Wagtail's "Translate this page" view, refusing research items."""
    from research.models import ResearchPage

    page = get_object_or_404(Page, pk=page_id).specific
    if isinstance(page, ResearchPage):
        messages.error(request, str(REFUSED_MESSAGE))
        return redirect("wagtailadmin_pages:edit", page.pk)
    return SubmitPageTranslationView.as_view()(request, page_id=page_id)
