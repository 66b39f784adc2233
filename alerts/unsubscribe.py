"""Signed unsubscribe links: they name the member and their saved searches, and nobody without
the site's secret can make or alter one (django.core.signing)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core import signing

from alerts.models import Frequency, SavedSearch

SALT = "alerts.unsubscribe"


def unsubscribe_token(user_id: int, saved_search_ids: Iterable[int]) -> str:
    return signing.dumps({"u": user_id, "s": sorted(saved_search_ids)}, salt=SALT, compress=True)


def saved_searches_for(token: str):
    """The saved searches a token names that its member still owns; BadSignature if forged."""
    payload = signing.loads(token, salt=SALT)
    if not isinstance(payload, dict) or not isinstance(payload.get("s"), list):
        raise signing.BadSignature("not an unsubscribe token")
    ids = [pk for pk in payload["s"] if isinstance(pk, int)]
    return SavedSearch.objects.filter(owner_id=payload.get("u"), pk__in=ids).order_by("name")


def unsubscribe(token: str) -> list[SavedSearch]:
    """Stop the e-mails of the saved searches the token names; BadSignature if forged."""
    saved_searches = list(saved_searches_for(token))
    SavedSearch.objects.filter(pk__in=[saved.pk for saved in saved_searches]).update(
        frequency=Frequency.NONE
    )
    return saved_searches
