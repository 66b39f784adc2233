"""What the demo studies found: practices evaluated and findings per outcome (plain data).

Chosen so that the evidence map shows every kind of verdict: practices that work (hot spots
policing on violent crime), that do not work or harm (hot spots policing on trust, body-worn
cameras on use of force), that are promising, and cells with too little rigorous evidence.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoEvidence:
    practices: tuple[str, ...]
    # (outcome, effect, note in the study's language)
    findings: tuple[tuple[str, str, str], ...]
    evaluated_locally: bool = True
    independent: bool = False
    mechanism: str = ""


EVIDENCE = {
    "equipes-mixtes-sante-mentale-evaluation-2020": DemoEvidence(
        practices=("mental-health-co-response",),
        findings=(
            ("calls-for-service", "positive", "moins de rappels pour la même personne"),
            ("use-of-force", "positive", "moins d'interventions physiques"),
            ("trust-legitimacy", "mixed", ""),
        ),
        independent=True,
        mechanism="Un intervenant social évalue la crise sur place et oriente vers les "
        "services plutôt que vers l'urgence ou la détention.",
    ),
    "ops-mental-health-call-diversion-2023": DemoEvidence(
        practices=("mental-health-co-response",),
        findings=(
            ("calls-for-service", "positive", "fewer repeat calls within 90 days"),
            ("use-of-force", "no-effect", ""),
        ),
    ),
    "cameras-corporelles-projet-pilote-2019": DemoEvidence(
        practices=("body-worn-cameras",),
        findings=(
            ("use-of-force", "no-effect", ""),
            ("complaints", "positive", "moins de plaintes pendant le projet pilote"),
            ("trust-legitimacy", "no-effect", ""),
        ),
        independent=True,
    ),
    "ops-body-worn-cameras-public-attitudes-2024": DemoEvidence(
        practices=("body-worn-cameras",),
        findings=(("trust-legitimacy", "positive", "residents' stated support"),),
    ),
    "spvm-neighbourhood-trust-legitimacy-2016": DemoEvidence(
        practices=("procedural-justice", "body-worn-cameras"),
        findings=(
            ("trust-legitimacy", "positive", "higher perceived fairness"),
            ("use-of-force", "no-effect", ""),
            ("fear-of-crime", "inconclusive", ""),
        ),
        independent=True,
    ),
    "points-chauds-patrouille-quebec-2024": DemoEvidence(
        practices=("hot-spots-policing", "foot-patrol"),
        findings=(
            ("violent-crime", "positive", "baisse dans les points chauds patrouillés"),
            ("disorder", "positive", ""),
            ("trust-legitimacy", "negative", "les résidents jeunes se sentent ciblés"),
        ),
        independent=True,
        mechanism="Une présence visible et imprévisible aux heures et aux lieux où la violence "
        "se concentre.",
    ),
    "cpo-street-lighting-hot-spots-2017": DemoEvidence(
        practices=("street-lighting", "hot-spots-policing"),
        findings=(
            ("property-crime", "positive", "fewer thefts from vehicles"),
            ("violent-crime", "positive", ""),
            ("trust-legitimacy", "no-effect", ""),
            ("fear-of-crime", "positive", ""),
        ),
    ),
    "prevention-situationnelle-stationnements-2018": DemoEvidence(
        practices=("cctv", "street-lighting"),
        findings=(("property-crime", "positive", "moins de vols dans les véhicules"),),
    ),
    "violence-conjugale-evaluation-risque-2025": DemoEvidence(
        practices=("domestic-violence-risk-assessment",),
        findings=(
            ("repeat-victimisation", "positive", "moins de nouveaux signalements à 12 mois"),
            ("reoffending", "inconclusive", ""),
        ),
        independent=True,
    ),
    "photoradar-zones-scolaires-2017": DemoEvidence(
        practices=("automated-speed-enforcement",),
        findings=(("road-collisions", "positive", "moins de collisions aux abords des écoles"),),
    ),
    "cpo-neighbourhood-violence-prevention-2021": DemoEvidence(
        practices=("youth-diversion", "community-policing"),
        findings=(("violent-crime", "mixed", ""), ("fear-of-crime", "positive", "")),
    ),
    "cpo-senior-fraud-awareness-trial-2019": DemoEvidence(
        practices=("other",),
        findings=(("repeat-victimisation", "no-effect", "awareness letters alone"),),
        independent=True,
    ),
}
