"""Strategic plans: made in the admin with nested axes and objectives, objectives linked from
research items, the `objective` facet, and per-objective counts that match search per viewer."""

import re
from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.models import Membership, Organisation
from research.models import (
    Effect,
    EvidenceLevel,
    Outcome,
    PlanAxis,
    Practice,
    ResearchFinding,
    ResearchObjective,
    ResearchPage,
    StrategicObjective,
    StrategicPlanIndexPage,
    StrategicPlanPage,
)

PLAN_URL = "/fr/plans-strategiques/plan-test/"


def plan_form(**overrides):
    return nested_form_data(
        {
            "title": "Plan de test",
            "slug": "plan-test",
            "title_en": "Test plan",
            "code": "spvm-2030",
            "organisation": Organisation.objects.get(slug="spvm").pk,
            "period_start": 2030,
            "period_end": 2032,
            "axis_kind": "pillar",
            "introduction_fr": rich_text("<p>Trois objectifs.</p>"),
            "introduction_en": rich_text("<p>Three objectives.</p>"),
            "axes": inline_formset(
                [
                    {
                        "code": "spvm-2030-p1",
                        "title_fr": "Confiance",
                        "title_en": "Trust",
                        "objectives": inline_formset(
                            [
                                {
                                    "code": "spvm-2030-p1-1",
                                    "title_fr": "Mesurer la confiance",
                                    "title_en": "Measure trust",
                                },
                                {
                                    "code": "spvm-2030-p1-2",
                                    "title_fr": "Publier les interpellations",
                                    "title_en": "Publish street checks",
                                },
                            ]
                        ),
                    },
                    {
                        "code": "spvm-2030-p2",
                        "title_fr": "Bien-être",
                        "title_en": "Wellbeing",
                        "objectives": inline_formset(
                            [
                                {
                                    "code": "spvm-2030-p2-1",
                                    "title_fr": "Soutenir les pairs",
                                    "title_en": "Support peers",
                                }
                            ]
                        ),
                    },
                ]
            ),
            "comments": inline_formset([]),
            "action-publish": "publish",
            **overrides,
        }
    )


@pytest.fixture
def plan(admin_client, django_capture_on_commit_callbacks):
    index = StrategicPlanIndexPage.objects.get(locale__language_code="fr")
    url = reverse("wagtailadmin_pages:add", args=("research", "strategicplanpage", index.pk))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, plan_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    return StrategicPlanPage.objects.get(code="spvm-2030")


def objective(code: str) -> StrategicObjective:
    return StrategicObjective.objects.get(code=code)


def test_a_plan_is_made_in_the_admin_with_axes_holding_their_objectives(plan):
    axes = list(plan.axes.order_by("sort_order"))
    assert [(axis.code, axis.title_fr, axis.title_en) for axis in axes] == [
        ("spvm-2030-p1", "Confiance", "Trust"),
        ("spvm-2030-p2", "Bien-être", "Wellbeing"),
    ]
    assert [o.code for o in axes[0].objectives.order_by("sort_order")] == [
        "spvm-2030-p1-1",
        "spvm-2030-p1-2",
    ]
    assert (plan.organisation.slug, plan.period, plan.live) == ("spvm", "2030\u20132032", True)


def test_an_objective_code_is_unique_across_plans(admin_client, plan):
    index = StrategicPlanIndexPage.objects.get(locale__language_code="fr")
    url = reverse("wagtailadmin_pages:add", args=("research", "strategicplanpage", index.pk))
    form = plan_form(slug="autre", code="spvm-2031")
    form["axes-0-code"] = "spvm-2031-p1"
    form["axes-1-code"] = "spvm-2031-p2"
    form["axes-1-objectives-0-code"] = "spvm-2031-p2-1"
    form["axes-0-objectives-1-code"] = "spvm-2031-p1-2"

    response = admin_client.post(url, form)  # axes-0-objectives-0 keeps spvm-2030-p1-1

    # The admin speaks French to this user: "… avec ce champ Code existe déjà."
    assert response.status_code == 200
    assert re.search(r"avec ce champ \w+ existe déjà", unescape(response.content.decode()))
    assert not StrategicPlanPage.objects.filter(code="spvm-2031").exists()


def test_a_research_item_links_objectives_with_the_admin_chooser(
    admin_client, client, search_index, plan, research_index, django_capture_on_commit_callbacks
):
    chooser = admin_client.get(reverse("strategic_objective_chooser:choose"), {"multiple": "1"})
    assert chooser.status_code == 200
    assert "spvm-2030-p1-2 — Publier les interpellations" in unescape(chooser.json()["html"])
    add_url = reverse(
        "wagtailadmin_pages:add", args=("research", "researchpage", research_index.pk)
    )
    # The admin speaks French to this user.
    add_page = unescape(admin_client.get(add_url).content.decode())
    assert "Objectifs stratégiques qu'éclaire cette recherche" in add_page

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            add_url, research_item_form(["spvm-2030-p1-2", "spvm-2030-p2-1"])
        )

    assert response.status_code == 302, response.content.decode()[:3000]
    page = ResearchPage.objects.get(slug="confiance-interpellations")
    assert page.objective_codes() == ["spvm-2030-p1-2", "spvm-2030-p2-1"]
    body = client.get("/api/v1/search", {"objective": "spvm-2030-p1-2"}).json()
    assert [hit["id"] for hit in body["hits"]] == [page.pk]


def research_item_form(codes):
    from research.models import ResearchType, StudyDesign

    return nested_form_data(
        {
            "title": "Confiance et interpellations",
            "slug": "confiance-interpellations",
            "organisation": Organisation.objects.get(slug="spvm").pk,
            "partners": [],
            "publication_date": "2024-03-15",
            "language": "fr",
            "research_type": ResearchType.objects.get(slug="analysis").pk,
            "design": StudyDesign.objects.get(slug="descriptive").pk,
            "evidence": EvidenceLevel.objects.get(slug="sms-1").pk,
            "tags": "",
            "region": "",
            "summary": "Sondage sur la confiance.",
            "key_findings": rich_text(""),
            "recommendations": rich_text(""),
            "body": streamfield([]),
            "authors": inline_formset([]),
            "files": inline_formset([]),
            "findings": inline_formset([]),
            "related_links": inline_formset([]),
            "objective_links": inline_formset(
                [{"objective": objective(code).pk} for code in codes]
            ),
            "edition": "",
            "access": "public",
            "contact_name": "",
            "contact_email": "",
            "doi": "",
            "external_url": "",
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )


def test_the_objective_facet_and_filter_work_in_search(
    client, search_index, plan, make_research_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = linked_item(make_research_page, "confiance", ["spvm-2030-p1-1", "spvm-2030-p2-1"])
        linked_item(make_research_page, "pairs", ["spvm-2030-p2-1"])

    body = client.get("/api/v1/search", {"objective": "spvm-2030-p1-1", "lang": "en"}).json()

    assert [hit["id"] for hit in body["hits"]] == [item.pk]
    facet = {entry["value"]: entry for entry in body["facets"]["objective"]}
    assert (facet["spvm-2030-p1-1"]["count"], facet["spvm-2030-p1-1"]["label"]) == (
        1,
        "Measure trust",
    )
    assert facet["spvm-2030-p2-1"]["count"] == 2


def linked_item(make_research_page, slug, codes, **fields):
    page = make_research_page(title=f"Étude {slug}", slug=slug, **fields)
    page.objective_links = [
        ResearchObjective(objective=objective(code), sort_order=order)
        for order, code in enumerate(codes)
    ]
    page.save_revision().publish()
    return page


@pytest.fixture
def supporting_items(search_index, plan, make_research_page, django_capture_on_commit_callbacks):
    """Objective p1-1: public SMS 2, community SMS 3, SPVM-only SMS 3; p2-1: the SPVM-only one;
    p1-2: nothing (a gap)."""
    sms2, sms3 = EvidenceLevel.objects.get(slug="sms-2"), EvidenceLevel.objects.get(slug="sms-3")
    with django_capture_on_commit_callbacks(execute=True):
        linked_item(make_research_page, "publique", ["spvm-2030-p1-1"], evidence=sms2)
        linked_item(
            make_research_page, "communaute", ["spvm-2030-p1-1"], evidence=sms3, access="community"
        )
        linked_item(
            make_research_page,
            "interne",
            ["spvm-2030-p1-1", "spvm-2030-p2-1"],
            evidence=sms3,
            access="organisation",
        )


def row_of(html: str, code: str) -> str:
    match = re.search(rf'<tr id="objective-{code}".*?</tr>', html, re.S)
    assert match, code
    return match.group(0)


def cell_text(row: str, attribute: str) -> str:
    match = re.search(rf"<td {attribute}>(.*?)</td>", row, re.S)
    return unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("anonymous", {"spvm-2030-p1-1": (1, {"sms-2": 1}), "spvm-2030-p2-1": (0, {})}),
        (
            "member",
            {"spvm-2030-p1-1": (3, {"sms-2": 1, "sms-3": 2}), "spvm-2030-p2-1": (1, {"sms-3": 1})},
        ),
    ],
)
def test_objective_counts_on_the_plan_page_match_search_totals_per_viewer(
    client, supporting_items, who, expected
):
    if who == "member":
        user = get_user_model().objects.create_user("analyste", password="x")
        Membership.objects.create(user=user, organisation=Organisation.objects.get(slug="spvm"))
        client.force_login(user)

    response = client.get(PLAN_URL)
    html = response.content.decode()

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    levels = list(EvidenceLevel.objects.values_list("slug", flat=True))
    for code, (total, by_level) in expected.items():
        row = row_of(html, code)
        search_total = client.get("/api/v1/search", {"objective": code}).json()["total"]
        shown = cell_text(row, "data-total")
        assert search_total == total
        assert shown == (str(total) if total else "Lacune : aucune recherche pour l'instant")
        if total:
            assert f'href="/fr/recherche/?objective={code}"' in row
        for level in levels:
            count = client.get("/api/v1/search", {"objective": code, "evidence": level}).json()
            assert cell_text(row, f'data-evidence="{level}"') == str(count["total"])
            assert count["total"] == by_level.get(level, 0)
    gap = row_of(html, "spvm-2030-p1-2")
    assert 'class="plan__gap"' in gap
    assert cell_text(gap, "data-total") == "Lacune : aucune recherche pour l'instant"


def test_changing_an_objective_code_reindexes_the_items_that_cite_it(
    client, supporting_items, plan, django_capture_on_commit_callbacks
):
    axis = PlanAxis.objects.get(code="spvm-2030-p1")
    first = axis.objectives.get(code="spvm-2030-p1-1")
    first.code = "spvm-2030-p1-mesure"
    first.save()
    with django_capture_on_commit_callbacks(execute=True):
        StrategicPlanPage.objects.get(pk=plan.pk).save_revision().publish()

    old = client.get("/api/v1/search", {"objective": "spvm-2030-p1-1"}).json()
    new = client.get("/api/v1/search", {"objective": "spvm-2030-p1-mesure"}).json()
    assert (old["total"], new["total"]) == (0, 1)


def effect_finding(outcome: str, effect: str) -> ResearchFinding:
    return ResearchFinding(
        outcome=Outcome.objects.get(slug=outcome), effect=Effect.objects.get(slug=effect)
    )


@pytest.fixture
def evaluated_practices(search_index, plan, make_research_page):
    """Objective p1-1: a public SMS-3 study of hot spots policing (violent crime, positive), and
    one at each restricted level that would change it (a second positive: works) and add body-worn
    cameras (use of force, no effect). p2-1 has only the restricted ones."""
    sms3 = EvidenceLevel.objects.get(slug="sms-3")
    hot_spots = Practice.objects.get(slug="hot-spots-policing")
    cameras = Practice.objects.get(slug="body-worn-cameras")
    linked_item(
        make_research_page,
        "points-chauds",
        ["spvm-2030-p1-1"],
        evidence=sms3,
        practices=[hot_spots],
        findings=[effect_finding("violent-crime", "positive")],
    )
    for level in ("community", "organisation"):
        linked_item(
            make_research_page,
            f"points-chauds-{level}",
            ["spvm-2030-p1-1", "spvm-2030-p2-1"],
            evidence=sms3,
            access=level,
            practices=[hot_spots, cameras],
            findings=[
                effect_finding("violent-crime", "positive"),
                effect_finding("use-of-force", "no-effect"),
            ],
        )


def practices_shown(row: str) -> dict[str, dict[str, str]]:
    """Practice slug → outcome slug → verdict class, as the objective's row shows them."""
    shown = {}
    for practice, inner in re.findall(
        r'<li data-practice="([^"]+)">(.*?)</li>\s*(?=<li data-practice|</ul>\s*</td>)', row, re.S
    ):
        shown[practice] = dict(
            re.findall(r'<li data-outcome="([^"]+)">.*?class="verdict verdict--([a-z-]+)"', inner)
        )
    return shown


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        # Only the public study: one rigorous positive.
        ("anonymous", ({"hot-spots-policing": {"violent-crime": "promising"}}, {})),
        # Another organisation's member also sees the community study, which evaluates both
        # practices: each gets both findings.
        (
            "member_sq",
            (
                {
                    "hot-spots-policing": {"violent-crime": "works", "use-of-force": "unknown"},
                    "body-worn-cameras": {"violent-crime": "promising", "use-of-force": "unknown"},
                },
                {
                    "hot-spots-policing": {"violent-crime": "works", "use-of-force": "unknown"},
                    "body-worn-cameras": {"violent-crime": "promising", "use-of-force": "unknown"},
                },
            ),
        ),
        # SPVM's members see the organisation-level study too.
        (
            "member_spvm",
            (
                {
                    "hot-spots-policing": {
                        "violent-crime": "works",
                        "use-of-force": "does-not-work",
                    },
                    "body-worn-cameras": {
                        "violent-crime": "works",
                        "use-of-force": "does-not-work",
                    },
                },
                {
                    "hot-spots-policing": {
                        "violent-crime": "works",
                        "use-of-force": "does-not-work",
                    },
                    "body-worn-cameras": {
                        "violent-crime": "works",
                        "use-of-force": "does-not-work",
                    },
                },
            ),
        ),
    ],
)
def test_each_objective_shows_the_verdicts_of_the_practices_its_visible_items_evaluate(
    client, evaluated_practices, who, expected
):
    if who != "anonymous":
        user = get_user_model().objects.create_user(who, password="x")
        organisation = Organisation.objects.get(slug=who.split("_")[1])
        Membership.objects.create(user=user, organisation=organisation)
        client.force_login(user)
    html = client.get(PLAN_URL.replace("/fr/", "/en/"), follow=True).content.decode()
    first, second = row_of(html, "spvm-2030-p1-1"), row_of(html, "spvm-2030-p2-1")
    assert (practices_shown(first), practices_shown(second)) == expected
    if not expected[1]:
        assert cell_text(second, "data-practices") == "—"
    else:
        assert '<a href="/en/practices/body-worn-cameras/">Body-worn cameras</a>' in first
    # The same verdicts as the practices API gives this viewer.
    api = client.get("/api/v1/practices", {"lang": "en"}).json()
    for practice in api["practices"]:
        verdicts = {v["outcome"]["value"]: v["verdict"] for v in practice["verdicts"]}
        assert expected[0].get(practice["slug"], verdicts) == verdicts
    assert "Violent crime:" in first


def test_the_french_plan_page_says_verdicts_in_french(client, evaluated_practices):
    html = client.get(PLAN_URL).content.decode()
    row = row_of(html, "spvm-2030-p1-1")
    assert "Crimes violents\u00a0:" in row and "Prometteuse" in row
    assert "Pratiques évaluées\u00a0: verdict par résultat mesuré" in html
