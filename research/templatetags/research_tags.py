"""Research listings other apps' pages show (the home page); how an attached file is described."""

import logging

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils.translation import ngettext

from research.access import viewer_for
from research.models import ResearchPage

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag(takes_context=True)
def latest_research(context, count: int = 6):
    """The newest live research items the viewer may see."""
    viewer = viewer_for(context["request"].user)
    return ResearchPage.objects.visible_to(viewer).latest_published()[:count]


# Formats whose pages are slides: a deck's "pages" are counted as slides.
SLIDE_EXTENSIONS = frozenset({"pptx"})


@register.simple_tag
def file_facts(document) -> str:
    """`PDF, 12 pages, 1.2 MB`: the format, the pages when extraction counted them, the size."""
    extension = document.file_extension.lower()
    facts = [extension.upper()]
    if document.pages:
        if extension in SLIDE_EXTENSIONS:
            template = ngettext("%(count)d slide", "%(count)d slides", document.pages)
        else:
            template = ngettext("%(count)d page", "%(count)d pages", document.pages)
        facts.append(template % {"count": document.pages})
    size = _file_size(document)
    if size is not None:
        facts.append(filesizeformat(size))
    return ", ".join(facts)


def _file_size(document) -> int | None:
    """The size the admin recorded, else the stored file's; None when the file is missing."""
    if document.file_size is not None:
        return document.file_size
    try:
        return document.file.size
    except OSError:
        logger.warning("document %s: its file is missing from storage", document.pk)
        return None
