"""Reading statistics in the admin: each item's to its organisation's CMS users and owner,
restricted items' only to those the access policy lets read them; CSV and dashboards alike."""

import csv
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.models import Organisation
from readership.models import DailyReading
from tests.readership.conftest import make_user

DAY = datetime.date(2025, 3, 14)
PERIOD = {"from": "2025-01", "to": "2025-06"}


@pytest.fixture
def items(make_research_page):
    spvm, sq = Organisation.objects.get(slug="spvm"), Organisation.objects.get(slug="sq")
    made = {
        "spvm-public": make_research_page(title="Étude publique SPVM", slug="a", organisation=spvm),
        "spvm-restricted": make_research_page(
            title="Étude interne SPVM", slug="b", organisation=spvm, access="organisation"
        ),
        "sq-public": make_research_page(title="Étude publique SQ", slug="c", organisation=sq),
    }
    for key, item in made.items():
        DailyReading.objects.create(day=DAY, item=item, kind="view", audience="sq", count=5)
        DailyReading.objects.create(day=DAY, item=item, kind="view", audience="anonymous", count=2)
        DailyReading.objects.create(
            day=DAY + datetime.timedelta(days=31),
            item=item,
            kind="download",
            audience="spvq",
            count=1,
        )
        assert key
    return made


def sign_in(client, role):
    if role == "administrator":
        user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    elif role == "member_spvm":
        user = make_user(role, "spvm")
    else:
        organisation = role.split("_")[1]
        user = make_user(role, organisation, "Editors")
    client.force_login(user)
    return user


# Whose statistics each role sees: their organisation's items; administrators all.
SEES = {
    "administrator": {"spvm-public", "spvm-restricted", "sq-public"},
    "editor_spvm": {"spvm-public", "spvm-restricted"},
    "editor_sq": {"sq-public"},
}


@pytest.mark.parametrize("role", SEES)
def test_the_statistics_page_lists_the_items_the_user_may_see(client, items, role):
    sign_in(client, role)
    page = client.get(reverse("readership:statistics"), PERIOD).content.decode()
    listed = {key for key, item in items.items() if f'data-item="{item.pk}"' in page}
    assert listed == SEES[role]


@pytest.mark.parametrize("role", SEES)
def test_an_items_page_is_refused_to_whoever_may_not_see_its_statistics(client, items, role):
    sign_in(client, role)
    for key, item in items.items():
        response = client.get(reverse("readership:item", args=[item.pk]), PERIOD)
        assert response.status_code == (200 if key in SEES[role] else 302), key
        if key not in SEES[role]:  # Wagtail's refusal: back to the dashboard, nothing shown
            assert response["Location"] == reverse("wagtailadmin_home")
            assert item.title not in response.content.decode()
    missing = client.get(reverse("readership:item", args=[999_999]))
    assert (missing.status_code, missing["Location"]) == (302, reverse("wagtailadmin_home"))


def test_an_items_page_shows_each_month_and_reading_organisation(client, items):
    sign_in(client, "editor_spvm")
    item = items["spvm-restricted"]
    page = client.get(reverse("readership:item", args=[item.pk]), PERIOD).content.decode()
    assert 'data-month="2025-03" data-reader="sq"' in page
    assert 'data-month="2025-04" data-reader="spvq"' in page
    assert "Lecteurs non connectés" in page


@pytest.mark.parametrize("role", SEES)
def test_the_csv_holds_only_the_items_the_user_may_see(client, items, role):
    sign_in(client, role)
    response = client.get(reverse("readership:export"), PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    titles = {item.title: key for key, item in items.items()}
    assert {titles[row["title"]] for row in rows} == SEES[role]
    assert {"user", "username", "client_address"}.isdisjoint(rows[0])


def test_the_csv_counts_per_month_item_and_reader(client, items):
    sign_in(client, "editor_sq")
    response = client.get(reverse("readership:export"), PERIOD)
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["month"], r["reader"], r["views"], r["downloads"]) for r in rows] == [
        ("2025-03", "anonymous", "2", "0"),
        ("2025-03", "sq", "5", "0"),
        ("2025-04", "spvq", "0", "1"),
    ]


def test_an_item_outside_the_users_statistics_is_not_in_its_csv(client, items):
    sign_in(client, "editor_sq")
    restricted = items["spvm-restricted"]
    response = client.get(reverse("readership:export"), {**PERIOD, "item": restricted.pk})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == []


def test_members_outside_the_admin_see_no_statistics(client, items):
    sign_in(client, "member_spvm")
    assert client.get(reverse("readership:statistics")).status_code in (302, 403)
    assert client.get(reverse("readership:export")).status_code in (302, 403)


def test_the_owner_who_left_the_organisation_no_longer_sees_restricted_statistics(client, items):
    user = sign_in(client, "editor_sq")
    restricted, public = items["spvm-restricted"], items["spvm-public"]
    type(restricted).objects.filter(pk__in=[restricted.pk, public.pk]).update(owner=user)
    assert client.get(reverse("readership:item", args=[restricted.pk])).status_code == 302
    assert client.get(reverse("readership:item", args=[public.pk])).status_code == 200


def test_an_organisation_dashboard_shows_which_other_organisations_read_its_items(client, items):
    sign_in(client, "editor_spvm")
    response = client.get(reverse("readership:organisation", args=["spvm"]), PERIOD)
    page = response.content.decode()
    assert response.status_code == 200
    assert f'data-item="{items["spvm-restricted"].pk}"' in page
    assert f'data-item="{items["sq-public"].pk}"' not in page
    assert "Sûreté du Québec (5 consultations, 0 téléchargement)" in page


@pytest.mark.parametrize(("role", "status"), [("editor_sq", 302), ("administrator", 200)])
def test_another_organisations_dashboard_is_closed(client, items, role, status):
    sign_in(client, role)
    assert client.get(reverse("readership:organisation", args=["spvm"])).status_code == status
