"""The three real strategic plans of SPEC §2 (structure copied into strategic-plans.json beside
this module) and the demo research linked to each of their objectives. Plain data, no Django."""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from pathlib import Path

PLANS_FILE = Path(__file__).with_name("strategic-plans.json")
# The plan's own word for its axes.
AXIS_KINDS = {"spvm-2018": "axis", "ops-2023": "pillar", "cpo-2021": "priority"}
# Crime Prevention Ottawa's objectives are its priorities crossed with its ways of working.
WAYS_OF_WORKING = ("partnerships", "capacity", "research")


@dataclass(frozen=True)
class DemoObjective:
    code: str
    title_fr: str
    title_en: str


@dataclass(frozen=True)
class DemoAxis:
    code: str
    title_fr: str
    title_en: str
    objectives: tuple[DemoObjective, ...]


@dataclass(frozen=True)
class DemoPlan:
    code: str
    organisation: str
    period: tuple[int, int]
    title_fr: str
    title_en: str
    axis_kind: str
    introduction_fr: str
    introduction_en: str
    axes: tuple[DemoAxis, ...]


def load_plans(path: Path = PLANS_FILE) -> tuple[DemoPlan, ...]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(_plan(entry) for entry in data["plans"])


def _plan(entry: dict) -> DemoPlan:
    start, end = entry["period"]
    return DemoPlan(
        code=entry["code"],
        organisation=entry["organisation"],
        period=(start, end),
        title_fr=entry["title"]["fr"],
        title_en=entry["title"]["en"],
        axis_kind=AXIS_KINDS.get(entry["code"], "axis"),
        introduction_fr=_introduction(entry, "fr"),
        introduction_en=_introduction(entry, "en"),
        axes=tuple(_axis(axis, entry.get("ways_of_working")) for axis in entry["axes"]),
    )


def _axis(axis: dict, ways: dict | None) -> DemoAxis:
    objectives = tuple(
        DemoObjective(objective["code"], objective["fr"], objective["en"])
        for objective in axis["objectives"]
    )
    if not objectives and ways:
        objectives = tuple(
            DemoObjective(f"{axis['code']}-{key}", f"{axis['fr']} — {fr}", f"{axis['en']} — {en}")
            for key, fr, en in zip(WAYS_OF_WORKING, ways["fr"], ways["en"], strict=True)
        )
    return DemoAxis(axis["code"], axis["fr"], axis["en"], objectives)


def _introduction(entry: dict, language: str) -> str:
    """The vision, ways of working and common priorities a plan states, as rich text."""
    labels = {
        "fr": ("Vision", "Façons de faire", "Priorités communes"),
        "en": ("Vision", "Ways of working", "Common priorities"),
    }[language]
    parts = []
    if "vision" in entry:
        parts.append(f"<p><b>{labels[0]}</b> : {escape(entry['vision'][language])}</p>")
    for label, key in ((labels[1], "ways_of_working"), (labels[2], "common_priorities")):
        if key in entry:
            items = "".join(f"<li>{escape(text)}</li>" for text in entry[key][language])
            parts.append(f"<p><b>{label}</b></p><ul>{items}</ul>")
    return "".join(parts)


# Each objective and the demo studies that inform it.
OBJECTIVE_LINKS: dict[str, tuple[str, ...]] = {
    "spvm-2018-a1-1": (
        "guide-desescalade-personnes-crise-2016",
        "interpellations-profilage-montreal-2019",
    ),
    "spvm-2018-a1-2": ("plan-strategique-ecouter-comprendre-agir",),
    "spvm-2018-a1-3": (
        "guide-desescalade-personnes-crise-2016",
        "equipes-mixtes-sante-mentale-evaluation-2020",
    ),
    "spvm-2018-a2-4": ("edi-recrutement-policier-2022", "enpq-recruiting-for-diversity-2023"),
    "spvm-2018-a2-5": ("edi-recrutement-policier-2022",),
    "spvm-2018-a2-6": ("cameras-corporelles-projet-pilote-2019",),
    "spvm-2018-a3-7": (
        "spvm-neighbourhood-trust-legitimacy-2016",
        "rencontre-2024-indicateurs-confiance",
    ),
    "spvm-2018-a3-8": (
        "ops-body-worn-cameras-public-attitudes-2024",
        "rencontre-2024-indicateurs-confiance",
    ),
    "spvm-2018-a4-9": (
        "rencontre-2024-indicateurs-confiance",
        "interpellations-profilage-montreal-2019",
    ),
    "spvm-2018-a4-10": (
        "interpellations-profilage-montreal-2019",
        "ops-race-based-data-traffic-stops-2020",
    ),
    "ops-2023-1-1": (
        "ops-mental-health-call-diversion-2023",
        "cpo-neighbourhood-violence-prevention-2021",
    ),
    "ops-2023-1-2": (
        "ops-body-worn-cameras-public-attitudes-2024",
        "spvm-neighbourhood-trust-legitimacy-2016",
    ),
    "ops-2023-1-3": ("ops-race-based-data-traffic-stops-2020", "ops-strategic-plan-2023"),
    "ops-2023-2-1": ("points-chauds-patrouille-quebec-2024", "cpo-street-lighting-hot-spots-2017"),
    "ops-2023-2-2": (
        "ops-mental-health-call-diversion-2023",
        "equipes-mixtes-sante-mentale-evaluation-2020",
        "itinerance-centre-ville-quebec-2018",
    ),
    "ops-2023-2-3": (
        "ops-online-child-exploitation-trends-2021",
        "rancongiciels-municipalites-2023",
        "sq-firearms-trafficking-border-2025",
    ),
    "ops-2023-3-1": ("enpq-recruiting-for-diversity-2023",),
    "ops-2023-3-2": ("ops-officer-peer-support-2022", "stress-operationnel-policiers-2019"),
    "ops-2023-3-3": ("ops-officer-peer-support-2022",),
    "ops-2023-4-1": ("ops-race-based-data-traffic-stops-2020",),
    "ops-2023-4-2": (
        "spvm-neighbourhood-trust-legitimacy-2016",
        "interpellations-profilage-montreal-2019",
    ),
    "ops-2023-4-3": ("enpq-recruiting-for-diversity-2023", "edi-recrutement-policier-2022"),
    "ops-2023-4-4": ("ops-strategic-plan-2023", "edi-recrutement-policier-2022"),
    "cpo-2021-gbv-partnerships": ("cpo-gender-based-violence-review-2022",),
    "cpo-2021-gbv-capacity": ("violence-conjugale-evaluation-risque-2025",),
    "cpo-2021-gbv-research": (
        "violence-conjugale-recidive-spvq-2021",
        "cpo-gender-based-violence-review-2022",
    ),
    "cpo-2021-youth-partnerships": ("jeunes-gangs-gatineau-2020",),
    "cpo-2021-youth-capacity": ("exploitation-sexuelle-mineurs-sq-2022",),
    "cpo-2021-youth-research": (
        "ops-online-child-exploitation-trends-2021",
        "jeunes-gangs-gatineau-2020",
    ),
    "cpo-2021-neighbourhoods-partnerships": ("cpo-neighbourhood-violence-prevention-2021",),
    "cpo-2021-neighbourhoods-capacity": ("prevention-situationnelle-stationnements-2018",),
    "cpo-2021-neighbourhoods-research": (
        "cpo-street-lighting-hot-spots-2017",
        "points-chauds-patrouille-quebec-2024",
    ),
    "cpo-2021-vulnerable-partnerships": ("itinerance-centre-ville-quebec-2018",),
    "cpo-2021-vulnerable-capacity": ("cpo-senior-fraud-awareness-trial-2019",),
    "cpo-2021-vulnerable-research": ("fraude-aines-revue-systematique-2021",),
}


def objectives_by_item() -> dict[str, list[str]]:
    """The objective codes each demo study informs, in the order listed above."""
    linked: dict[str, list[str]] = {}
    for code, slugs in OBJECTIVE_LINKS.items():
        for slug in slugs:
            linked.setdefault(slug, []).append(code)
    return linked
