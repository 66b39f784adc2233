"""A study's page says what it found: findings per outcome, practices, flags, EMMIE, and where
it fits (its Rencontre edition and the strategic objectives it informs), in both languages."""

import re
from html import unescape

import pytest
from django.utils import translation

from portal.models import Organisation
from research.models import (
    Effect,
    Outcome,
    PlanAxis,
    Practice,
    ResearchFinding,
    ResearchObjective,
    StrategicObjective,
    StrategicPlanIndexPage,
    StrategicPlanPage,
)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


@pytest.fixture
def objective(db):
    plan = StrategicPlanPage(
        title="Plan stratégique 2030",
        title_en="Strategic plan 2030",
        code="spvm-2030",
        organisation=Organisation.objects.get(slug="spvm"),
        period_start=2025,
        period_end=2030,
    )
    StrategicPlanIndexPage.objects.get(locale__language_code="fr").add_child(instance=plan)
    plan.save_revision().publish()
    axis = PlanAxis.objects.create(plan=plan, code="spvm-2030-a1", title_fr="Confiance")
    return StrategicObjective.objects.create(
        axis=axis,
        code="spvm-2030-a1-1",
        title_fr="Réduire la violence armée",
        title_en="Reduce gun violence",
    )


@pytest.fixture
def evaluated_study(make_research_page, make_edition, objective):
    edition = make_edition(2024)
    edition.save_revision().publish()
    page = make_research_page(
        title="Patrouilles dans les points chauds",
        findings=[
            ResearchFinding(
                outcome=Outcome.objects.get(slug="violent-crime"),
                effect=Effect.objects.get(slug="positive"),
                note="baisse de 18 % en douze mois",
            ),
            ResearchFinding(
                outcome=Outcome.objects.get(slug="trust-legitimacy"),
                effect=Effect.objects.get(slug="negative"),
            ),
        ],
        practices=[Practice.objects.get(slug="hot-spots-policing")],
        mechanism="<p>La présence visible dissuade les délits.</p>",
        cost="<p>Deux agents par quart.</p>",
        evaluated_locally=True,
        independent_evaluation=True,
        edition=edition,
        objective_links=[ResearchObjective(objective=objective)],
    )
    return page


def test_the_page_lists_each_finding_with_its_outcome_and_effect(client, evaluated_study):
    html = client.get(evaluated_study.url).content.decode()
    table = re.search(r'<table class="findings">.*?</table>', html, re.S).group(0)
    rows = [text_of(row) for row in re.findall(r"<tr>.*?</tr>", table, re.S)[1:]]
    assert rows == [
        "Crimes violents Effet positif baisse de 18 % en douze mois",
        "Confiance et légitimité Effet négatif (contre-productif)",
    ]
    page_text = text_of(html)
    assert "Pratiques évaluées Police des points chauds" in page_text
    assert "Évaluée au Québec ou en Ontario" in page_text
    assert "Évaluation indépendante" in page_text
    assert "La présence visible dissuade les délits." in page_text
    assert "Coût économique Deux agents par quart." in page_text


def test_the_page_says_where_the_study_fits_and_links_there(client, evaluated_study, objective):
    html = client.get(evaluated_study.url).content.decode()
    assert f'href="{evaluated_study.edition.url}">Rencontre 2024</a>' in html
    assert '<a href="/fr/recherche/?edition=2024">Tout de la Rencontre 2024</a>' in html
    plan_row = f"{objective.axis.plan.url}#objective-spvm-2030-a1-1"
    assert f'<a href="{plan_row}">Réduire la violence armée</a>' in html
    assert '<span class="file-meta">(spvm-2030-a1-1)</span>' in html
    assert '<a href="/fr/recherche/?objective=spvm-2030-a1-1">' in html


def test_outcomes_and_practices_lead_to_the_research_that_shares_them(client, evaluated_study):
    html = client.get(evaluated_study.url).content.decode()
    assert '<th scope="row"><a href="/fr/recherche/?outcome=violent-crime">Crimes violents</a>' in (
        html
    )
    assert '<a href="/fr/recherche/?practice=hot-spots-policing">Police des points chauds</a>' in (
        html
    )


def test_labels_follow_the_reader_s_language(client, evaluated_study):
    with translation.override("en"):
        url = evaluated_study.get_url()
    assert url.startswith("/en/")
    page_text = text_of(client.get(url).content.decode())
    assert "Violent crime Positive effect" in page_text
    assert "Practices evaluated Hot spots policing" in page_text
    assert "Reduce gun violence" in page_text


def test_a_study_without_findings_shows_no_empty_section(client, make_research_page):
    page = make_research_page(title="Portrait des interventions")
    html = client.get(page.url).content.decode()
    assert "findings" not in html
    assert 'id="emmie-heading"' not in html
