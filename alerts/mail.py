"""A digest e-mail: plain text and HTML in the saved searches' language, with unsubscribe links
in the body and in the List-Unsubscribe headers (RFC 2369 and RFC 8058's one click)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator
from django.utils.translation import ngettext

from alerts.models import SavedSearch
from alerts.unsubscribe import unsubscribe_token
from exchange.records import items_with_metadata
from exchange.results import items_in_order
from research.access import viewer_for
from research.models import AccessLevel, ResearchPage

SUMMARY_WORDS = 60


@dataclass(frozen=True)
class DigestSection:
    saved: SavedSearch
    items: list[int]  # ids, newest first
    more: bool  # more new items than the digest shows


def absolute(path: str) -> str:
    """A path on the portal as a link that works from a mail client."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_digest(user, language: str, sections: list[DigestSection]) -> bool:
    """Send the member one e-mail; False when nothing is left that they may see now."""
    with translation.override(language):
        shown = [_section(section, user) for section in sections]
        shown = [section for section in shown if section["items"] or section["more"]]
        if not shown:
            return False
        count = sum(len(section["items"]) for section in shown)
        every = [section["saved"].pk for section in shown]
        unsubscribe_url = absolute(
            reverse("alerts_unsubscribe", args=[unsubscribe_token(user.pk, every)])
        )
        context = {
            "user": user,
            "sections": shown,
            "count": count,
            "account_url": absolute(reverse("alerts_account")),
            "unsubscribe_url": unsubscribe_url,
        }
        subject = ngettext(
            "Passerelle: %(count)d new research item for your saved searches",
            "Passerelle: %(count)d new research items for your saved searches",
            count,
        ) % {"count": count}
        text = render_to_string("alerts/email/digest.txt", context)
        html = render_to_string("alerts/email/digest.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(html, "text/html")
    message.send()
    return True


def _section(section: DigestSection, user) -> dict:
    # Read again now, as the member: an item they lost access to since it was found is dropped.
    queryset = items_with_metadata(ResearchPage.objects.all())
    items = items_in_order(section.items, queryset, viewer_for(user))
    saved = section.saved
    return {
        "saved": saved,
        "items": [_item(item) for item in items],
        "more": section.more,
        "open_url": absolute(reverse("alerts_open", args=[saved.pk])),
        "unsubscribe_url": absolute(
            reverse("alerts_unsubscribe", args=[unsubscribe_token(user.pk, [saved.pk])])
        ),
    }


def _item(item: ResearchPage) -> dict:
    restricted = item.access != AccessLevel.PUBLIC
    return {
        "title": item.title,
        "url": absolute(_path(item)),
        "organisation": item.organisation.name,
        "year": item.publication_date.year,
        "type": item.research_type.label,
        "access": AccessLevel(item.access).label if restricted else "",
        "summary": Truncator(item.summary).words(SUMMARY_WORDS),
        "language": item.language,
    }


def _path(item: ResearchPage) -> str:
    # The page's path in the active language, whatever Site record Wagtail would prefix.
    parts = item.get_url_parts()
    return parts[2] if parts and parts[2] else "/"
