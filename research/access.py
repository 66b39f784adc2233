"""The one access policy: who may see which research item, in pages, files, listings and search.

The rule is written once, as the grants a viewer holds (`Viewer.grants`): groups of item field →
values, an item being visible when every field of one group holds one of its values. From them
come the yes/no check for one item (`Viewer.may_see`), the database filter
(`Viewer.database_filter`) and the engine-neutral search filter (`Viewer.search_filter`), which
each engine compiles with the code it uses for facet filters; no engine knows the level names.

Importing this module needs no configured Django (search.query, which is pure, imports it).
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import reduce

from django.db.models import Q, TextChoices
from django.utils.translation import gettext_lazy as _


class AccessLevel(TextChoices):
    PUBLIC = "public", _("Public")
    COMMUNITY = "community", _("Police community")
    ORGANISATION = "organisation", _("Publishing organisation only")


# The item fields the rule reads, as search documents name them, and where the database holds
# them on a research item.
LEVEL_FIELD = "access"
ORGANISATIONS_FIELD = "access_organisations"
DATABASE_FIELDS: Mapping[str, str] = {
    LEVEL_FIELD: "access",
    ORGANISATIONS_FIELD: "organisation__slug",
}

# Any of these groups; within a group every field holds one of its values. None: everything.
AccessFilter = tuple[Mapping[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Viewer:
    """Who is looking, as far as access to research items is concerned."""

    community: bool = False
    organisations: frozenset[str] = frozenset()
    unrestricted: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "organisations", frozenset(self.organisations))

    def grants(self) -> AccessFilter:
        """The rule: public items for everyone, community items for members of any partner
        organisation, organisation-level items for the members of the item's organisations."""
        groups: list[dict[str, tuple[str, ...]]] = [{LEVEL_FIELD: (AccessLevel.PUBLIC.value,)}]
        if self.community:
            groups.append({LEVEL_FIELD: (AccessLevel.COMMUNITY.value,)})
        if self.organisations:
            groups.append(
                {
                    LEVEL_FIELD: (AccessLevel.ORGANISATION.value,),
                    ORGANISATIONS_FIELD: tuple(sorted(self.organisations)),
                }
            )
        return tuple(groups)

    def search_filter(self) -> AccessFilter | None:
        """What engines restrict a search to; None when the viewer may see everything."""
        return None if self.unrestricted else self.grants()

    def may_see(self, access: str, access_organisations: Iterable[str]) -> bool:
        """Whether an item of this level, seen by these organisations' members, is visible."""
        if self.unrestricted:
            return True
        item = {LEVEL_FIELD: {access}, ORGANISATIONS_FIELD: set(access_organisations)}
        return any(
            all(not item[name].isdisjoint(values) for name, values in group.items())
            for group in self.grants()
        )

    def may_view(self, item) -> bool:
        """`may_see` for a research item."""
        return self.may_see(item.access, item_access_organisations(item))

    def database_filter(self, prefix: str = "") -> Q:
        """The research items (under `prefix`, e.g. "item__") this viewer may see, for the ORM."""
        if self.unrestricted:
            return Q()
        return reduce(
            operator.or_,
            (
                Q(
                    **{
                        f"{prefix}{DATABASE_FIELDS[name]}__in": values
                        for name, values in group.items()
                    }
                )
                for group in self.grants()
            ),
        )


ANONYMOUS = Viewer()
EVERYONE = Viewer(unrestricted=True)
_CACHE_ATTRIBUTE = "_passerelle_viewer"


def viewer_for(user) -> Viewer:
    """Superusers see everything; members see community items and their organisations' own."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if user.is_superuser:
        viewer = EVERYONE
    else:
        slugs = frozenset(user.memberships.values_list("organisation__slug", flat=True))
        # A member of any partner organisation belongs to the police community.
        viewer = Viewer(community=bool(slugs), organisations=slugs)
    setattr(user, _CACHE_ATTRIBUTE, viewer)
    return viewer


def item_access_organisations(item) -> list[str]:
    """Whose members may see an `organisation`-level item: its publishing organisation's."""
    return access_organisations(item.organisation.slug)


def access_organisations(organisation_slug: str) -> list[str]:
    """The same, from the slug of the item's organisation alone (for rows read without pages)."""
    return [organisation_slug]


def document_access(document, user) -> str | None:
    """The access level under which `user` may download `document`, or None if they may not.

    A file is as visible as the most open live research item attaching it that the viewer may
    see. A file attached to no live item is for CMS users only, as a restricted file.
    """
    viewer = viewer_for(user)
    links = document.research_links.filter(page__live=True).select_related("page__organisation")
    levels = {link.page.access for link in links if viewer.may_view(link.page)}
    if AccessLevel.PUBLIC in levels:
        return AccessLevel.PUBLIC
    if levels:
        return sorted(levels)[0]
    if (
        not document.research_links.exists()
        and user.is_authenticated
        and user.has_perm("wagtailadmin.access_admin")
    ):
        return AccessLevel.ORGANISATION
    return None
