"""An edition's programme: its sessions with the presentations the viewer may see, and the
same programme as one iCalendar file (RFC 5545) for calendar applications."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from portal.absolute_urls import page_url, site_host

PRODUCT_ID = "-//Passerelle//Rencontre programme//FR"


@dataclass(frozen=True)
class CalendarSession:
    """One session as a calendar event; times are aware datetimes."""

    uid: str
    title: str
    starts_at: datetime
    ends_at: datetime
    location: str = ""
    description: str = ""
    url: str = ""


def build_calendar(name: str, sessions: Iterable[CalendarSession], stamp: datetime) -> bytes:
    """The iCalendar file: one event per session, times in UTC so every client agrees."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for session in sessions:
        event = Event()
        event.add("uid", session.uid)
        event.add("dtstamp", stamp.astimezone(UTC))
        event.add("dtstart", session.starts_at.astimezone(UTC))
        event.add("dtend", session.ends_at.astimezone(UTC))
        event.add("summary", session.title)
        if session.location:
            event.add("location", session.location)
        if session.description:
            event.add("description", session.description)
        if session.url:
            event.add("url", session.url)
        calendar.add_component(event)
    return calendar.to_ical()


# -- Django glue: the edition's pages and sessions ---------------------------------------------


@dataclass
class ProgrammeSession:
    session: object
    presentations: list = field(default_factory=list)


@dataclass
class Programme:
    sessions: list[ProgrammeSession]
    # Presentations not (or no longer) assigned to a session of this edition.
    unscheduled: list


def edition_programme(edition, viewer) -> Programme:
    """Sessions in time order, each with its live presentations visible to `viewer`."""
    presentations = edition.visible_presentations(viewer)
    slots = {session.pk: ProgrammeSession(session) for session in edition.ordered_sessions()}
    unscheduled = []
    for presentation in presentations:
        slot = slots.get(presentation.session_id)
        (slot.presentations if slot else unscheduled).append(presentation)
    return Programme(sessions=list(slots.values()), unscheduled=unscheduled)


def edition_calendar(edition, viewer, request=None) -> bytes:
    edition_url = page_url(edition, request)
    host = site_host(request)
    events = [
        CalendarSession(
            uid=f"rencontre-{edition.year}-session-{slot.session.pk}@{host}",
            title=f"{slot.session.localized_title} — {edition.title}",
            starts_at=slot.session.starts_at,
            ends_at=slot.session.ends_at,
            location=", ".join(part for part in (slot.session.room, edition.venue) if part),
            description=_session_description(slot, _),
            url=f"{edition_url}#session-{slot.session.pk}" if edition_url else "",
        )
        for slot in edition_programme(edition, viewer).sessions
    ]
    name = f"{edition.title} — {edition.theme}" if edition.theme else edition.title
    return build_calendar(name, events, stamp=timezone.now())


def _session_description(slot: ProgrammeSession, gettext) -> str:
    lines = []
    if slot.session.chair:
        lines.append(gettext("Chair: %(chair)s") % {"chair": slot.session.chair})
    for presentation in slot.presentations:
        speakers = ", ".join(str(author) for author in presentation.authors.all())
        lines.append(f"• {presentation.title}" + (f" — {speakers}" if speakers else ""))
    return "\n".join(lines)
