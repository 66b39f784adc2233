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
        viewer = member_viewer(user.memberships.values_list("organisation__slug", flat=True))
    setattr(user, _CACHE_ATTRIBUTE, viewer)
    return viewer


def member_viewer(organisation_slugs: Iterable[str]) -> Viewer:
    """The viewer of a member of these organisations (none: what anyone may see)."""
    slugs = frozenset(organisation_slugs)
    # A member of any partner organisation belongs to the police community.
    return Viewer(community=bool(slugs), organisations=slugs)


def item_access_organisations(item) -> list[str]:
    """Whose members may see an `organisation`-level item: its publishing organisation's."""
    return access_organisations(item.organisation.slug)


def access_organisations(organisation_slug: str) -> list[str]:
    """The same, from the slug of the item's organisation alone (for rows read without pages)."""
    return [organisation_slug]


NOTHING = Q(pk__in=[])

# Research items any CMS user may write, whatever their organisation, by content type: the
# conference's programme talks, which its organisers curate for every speaker.
OPEN_TO_EVERY_EDITOR = (("research", "presentationpage"),)


@dataclass(frozen=True)
class CmsUser:
    """Someone working in the CMS, as far as research items and their files are concerned.

    They write their own organisations' items (and programme talks); they read those at any
    state, and other organisations' live items the public rule (`viewer`) lets them see.
    """

    viewer: Viewer = ANONYMOUS
    admitted: bool = False
    user_id: int | None = None

    def may_write(self, item) -> bool:
        """Whether the user may change `item`, a research item (saved or not)."""
        if not self.admitted:
            return False
        if self.viewer.unrestricted:
            return True
        content_type = item.specific_class._meta
        if (content_type.app_label, content_type.model_name) in OPEN_TO_EVERY_EDITOR:
            return True
        return item.organisation.slug in self.viewer.organisations

    def writable_filter(self, prefix: str = "") -> Q:
        """`may_write` for the ORM, on research items (under `prefix`)."""
        if not self.admitted:
            return NOTHING
        if self.viewer.unrestricted:
            return Q()
        open_types = (
            Q(**{f"{prefix}content_type__app_label": app, f"{prefix}content_type__model": model})
            for app, model in OPEN_TO_EVERY_EDITOR
        )
        return reduce(
            operator.or_,
            open_types,
            Q(**{f"{prefix}{DATABASE_FIELDS[ORGANISATIONS_FIELD]}__in": self.viewer.organisations}),
        )

    def readable_filter(self, prefix: str = "") -> Q:
        """`may_read` for the ORM, on research items (under `prefix`)."""
        if not self.admitted:
            return NOTHING
        if self.viewer.unrestricted:
            return Q()
        live = Q(**{f"{prefix}live": True}) & self.viewer.database_filter(prefix)
        return self.writable_filter(prefix) | live

    def readable_documents(self, documents):
        """The `documents` this user may see and choose: those of the items they may read; a file
        no live item uses, only its uploader and the members of their organisations."""
        if not self.admitted:
            return documents.none()
        if self.viewer.unrestricted:
            return documents.all()
        links = _item_links(documents)
        read = links.filter(self.readable_filter("page__")).values("document")
        used_live = links.filter(page__live=True).values("document")
        return documents.filter(
            Q(pk__in=read) | (~Q(pk__in=used_live) & Q(pk__in=self._uploaded_here(documents)))
        )

    def writable_documents(self, documents):
        """The `documents` this user may replace or delete: every item using it is theirs to
        write; a file no item uses, only its uploader and the members of their organisations."""
        if not self.admitted:
            return documents.none()
        if self.viewer.unrestricted:
            return documents.all()
        links = _item_links(documents)
        used = links.values("document")
        foreign = links.exclude(self.writable_filter("page__")).values("document")
        return documents.filter(
            (Q(pk__in=used) & ~Q(pk__in=foreign))
            | (~Q(pk__in=used) & Q(pk__in=self._uploaded_here(documents)))
        )

    def _uploaded_here(self, documents):
        organisations = self.viewer.organisations
        uploaded = documents.model._default_manager.filter(
            Q(uploaded_by_user=self.user_id)
            | Q(uploaded_by_user__memberships__organisation__slug__in=organisations)
        )
        return uploaded.values("pk")


def _item_links(documents):
    """The rows attaching documents to research items (research.models.ResearchFile)."""
    return documents.model._meta.get_field("research_links").related_model._default_manager


def cms_user_for(user) -> CmsUser:
    """The public rule's viewer, admitted when the user may use the CMS at all."""
    if user is None or not user.is_authenticated or not user.is_active:
        return CmsUser()
    admitted = user.has_perm("wagtailadmin.access_admin")
    return CmsUser(viewer_for(user), admitted=admitted, user_id=user.pk)


def document_access(document, user) -> str | None:
    """The access level under which `user` may download `document`, or None if they may not.

    A file is as visible as the most open live research item attaching it that the viewer may
    see. Otherwise it is restricted to the CMS users who may see it there (`CmsUser`).
    """
    levels = {item.access for item in visible_items_attaching(document, viewer_for(user))}
    if AccessLevel.PUBLIC in levels:
        return AccessLevel.PUBLIC
    if levels:
        return sorted(levels)[0]
    readable = cms_user_for(user).readable_documents(type(document)._default_manager)
    if readable.filter(pk=document.pk).exists():
        return AccessLevel.ORGANISATION
    return None


def visible_items_attaching(document, viewer: Viewer) -> list:
    """The live research items attaching `document` that `viewer` may see."""
    links = document.research_links.filter(page__live=True).select_related("page__organisation")
    return [link.page for link in links if viewer.may_view(link.page)]
