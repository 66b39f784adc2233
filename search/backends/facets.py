"""Counted facet values → the FacetCount list every engine answers with."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from search.query import FacetCount


def facet_counts(
    counts: Mapping[str, int], selected: Iterable[str], limit: int | None = None
) -> list[FacetCount]:
    """The `limit` most frequent values, plus every selected one (at 0 when it matches nothing),
    by count, then value; a selected value must stay visible so it can be unticked."""
    chosen = tuple(selected)
    values = [FacetCount(value, count, value in chosen) for value, count in counts.items()]
    values.sort(key=lambda facet: (-facet.count, facet.value))
    if limit is not None:
        values = values[:limit]
    shown = {facet.value for facet in values}
    missing = [value for value in chosen if value not in shown]
    values += [FacetCount(value, counts.get(value, 0), True) for value in missing]
    return sorted(values, key=lambda facet: (-facet.count, facet.value))
