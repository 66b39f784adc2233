"""What the item page, the download view and the search tell readership, turned into records
for the buffer. Each receiver returns at once: nothing here reads the database for a reader
who is not an administrator."""

from __future__ import annotations

from django.conf import settings

from portal.security.addresses import request_client_address
from readership import buffer
from readership.models import ANONYMOUS, PUBLIC, ReadingKind
from readership.unmet import filter_parameters, is_unmet, normalised_query
from research.access import viewer_for
from research.signals import document_downloaded, item_viewed
from search.events import search_answered


def audience_of(user) -> str:
    """The reader's organisation (the first by slug for a member of several), never the person."""
    if user is None or not user.is_authenticated:
        return ANONYMOUS
    viewer = viewer_for(user)
    organisations = viewer.organisations
    if viewer.unrestricted:  # administrators: the viewer does not list their memberships
        organisations = user.memberships.values_list("organisation__slug", flat=True)
    return min(organisations, default=PUBLIC)


def _user_agent(request) -> str:
    return request.META.get("HTTP_USER_AGENT", "")


def item_was_viewed(sender, request, item, **kwargs) -> None:
    if settings.READERSHIP_COUNTING:
        buffer.record(
            buffer.Reading(
                kind=ReadingKind.VIEW,
                audience=audience_of(request.user),
                address=request_client_address(request),
                user_agent=_user_agent(request),
                item_id=item.pk,
            )
        )


def document_was_downloaded(sender, request, document, viewer, **kwargs) -> None:
    if settings.READERSHIP_COUNTING:
        buffer.record(
            buffer.Reading(
                kind=ReadingKind.DOWNLOAD,
                audience=audience_of(request.user),
                address=request_client_address(request),
                user_agent=_user_agent(request),
                document=document,
                viewer=viewer,
            )
        )


def search_was_answered(sender, request, search_request, total, language, **kwargs) -> None:
    if settings.READERSHIP_COUNTING and is_unmet(search_request, total):
        buffer.record(
            buffer.Search(
                query=normalised_query(search_request.text),
                parameters=filter_parameters(search_request),
                language=language,
                user_agent=_user_agent(request),
            )
        )


def connect_receivers() -> None:
    item_viewed.connect(item_was_viewed, dispatch_uid="readership-item-viewed")
    document_downloaded.connect(document_was_downloaded, dispatch_uid="readership-downloaded")
    search_answered.connect(search_was_answered, dispatch_uid="readership-search-answered")
