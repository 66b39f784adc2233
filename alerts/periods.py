"""Digest periods: a day or an ISO week, starting at DIGEST_HOUR in the portal's time zone."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from alerts.models import Frequency


@dataclass(frozen=True)
class Period:
    frequency: str
    key: str  # "2025-06-03" for a day, "2025-W23" for a week
    start: datetime.datetime


def current_period(frequency: str, now: datetime.datetime) -> Period:
    """The period `now` falls in: a saved search gets at most one digest per period."""
    local = timezone.localtime(now)
    start = local.replace(hour=settings.DIGEST_HOUR, minute=0, second=0, microsecond=0)
    if local < start:
        start -= datetime.timedelta(days=1)
    if frequency == Frequency.DAILY:
        return Period(frequency, start.date().isoformat(), start)
    if frequency != Frequency.WEEKLY:
        raise ValueError(f"no digest period for {frequency!r}")
    start -= datetime.timedelta(days=(start.weekday() - settings.DIGEST_WEEKDAY) % 7)
    year, week, _day = start.date().isocalendar()
    return Period(frequency, f"{year}-W{week:02d}", start)
