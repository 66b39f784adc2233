"""What readership adds to other apps' pages: an item's totals, the open questions of the map."""

from django import template
from django.db.models import Sum

from readership.calls import MapQuestions, map_questions
from readership.models import DailyReading, ReadingKind

register = template.Library()


@register.inclusion_tag("readership/includes/reading_totals.html")
def reading_totals(item):
    """All-time views and downloads of a research item (shown to whoever may see the item)."""
    rows = DailyReading.objects.filter(item_id=item.pk).values("kind").annotate(total=Sum("count"))
    totals = {row["kind"]: row["total"] for row in rows}
    return {
        "views": totals.get(ReadingKind.VIEW, 0),
        "downloads": totals.get(ReadingKind.DOWNLOAD, 0),
    }


@register.simple_tag
def open_questions_on_map(rows: str) -> MapQuestions:
    """The calls for research that point at cells of the evidence map with these rows."""
    return map_questions(rows)


@register.simple_tag
def questions_at(questions: MapQuestions, row: str, outcome: str):
    return questions.at(row, outcome)
