"""Creating and changing saved searches: the rules the account page and the API share.

Refusals are SearchErrors in the active language, as the search's own are, so the API answers
them with a 400 and the pages show them.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext

from alerts.models import AlertLanguage, Frequency, SavedSearch
from alerts.queries import saved_query
from research.access import viewer_for
from search.query import SearchError

MAX_SAVED_SEARCHES = 50
MAX_NAME_CHARS = SavedSearch._meta.get_field("name").max_length


def checked_name(name: Any) -> str:
    text = name.strip() if isinstance(name, str) else ""
    if not 1 <= len(text) <= MAX_NAME_CHARS:
        raise SearchError(
            gettext("name must be a text of 1 to %(max)d characters."), max=MAX_NAME_CHARS
        )
    return text


def checked_frequency(frequency: Any) -> str:
    if frequency not in Frequency.values:
        raise SearchError(gettext("frequency must be none, daily or weekly."))
    return frequency


def checked_language(language: Any) -> str:
    if language not in AlertLanguage.values:
        raise SearchError(gettext("language must be fr or en."))
    return language


def save_search(owner, name: Any, query: Any, frequency: Any, language: Any) -> SavedSearch:
    """A new saved search for `owner`, its query checked as a search of theirs would be."""
    checked = {
        "name": checked_name(name),
        "query": saved_query(query, viewer_for(owner)),
        "frequency": checked_frequency(frequency),
        "language": checked_language(language),
    }
    if SavedSearch.objects.filter(owner=owner).count() >= MAX_SAVED_SEARCHES:
        raise SearchError(
            gettext("You already have %(max)d saved searches: delete one first."),
            max=MAX_SAVED_SEARCHES,
        )
    now = timezone.now()
    return SavedSearch.objects.create(
        owner=owner, **checked, created_at=now, last_seen_at=now, last_digest_at=now
    )


def change_saved_search(saved: SavedSearch, name: Any, frequency: Any, language: Any) -> None:
    saved.name = checked_name(name)
    saved.change_frequency(checked_frequency(frequency))
    saved.language = checked_language(language)
    saved.save(update_fields=["name", "frequency", "language", "last_digest_at"])
