"""What the OAI-PMH endpoint serves: public research items, their sets, identifiers and pages."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db.models import Min, QuerySet

from exchange.oai.protocol import OaiError, OaiRequest
from exchange.records import items_for_records
from portal.database_ids import database_id
from portal.models import Organisation
from research.access import ANONYMOUS
from research.models import EditionPage, ResearchPage, Theme
from search.indexing import live_items

_SIGNING_SALT = "passerelle.oai.resumption"


@dataclass(frozen=True)
class OaiSet:
    spec: str
    name: str


def public_items() -> QuerySet[ResearchPage]:
    """Harvesters are anonymous: the items anyone may open, through the one access policy."""
    return live_items().visible_to(ANONYMOUS).public()


def earliest_datestamp():
    return public_items().aggregate(first=Min("last_published_at"))["first"]


def item_identifier(item_id: int, repository: str) -> str:
    return f"oai:{repository}:research/{item_id}"


def find_item(identifier: str, repository: str) -> ResearchPage:
    prefix = f"oai:{repository}:research/"
    number = database_id(identifier[len(prefix) :]) if identifier.startswith(prefix) else None
    item = None
    if number is not None:
        item = items_for_records(public_items()).filter(pk=number).first()
    if item is None:
        raise OaiError("idDoesNotExist", f"No public record has the identifier {identifier!r}.")
    return item


def all_sets() -> list[OaiSet]:
    """Sets per publishing organisation, theme and Rencontre edition; names in French, English."""
    sets = [
        OaiSet(f"organisation:{slug}", _bilingual(name_fr, name_en))
        for slug, name_fr, name_en in Organisation.objects.order_by("slug").values_list(
            "slug", "name_fr", "name_en"
        )
    ]
    sets += [
        OaiSet(f"theme:{slug}", _bilingual(label_fr, label_en))
        for slug, label_fr, label_en in Theme.objects.order_by("slug").values_list(
            "slug", "label_fr", "label_en"
        )
    ]
    sets += [
        OaiSet(
            f"edition:{year}",
            _bilingual(
                f"Rencontre {year} : {theme_fr}", theme_en and f"Rencontre {year}: {theme_en}"
            ),
        )
        for year, theme_fr, theme_en in EditionPage.objects.live()
        .order_by("year")
        .values_list("year", "theme_fr", "theme_en")
    ]
    return sets


def item_sets(item: ResearchPage) -> list[str]:
    """The sets one record belongs to."""
    sets = [f"organisation:{item.organisation.slug}"]
    sets += [f"theme:{theme.slug}" for theme in item.themes.all()]
    if item.edition_id is not None:
        sets.append(f"edition:{item.edition.year}")
    return sets


def _bilingual(french: str, english: str) -> str:
    return french if not english or english == french else f"{french} / {english}"


def selected_items(request: OaiRequest) -> QuerySet[ResearchPage]:
    """Public items in the requested set and datestamp range, in a stable order (by id)."""
    items = public_items()
    if request.start is not None:
        items = items.filter(last_published_at__gte=request.start)
    if request.end is not None:
        items = items.filter(last_published_at__lte=request.end)
    spec = request.get("set")
    if spec is not None:
        kind, _, value = spec.partition(":")
        if kind == "organisation":
            items = items.filter(organisation__slug=value)
        elif kind == "theme":
            items = items.filter(themes__slug=value)
        elif kind == "edition" and value.isascii() and value.isdigit():
            items = items.filter(edition__year=int(value))
        else:
            items = items.none()
    return items.order_by("pk")


# -- resumption tokens --------------------------------------------------------------------------


def page_size() -> int:
    return settings.OAI_PAGE_SIZE


def make_token(request: OaiRequest, after: int, cursor: int, total: int) -> str:
    """A signed token holding the list's arguments and where the next page starts."""
    state = {"verb": request.verb, "args": dict(request.arguments), "after": after}
    state |= {"cursor": cursor, "total": total}
    return signing.dumps(state, salt=_SIGNING_SALT, compress=True)


def read_token(request: OaiRequest) -> tuple[dict, int, int, int]:
    """(original arguments, id after which to start, cursor, list size) from a token."""
    try:
        state = signing.loads(request.get("resumptionToken") or "", salt=_SIGNING_SALT)
        if state["verb"] != request.verb:
            raise ValueError("a token of another verb")
        return state["args"], int(state["after"]), int(state["cursor"]), int(state["total"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise OaiError(
            "badResumptionToken", "The resumption token is not valid; start the list again."
        ) from None
