"""File downloads, served only after the access policy allows them."""

import logging

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from wagtail.documents.views.serve import serve as wagtail_serve

from portal.models import DownloadRecord
from portal.security.addresses import request_client_address
from portal.security.headers import download_headers
from portal.security.logs import security_event
from research.access import document_access, viewer_for
from research.models import AccessLevel, ResearchDocument
from research.signals import document_downloaded

logger = logging.getLogger("passerelle.audit")

# `?download=1` saves a file the browser would otherwise show (a PDF): the item page's
# "Download" link beside the one that opens it.
DOWNLOAD_PARAMETER = "download"


def serve_document(request, document_id: int, document_filename: str):
    """Like Wagtail's document view, but 404 unless the viewer may see an item attaching it.

    The check runs before Wagtail's conditional-GET handling, so an unauthorised
    `If-None-Match` gets the 404 too, never a 304 confirming the file.
    """
    document = get_object_or_404(ResearchDocument, pk=document_id)
    if document.filename != document_filename:
        raise Http404("This document does not match the given file name.")
    access = document_access(document, request.user)
    if access is None:
        security_event("download_denied", request, document=document.pk)
        raise Http404("No such document.")
    response = wagtail_serve(request, document_id, document_filename)
    if request.GET.get(DOWNLOAD_PARAMETER) == "1":
        as_attachment(response)
    if response.status_code == 200:
        for header, value in download_headers(
            response.get("Content-Type", ""), response.get("Content-Disposition", "")
        ).items():
            response[header] = value
    if request.method == "GET" and response.status_code == 200:
        viewer = viewer_for(request.user)
        document_downloaded.send(type(document), request=request, document=document, viewer=viewer)
    if access == AccessLevel.PUBLIC:
        patch_cache_control(response, private=True)
    else:
        response["Cache-Control"] = "private, no-store"
        if response.status_code == 200:
            record_restricted_download(request, document, access)
    return response


def as_attachment(response) -> None:
    """Saved, not shown: Wagtail's `inline; filename=…` becomes `attachment; filename=…`."""
    disposition = response.get("Content-Disposition", "")
    if disposition.startswith("inline"):
        response["Content-Disposition"] = "attachment" + disposition.removeprefix("inline")


def record_restricted_download(request, document: ResearchDocument, access: str) -> None:
    user = request.user if request.user.is_authenticated else None
    DownloadRecord.objects.create(
        document=document,
        document_title=document.title,
        user=user,
        username=user.get_username() if user else "",
        access=access,
        client_address=request_client_address(request) or None,
    )
    logger.info(
        "restricted download: document=%s user=%s access=%s",
        document.pk,
        user.pk if user else None,
        access,
    )
