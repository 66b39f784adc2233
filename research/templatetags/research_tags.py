"""Research listings other apps' pages show (the home page), filtered by the access policy."""

from django import template

from research.access import viewer_for
from research.models import ResearchPage

register = template.Library()


@register.simple_tag(takes_context=True)
def latest_research(context, count: int = 6):
    """The newest live research items the viewer may see."""
    viewer = viewer_for(context["request"].user)
    return ResearchPage.objects.visible_to(viewer).latest_published()[:count]
