"""How often one client may search: each surface counted per client, refused with a wait.

The API and exports count against SEARCH_API_RATE_LIMIT (search.api); the search page and the
feeds, which run the same searches, against SEARCH_PAGE_RATE_LIMIT.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from portal.security.ratelimit import client_identity, seconds_to_wait

THROTTLED_MESSAGE = gettext_lazy(
    "Too many searches from this client. Try again in %(seconds)d seconds."
)


def page_wait(request: HttpRequest) -> int | None:
    """Count a search page or feed request; None while within the limit, else seconds to wait."""
    identity = client_identity(request, request.user)
    return seconds_to_wait(request, "search-page", settings.SEARCH_PAGE_RATE_LIMIT, identity)


def throttled_message(seconds: int) -> str:
    """The refusal in the active language."""
    return str(THROTTLED_MESSAGE) % {"seconds": seconds}
