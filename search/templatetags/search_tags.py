"""Template tags of the search page."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_OPTION = (
    '<li><input type="checkbox" id="{}" name="{}" value="{}"{}>'
    '<label for="{}">{} <span class="search-facet__count">({})</span></label></li>'
)
_CHECKED = mark_safe(" checked")


@register.simple_tag
def facet_options(group: dict) -> SafeString:
    """One facet's checkboxes, every value escaped.

    A page shows a hundred or so; written out by the template engine, one variable at a time,
    they took longer to render than the search took to run.
    """
    return format_html_join(
        "\n",
        _OPTION,
        (
            (
                value["id"],
                group["name"],
                value["value"],
                _CHECKED if value["selected"] else "",
                value["id"],
                value["label"],
                value["count_text"],
            )
            for value in group["values"]
        ),
    )
