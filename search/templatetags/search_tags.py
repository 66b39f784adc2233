"""Template tags of the search page."""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_OPTION = (
    '<li><input type="checkbox" id="{id}" name="{name}" value="{value}"{checked}>'
    '<label for="{id}">{label} <span class="search-facet__count">({count})</span></label></li>'
)


@register.simple_tag
def facet_options(group: dict) -> SafeString:
    """One facet's checkboxes, every value escaped (as Django's own escaping does).

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
        for value in group["values"]
    )
    return mark_safe("\n".join(options))  # noqa: S308 (every part is escaped above)
