"""The one access policy: who may see which research item, for pages, files and search.

`viewer_for` turns a user into the `Viewer` every engine compiles into its query filter;
`Viewer.may_see` is the same rule for one item, and `visible_to` for database listings.
"""

from __future__ import annotations

from collections.abc import Collection

from search.query import Viewer

ANONYMOUS = Viewer()
_CACHE_ATTRIBUTE = "_passerelle_viewer"


def viewer_for(user) -> Viewer:
    """Superusers see everything; members see community items and their organisations' own."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    if user.is_superuser:
        viewer = Viewer(unrestricted=True)
    else:
        from portal.models import Membership

        slugs = frozenset(
            Membership.objects.filter(user=user).values_list("organisation__slug", flat=True)
        )
        # A member of any partner organisation belongs to the police community.
        viewer = Viewer(community=bool(slugs), organisations=slugs)
    setattr(user, _CACHE_ATTRIBUTE, viewer)
    return viewer


_CURRENT_ACCESS_SQL = (
    "SELECT i.{key}, p.live, i.access, o.slug FROM {item} i "
    "JOIN {page} p ON p.id = i.{key} JOIN {organisation} o ON o.id = i.{organisation_key} "
    "WHERE i.{key} IN ({values})"
)


def current_access(ids: Collection[int]) -> dict[int, tuple[bool, str, str]]:
    """Research item id → (live, access level, organisation slug), as the database holds them.

    One plain SQL query: it re-checks every page of search hits, where building the ORM's
    query for a page model cost several times more than running it.
    """
    from django.db import connection
    from wagtail.models import Page

    from portal.models import Organisation
    from research.models import ResearchPage

    if not ids:
        return {}
    quote = connection.ops.quote_name
    item = ResearchPage._meta
    # Names come from the models and every value is a parameter: nothing from the request.
    sql = _CURRENT_ACCESS_SQL.format(
        key=quote(item.pk.column),
        item=quote(item.db_table),
        page=quote(Page._meta.db_table),
        organisation=quote(Organisation._meta.db_table),
        organisation_key=quote(item.get_field("organisation").column),
        values=", ".join(["%s"] * len(ids)),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [int(pk) for pk in ids])
        return {pk: (bool(live), access, slug) for pk, live, access, slug in cursor.fetchall()}


def item_access_organisations(item) -> list[str]:
    """Whose members may see an `organisation`-level item: its publishing organisation's."""
    return access_organisations(item.organisation.slug)


def access_organisations(organisation_slug: str) -> list[str]:
    """The same, from the slug of the item's organisation alone (for rows read without pages)."""
    return [organisation_slug]


def may_view_item(viewer: Viewer, item) -> bool:
    return viewer.may_see(item.access, item_access_organisations(item))


def document_access(document, user) -> str | None:
    """The access level under which `user` may download `document`, or None if they may not.

    A file is as visible as the most open live research item attaching it that the viewer may
    see. A file attached to no live item is for CMS users only, as a restricted file.
    """
    from research.models import AccessLevel, ResearchFile

    viewer = viewer_for(user)
    links = ResearchFile.objects.filter(document=document, page__live=True).select_related(
        "page__organisation"
    )
    levels = {link.page.access for link in links if may_view_item(viewer, link.page)}
    if AccessLevel.PUBLIC in levels:
        return AccessLevel.PUBLIC
    if levels:
        return sorted(levels)[0]
    if (
        not ResearchFile.objects.filter(document=document).exists()
        and user.is_authenticated
        and user.has_perm("wagtailadmin.access_admin")
    ):
        return AccessLevel.ORGANISATION
    return None
