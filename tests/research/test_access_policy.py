"""The access policy's three forms agree: the database filter lists exactly the items the
single-item check allows, for every kind of viewer and every level (search's form is checked
against the same check in the engine contract)."""

from itertools import combinations

import pytest

from portal.models import Organisation
from research.access import AccessLevel, Viewer
from research.models import ResearchPage

ORGANISATIONS = ("spvm", "sq", "ops", "enpq")
VIEWERS = [Viewer(), Viewer(unrestricted=True), Viewer(community=True)] + [
    Viewer(community=community, organisations=frozenset(organisations))
    for community in (False, True)
    for size in (1, 2)
    for organisations in combinations(ORGANISATIONS, size)
]


@pytest.fixture
def every_level_in_every_organisation(make_research_page):
    return [
        make_research_page(
            title=f"Étude {slug} {level}",
            organisation=Organisation.objects.get(slug=slug),
            access=level,
        )
        for slug in ORGANISATIONS
        for level in AccessLevel.values
    ]


def test_the_database_filter_lists_what_the_single_item_check_allows(
    every_level_in_every_organisation,
):
    items = every_level_in_every_organisation
    for viewer in VIEWERS:
        listed = set(ResearchPage.objects.visible_to(viewer).values_list("pk", flat=True))
        assert listed == {item.pk for item in items if viewer.may_view(item)}, viewer


def test_the_rows_the_search_re_check_reads_give_the_same_answer(
    every_level_in_every_organisation,
):
    items = every_level_in_every_organisation
    current = ResearchPage.objects.current_access([item.pk for item in items])
    for viewer in VIEWERS:
        allowed = {
            pk for pk, (live, access, slug) in current.items() if viewer.may_see(access, [slug])
        }
        assert allowed == {item.pk for item in items if viewer.may_view(item)}


def test_a_member_sees_public_community_and_only_their_organisations_own_items(
    every_level_in_every_organisation,
):
    viewer = Viewer(community=True, organisations=frozenset({"sq"}))
    listed = ResearchPage.objects.visible_to(viewer).values_list("organisation__slug", "access")
    assert sorted(listed) == sorted(
        [(slug, "public") for slug in ORGANISATIONS]
        + [(slug, "community") for slug in ORGANISATIONS]
        + [("sq", "organisation")]
    )
