"""Template tags of the search page, and the search counts other pages show."""

from html import escape
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from research.access import viewer_for
from search.backends import SearchUnavailable
from search.labels import FacetLabels
from search.objective_support import PlanSupport
from search.objective_support import plan_support as support_for_plan
from search.presentation import url_in_language
from search.query import check_facet_name
from search.related import related_items
from search.service import withheld_items

register = template.Library()

_OPTION = (
    '<li><input type="checkbox" id="{id}" name="{name}" value="{value}"{checked}>'
    '<label for="{id}">{label} <span class="search-facet__count">({count})</span></label></li>'
)


@register.simple_tag
def facet_options(group: dict, values: list[dict]) -> SafeString:
    """Checkboxes for some of a facet's values, each escaped (as Django's own escaping does).

    A page shows a hundred or so; written out by the template engine, one variable at a time,
    they took longer to render than the search took to run.
    """
    name = escape(group["name"])
    options = (
        _OPTION.format(
            id=escape(value["id"]),
            name=name,
            value=escape(value["value"]),
            checked=" checked" if value["selected"] else "",
            label=escape(str(value["label"])),
            count=escape(value["count_text"]),
        )
        for value in values
    )
    return mark_safe("\n".join(options))  # noqa: S308 (every part is escaped above)


@register.simple_tag
def search_url(name: str, value) -> str:
    """The search page filtered by one facet value: where a value shown on another page leads."""
    check_facet_name(name)
    return f"{reverse('search_page')}?{urlencode({name: value})}"


@register.simple_tag(takes_context=True)
def plan_support(context, plan) -> PlanSupport:
    """How much research the viewer may see supports each objective of `plan`."""
    viewer = viewer_for(context["request"].user)
    return support_for_plan(plan, viewer, (get_language() or "fr")[:2])


@register.simple_tag(takes_context=True)
def similar_research(context, page, size: int = 5) -> list[dict]:
    """Up to `size` items close to `page` that the viewer may see (search.related), as links;
    none when the engine cannot answer (the page shows without them)."""
    viewer = viewer_for(context["request"].user)
    try:
        hits = related_items(page, viewer, size, withheld=withheld_items(viewer))
    except SearchUnavailable:
        return []
    labels = FacetLabels((get_language() or "fr")[:2])
    return [
        {
            "url": url_in_language(hit.url, labels.language),
            "title": hit.title,
            "language": hit.language,
            "organisation": labels.label("organisation", hit.organisation),
            "year": hit.year,
        }
        for hit in hits
    ]
