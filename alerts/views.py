"""The member's pages: saved searches on the account page, saving, following, unsubscribing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from alerts import follows
from alerts.models import AlertLanguage, Frequency, SavedSearch
from alerts.novelty import count_new
from alerts.queries import query_from_string, query_string
from alerts.saving import change_saved_search, save_search
from alerts.unsubscribe import saved_searches_for, unsubscribe
from research.access import viewer_for
from search.backends import SearchUnavailable
from search.labels import FacetLabels
from search.page import active_filters
from search.query import SearchError


def _language() -> str:
    return (get_language() or "fr")[:2]


@never_cache
@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    """My saved searches: what each holds, how many new items, its alerts and its feed."""
    labels = FacetLabels(_language())
    rows = []
    for saved in SavedSearch.objects.filter(owner=request.user):
        rows.append(
            {
                "saved": saved,
                "words": saved.query.get("q", ""),
                "filters": active_filters(QueryDict(query_string(saved.query)), labels),
                "new_items": _new_count(saved),
                "feed_url": request.build_absolute_uri(feed_path(saved)),
            }
        )
    context = {
        "rows": rows,
        "frequencies": Frequency.choices,
        "languages": AlertLanguage.choices,
    }
    return render(request, "alerts/account.html", context)


def _new_count(saved: SavedSearch) -> int | None:
    try:
        return count_new(saved, saved.last_seen_at)
    except (SearchUnavailable, SearchError):  # the page still lists them, without a count
        return None


def feed_path(saved: SavedSearch) -> str:
    """The private feed's path, in the saved search's language."""
    with translation.override(saved.language):
        return reverse("alerts_feed", args=[saved.pk, saved.feed_token])


@login_required
@require_POST
def save(request: HttpRequest) -> HttpResponse:
    """Save the search of the page the form was on (its query string) under a name."""
    try:
        saved = save_search(
            request.user,
            request.POST.get("name"),
            query_from_string(request.POST.get("query", ""), viewer_for(request.user)),
            request.POST.get("frequency", Frequency.NONE),
            _language(),
        )
    except SearchError as error:
        messages.error(request, str(error))
        return redirect("alerts_account")
    messages.success(request, _("Saved: “%(name)s”.") % {"name": saved.name})
    return HttpResponseRedirect(reverse("alerts_account") + f"#saved-search-{saved.pk}")


@login_required
@require_GET
def open_saved_search(request: HttpRequest, saved_id: int) -> HttpResponse:
    """Run the saved search on the search page; what it found is no longer new."""
    saved = get_object_or_404(SavedSearch, pk=saved_id, owner=request.user)
    SavedSearch.objects.filter(pk=saved.pk).update(last_seen_at=timezone.now())
    return HttpResponseRedirect(f"{reverse('search_page')}?{query_string(saved.query)}")


@login_required
@require_POST
def edit(request: HttpRequest, saved_id: int) -> HttpResponse:
    saved = get_object_or_404(SavedSearch, pk=saved_id, owner=request.user)
    try:
        change_saved_search(
            saved,
            request.POST.get("name"),
            request.POST.get("frequency"),
            request.POST.get("language"),
        )
    except SearchError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Changes saved."))
    return HttpResponseRedirect(reverse("alerts_account") + f"#saved-search-{saved.pk}")


@login_required
@require_POST
def delete(request: HttpRequest, saved_id: int) -> HttpResponse:
    saved = get_object_or_404(SavedSearch, pk=saved_id, owner=request.user)
    saved.delete()
    messages.success(request, _("Deleted: “%(name)s”.") % {"name": saved.name})
    return redirect("alerts_account")


@login_required
@require_POST
def new_feed_address(request: HttpRequest, saved_id: int) -> HttpResponse:
    saved = get_object_or_404(SavedSearch, pk=saved_id, owner=request.user)
    saved.revoke_feed()
    messages.success(request, _("The feed has a new address; the old one no longer works."))
    return HttpResponseRedirect(reverse("alerts_account") + f"#saved-search-{saved.pk}")


@login_required
@require_POST
def follow(request: HttpRequest) -> HttpResponse:
    """Follow (or stop following) a practice, objective, theme or organisation, then go back."""
    kind, value = request.POST.get("kind", ""), request.POST.get("value", "")
    try:
        if request.POST.get("action") == "unfollow":
            follows.unfollow(request.user, kind, value)
            messages.success(request, _("You no longer follow it."))
        else:
            saved = follows.follow(request.user, kind, value)
            messages.success(
                request,
                _("You follow “%(name)s”: new items arrive by e-mail each week.")
                % {"name": saved.name},
            )
    except SearchError as error:
        messages.error(request, str(error))
        return redirect("alerts_account")
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(back)
    return redirect("alerts_account")


@csrf_exempt  # mail clients post RFC 8058's one-click request without any cookie or token
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe_link(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks for confirmation (mail scanners follow links); POST stops the e-mails.

    No sign-in: the signed token is the authority, and a forged or altered one is a 404.
    """
    try:
        if request.method == "POST":
            stopped = unsubscribe(token)
            return render(request, "alerts/unsubscribe.html", {"stopped": stopped, "done": True})
        pending = list(saved_searches_for(token))
    except signing.BadSignature as error:
        raise Http404("Not a valid unsubscribe link.") from error
    return render(request, "alerts/unsubscribe.html", {"pending": pending, "token": token})
