"""Every install has SPEC §2's vocabularies and organisations with these exact slugs."""

import pytest

from portal.models import Organisation
from research.models import (
    Approach,
    Effect,
    EvidenceLevel,
    Outcome,
    Practice,
    ResearchType,
    StudyDesign,
    Theme,
)

pytestmark = pytest.mark.django_db

EXPECTED = {
    ResearchType: [
        "analysis", "research-report", "program-evaluation", "literature-review",
        "intelligence-product", "internship-project", "conference-presentation",
        "strategic-plan", "other",
    ],
    StudyDesign: [
        "systematic-review", "randomised-trial", "quasi-experimental", "before-after",
        "descriptive", "qualitative", "mixed-methods", "crime-analysis", "not-applicable",
    ],
    EvidenceLevel: ["sms-1", "sms-2", "sms-3", "sms-4", "sms-5", "unrated"],
    Approach: [
        "evidence-based", "intelligence-led", "problem-oriented", "community-policing", "other",
    ],
    Theme: [
        "racial-social-profiling", "gender-based-violence", "youth", "neighbourhoods",
        "vulnerable-adults", "mental-health", "road-safety", "organised-crime", "cybercrime",
        "fraud", "community-trust", "workforce-wellbeing", "edi", "transparency",
    ],
    Organisation: ["spvm", "spvq", "sq", "ops", "enpq", "msp", "cpo"],
    Outcome: [
        "crime-overall", "violent-crime", "property-crime", "drug-crime", "disorder",
        "repeat-victimisation", "reoffending", "calls-for-service", "fear-of-crime",
        "trust-legitimacy", "disparities", "use-of-force", "complaints", "road-collisions",
        "officer-wellbeing", "efficiency", "other",
    ],
    Effect: ["positive", "mixed", "no-effect", "negative", "inconclusive"],
    Practice: [
        "hot-spots-policing", "problem-oriented-policing", "focused-deterrence", "foot-patrol",
        "community-policing", "procedural-justice", "body-worn-cameras",
        "de-escalation-training", "bias-awareness-training", "mental-health-co-response",
        "cctv", "street-lighting", "youth-diversion", "restorative-justice",
        "domestic-violence-risk-assessment", "automated-speed-enforcement",
        "neighbourhood-watch", "intelligence-led-policing", "other",
    ],
}  # fmt: skip


@pytest.mark.parametrize("model", list(EXPECTED), ids=lambda model: model.__name__)
def test_reference_slugs_are_exactly_those_of_the_spec(model):
    assert sorted(model.objects.values_list("slug", flat=True)) == sorted(EXPECTED[model])


@pytest.mark.parametrize("model", list(EXPECTED), ids=lambda model: model.__name__)
def test_every_reference_entry_has_french_and_english_labels(model):
    for entry in model.objects.all():
        french = getattr(entry, "label_fr", None) or getattr(entry, "name_fr", None)
        english = getattr(entry, "label_en", None) or getattr(entry, "name_en", None)
        assert french and english, entry.slug


def test_labels_follow_the_active_language():
    from django.utils import translation

    theme = Theme.objects.get(slug="mental-health")
    ops = Organisation.objects.get(slug="ops")
    with translation.override("fr"):
        assert (theme.label, ops.name, ops.acronym) == (
            "Santé mentale",
            "Service de police d'Ottawa",
            "SPO",
        )
    with translation.override("en"):
        assert (theme.label, ops.name, ops.acronym) == (
            "Mental health",
            "Ottawa Police Service",
            "OPS",
        )


def test_the_effects_are_the_verdict_rules_own_words():
    from research.verdicts import EFFECTS

    assert sorted(Effect.objects.values_list("slug", flat=True)) == sorted(EFFECTS)
