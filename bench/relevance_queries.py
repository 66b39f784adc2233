"""The judged queries of the relevance measure, over the demo content (research/demo).

Each query: its class (`fr`, `en`: query and target in one language; `fr-en`, `en-fr`: a query
in one language whose targets are in the other), the text as a manager would type it (single
words, phrases, paraphrases of a concept), the targets (grade 2: the studies it asks for) and
related studies (grade 1: the same topic, usually in the other language). Items are named by
their demo slug. Judged by reading the demo studies, not by running any search.
"""

from __future__ import annotations

from typing import NamedTuple


class Judged(NamedTuple):
    kind: str
    text: str
    targets: tuple[str, ...]
    related: tuple[str, ...] = ()


# Topics: the studies of each, by language.
PROFILING_FR = (
    "interpellations-profilage-montreal-2019",
    "plan-strategique-ecouter-comprendre-agir",
)
PROFILING_EN = ("ops-race-based-data-traffic-stops-2020",)
IPV_FR = ("violence-conjugale-recidive-spvq-2021", "violence-conjugale-evaluation-risque-2025")
IPV_EN = ("cpo-gender-based-violence-review-2022",)
CHILD_FR = ("exploitation-sexuelle-mineurs-sq-2022",)
CHILD_EN = ("ops-online-child-exploitation-trends-2021",)
MENTAL_FR = (
    "equipes-mixtes-sante-mentale-evaluation-2020",
    "guide-desescalade-personnes-crise-2016",
)
MENTAL_EN = ("ops-mental-health-call-diversion-2023",)
FRAUD_FR = ("fraude-aines-revue-systematique-2021",)
FRAUD_EN = ("cpo-senior-fraud-awareness-trial-2019",)
WELLBEING_FR = ("stress-operationnel-policiers-2019",)
WELLBEING_EN = ("ops-officer-peer-support-2022",)
DIVERSITY_FR = ("edi-recrutement-policier-2022",)
DIVERSITY_EN = ("enpq-recruiting-for-diversity-2023",)
CAMERAS_FR = ("cameras-corporelles-projet-pilote-2019",)
CAMERAS_EN = ("ops-body-worn-cameras-public-attitudes-2024",)
HOTSPOTS_FR = ("points-chauds-patrouille-quebec-2024",)
HOTSPOTS_EN = ("cpo-street-lighting-hot-spots-2017",)
FIREARMS_FR = ("armes-feu-crime-organise-laval-2023",)
FIREARMS_EN = ("sq-firearms-trafficking-border-2025",)
TRUST_FR = ("rencontre-2024-indicateurs-confiance",)
TRUST_EN = ("spvm-neighbourhood-trust-legitimacy-2016",)
YOUTH_FR = ("jeunes-gangs-gatineau-2020",)
YOUTH_EN = ("cpo-neighbourhood-violence-prevention-2021",)
PLAN_FR = ("plan-strategique-ecouter-comprendre-agir",)
PLAN_EN = ("ops-strategic-plan-2023",)

JUDGED: tuple[Judged, ...] = (
    # -- French queries, French targets ---------------------------------------------------------
    Judged("fr", "profilage racial", PROFILING_FR, PROFILING_EN),
    Judged("fr", "interpellations de rue selon l'origine", PROFILING_FR[:1], PROFILING_EN),
    Judged("fr", "récidive des conjoints violents", IPV_FR[:1], IPV_EN),
    Judged("fr", "violence conjugale", IPV_FR, IPV_EN),
    Judged("fr", "grille de risque d'homicide conjugal", IPV_FR[1:], IPV_EN),
    Judged("fr", "proxénétisme et recrutement de mineures", CHILD_FR, CHILD_EN),
    Judged("fr", "équipes mixtes policiers intervenants", MENTAL_FR[:1], MENTAL_EN),
    Judged("fr", "intervenir auprès d'une personne en crise", MENTAL_FR, MENTAL_EN),
    Judged("fr", "itinérance", ("itinerance-centre-ville-quebec-2018",)),
    Judged(
        "fr",
        "cohabitation avec les sans-abri au centre-ville",
        ("itinerance-centre-ville-quebec-2018",),
    ),
    Judged("fr", "photoradar près des écoles", ("photoradar-zones-scolaires-2017",)),
    Judged("fr", "excès de vitesse des automobilistes", ("photoradar-zones-scolaires-2017",)),
    Judged("fr", "fusillades liées au trafic de drogue", FIREARMS_FR, FIREARMS_EN),
    Judged("fr", "arnaques visant les personnes âgées", FRAUD_FR, FRAUD_EN),
    Judged("fr", "stress post-traumatique chez les policiers", WELLBEING_FR, WELLBEING_EN),
    Judged("fr", "diversité des cohortes en techniques policières", DIVERSITY_FR, DIVERSITY_EN),
    Judged("fr", "caméras corporelles", CAMERAS_FR, CAMERAS_EN),
    Judged("fr", "patrouille dans les secteurs chauds", HOTSPOTS_FR, HOTSPOTS_EN),
    Judged(
        "fr", "vols dans les stationnements", ("prevention-situationnelle-stationnements-2018",)
    ),
    Judged("fr", "rançongiciels", ("rancongiciels-municipalites-2023",)),
    Judged("fr", "cyberattaques contre les villes", ("rancongiciels-municipalites-2023",)),
    Judged("fr", "sondages sur la confiance du public", TRUST_FR, TRUST_EN),
    Judged("fr", "jeunes attirés par les gangs", YOUTH_FR, YOUTH_EN),
    # -- English queries, English targets -------------------------------------------------------
    Judged("en", "racial profiling in traffic stops", PROFILING_EN, PROFILING_FR),
    Judged("en", "race-based data", PROFILING_EN, PROFILING_FR),
    Judged("en", "intimate partner violence prevention", IPV_EN, IPV_FR),
    Judged("en", "what works against domestic abuse", IPV_EN, IPV_FR),
    Judged("en", "sextortion of teenagers", CHILD_EN, CHILD_FR),
    Judged("en", "mental health calls diverted to a crisis line", MENTAL_EN, MENTAL_FR),
    Judged("en", "elder fraud", FRAUD_EN, FRAUD_FR),
    Judged("en", "warning letters to scam victims", FRAUD_EN, FRAUD_FR),
    Judged("en", "peer support after critical incidents", WELLBEING_EN, WELLBEING_FR),
    Judged("en", "recruiting for diversity", DIVERSITY_EN, DIVERSITY_FR),
    Judged("en", "hiring officers from under-represented groups", DIVERSITY_EN, DIVERSITY_FR),
    Judged("en", "body-worn cameras", CAMERAS_EN, CAMERAS_FR),
    Judged("en", "public opinion about police video recording", CAMERAS_EN, CAMERAS_FR),
    Judged("en", "street lighting and night crime", HOTSPOTS_EN, HOTSPOTS_FR),
    Judged("en", "gun smuggling across the border", FIREARMS_EN, FIREARMS_FR),
    Judged("en", "police legitimacy", TRUST_EN, TRUST_FR),
    Judged("en", "procedural justice and fair treatment", TRUST_EN, TRUST_FR),
    Judged("en", "youth violence in priority neighbourhoods", YOUTH_EN, YOUTH_FR),
    Judged("en", "strategic plan pillars and performance measures", PLAN_EN, PLAN_FR),
    Judged("en", "officer wellness", WELLBEING_EN, WELLBEING_FR),
    Judged("en", "online child sexual exploitation", CHILD_EN, CHILD_FR),
    Judged("en", "call diversion", MENTAL_EN, MENTAL_FR),
    # -- French queries, English targets --------------------------------------------------------
    Judged(
        "fr-en", "interceptions routières et origine des conducteurs", PROFILING_EN, PROFILING_FR
    ),
    Judged("fr-en", "données fondées sur la race", PROFILING_EN, PROFILING_FR),
    Judged("fr-en", "prévenir la violence entre partenaires intimes : revue", IPV_EN, IPV_FR),
    Judged("fr-en", "sextorsion des adolescents", CHILD_EN, CHILD_FR),
    Judged(
        "fr-en",
        "détourner les appels en santé mentale vers une ligne de crise",
        MENTAL_EN,
        MENTAL_FR,
    ),
    Judged("fr-en", "lettres d'avertissement aux aînés fraudés", FRAUD_EN, FRAUD_FR),
    Judged("fr-en", "essai randomisé contre la fraude envers les aînés", FRAUD_EN, FRAUD_FR),
    Judged("fr-en", "soutien par les pairs après un incident critique", WELLBEING_EN, WELLBEING_FR),
    Judged(
        "fr-en",
        "recruter pour la diversité dans trois services de police",
        DIVERSITY_EN,
        DIVERSITY_FR,
    ),
    Judged(
        "fr-en",
        "opinion publique sur les caméras portées par les policiers",
        CAMERAS_EN,
        CAMERAS_FR,
    ),
    Judged("fr-en", "éclairage des rues et criminalité nocturne", HOTSPOTS_EN, HOTSPOTS_FR),
    Judged("fr-en", "trafic d'armes à la frontière", FIREARMS_EN, FIREARMS_FR),
    Judged(
        "fr-en", "armes de poing passées en contrebande des États-Unis", FIREARMS_EN, FIREARMS_FR
    ),
    Judged("fr-en", "légitimité de la police dans les quartiers", TRUST_EN, TRUST_FR),
    Judged("fr-en", "traitement équitable et confiance des résidents", TRUST_EN, TRUST_FR),
    Judged(
        "fr-en",
        "prévention de la violence chez les jeunes dans les quartiers prioritaires",
        YOUTH_EN,
        YOUTH_FR,
    ),
    Judged("fr-en", "plan stratégique du service de police d'Ottawa", PLAN_EN, PLAN_FR),
    Judged("fr-en", "exploitation sexuelle des enfants en ligne", CHILD_EN, CHILD_FR),
    Judged("fr-en", "bien-être des policiers", WELLBEING_EN, WELLBEING_FR),
    Judged("fr-en", "arnaques amoureuses et téléphoniques", FRAUD_EN, FRAUD_FR),
    Judged("fr-en", "collisions de piétons la nuit", HOTSPOTS_EN, HOTSPOTS_FR),
    # -- English queries, French targets --------------------------------------------------------
    Judged(
        "en-fr", "street checks and racial profiling in Montréal", PROFILING_FR[:1], PROFILING_EN
    ),
    Judged("en-fr", "repeat domestic violence offenders", IPV_FR[:1], IPV_EN),
    Judged("en-fr", "risk assessment tool for intimate partner homicide", IPV_FR[1:], IPV_EN),
    Judged("en-fr", "pimping networks recruiting minors", CHILD_FR, CHILD_EN),
    Judged("en-fr", "mixed police and social worker teams", MENTAL_FR[:1], MENTAL_EN),
    Judged("en-fr", "de-escalation with people in crisis", MENTAL_FR[1:], MENTAL_EN),
    Judged("en-fr", "homelessness downtown", ("itinerance-centre-ville-quebec-2018",)),
    Judged("en-fr", "speed cameras in school zones", ("photoradar-zones-scolaires-2017",)),
    Judged("en-fr", "shootings and organised crime north of Montréal", FIREARMS_FR, FIREARMS_EN),
    Judged("en-fr", "systematic review of elder fraud interventions", FRAUD_FR, FRAUD_EN),
    Judged(
        "en-fr",
        "operational stress and psychological health of officers",
        WELLBEING_FR,
        WELLBEING_EN,
    ),
    Judged("en-fr", "diversity of police training applicants", DIVERSITY_FR, DIVERSITY_EN),
    Judged("en-fr", "body camera pilot project evaluation", CAMERAS_FR, CAMERAS_EN),
    Judged("en-fr", "randomised trial of hot spot patrols", HOTSPOTS_FR, HOTSPOTS_EN),
    Judged(
        "en-fr",
        "car thefts in park-and-ride lots",
        ("prevention-situationnelle-stationnements-2018",),
    ),
    Judged("en-fr", "ransomware attacks on municipalities", ("rancongiciels-municipalites-2023",)),
    Judged("en-fr", "measuring public trust in police with surveys", TRUST_FR, TRUST_EN),
    Judged("en-fr", "young people joining street gangs", YOUTH_FR, YOUTH_EN),
    Judged("en-fr", "strategic plan on racial and social profiling", PLAN_FR, PLAN_EN),
    Judged(
        "en-fr",
        "situational crime prevention in parking lots",
        ("prevention-situationnelle-stationnements-2018",),
    ),
    Judged("en-fr", "phishing", ("rancongiciels-municipalites-2023",)),
    Judged("en-fr", "homeless people and tickets", ("itinerance-centre-ville-quebec-2018",)),
)
