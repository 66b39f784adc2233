"""Fictional demo Rencontre editions (2023 to 2025) with their programmes, and curated collections.

Every person and talk here is invented; the research they cite is the demo research.
"""

from dataclasses import dataclass

from research.demo.files import Section


@dataclass(frozen=True)
class DemoPresentation:
    slug: str
    title: str
    language: str
    organisation: str
    speakers: tuple[tuple[str, str], ...]
    summary: str
    slides: tuple[Section, ...]
    related: tuple[str, ...] = ()
    access: str = "public"
    video_url: str = ""


@dataclass(frozen=True)
class DemoSession:
    title: str
    title_en: str
    day: int  # 0 for the first day of the edition
    starts: str  # "HH:MM", local time of the venue
    ends: str
    room: str
    chair: str
    presentations: tuple[DemoPresentation, ...]


@dataclass(frozen=True)
class DemoEdition:
    year: int
    theme_fr: str
    theme_en: str
    start: str
    end: str
    venue: str
    description_fr: str
    description_en: str
    sessions: tuple[DemoSession, ...]


@dataclass(frozen=True)
class DemoCollection:
    slug: str
    title: str
    title_en: str
    introduction: str
    introduction_en: str
    curator: str
    # (research item slug, curator's note in French, in English)
    entries: tuple[tuple[str, str, str], ...]
    edition: int | None = None


def _slides(*pairs: tuple[str, str]) -> tuple[Section, ...]:
    return tuple(Section(heading, text) for heading, text in pairs)


EDITION_2023 = DemoEdition(
    year=2023,
    theme_fr="Données et confiance : mesurer ce qui compte",
    theme_en="Data and trust: measuring what matters",
    start="2023-05-16",
    end="2023-05-17",
    venue="École nationale de police du Québec, Nicolet",
    description_fr="Deux jours pour partager les indicateurs qui éclairent les interpellations, "
    "la confiance du public et la transparence des services de police.",
    description_en="Two days to share the indicators that shed light on street checks, public "
    "trust and the transparency of police services.",
    sessions=(
        DemoSession(
            title="Mesurer les interpellations",
            title_en="Measuring street checks",
            day=0,
            starts="09:00",
            ends="10:30",
            room="Salle Desjardins",
            chair="Nadia Ouellet-Exemple (MSP)",
            presentations=(
                DemoPresentation(
                    slug="indicateurs-disparite-interpellations",
                    title="Indicateurs de disparité des interpellations : retour d'expérience",
                    language="fr",
                    organisation="spvm",
                    speakers=(("Mathieu Primeau-Exemple", "SPVM"),),
                    summary="Comment le SPVM calcule et publie chaque année ses indicateurs de "
                    "disparité par poste de quartier, et ce que les premiers résultats ont changé.",
                    slides=_slides(
                        ("Pourquoi des indicateurs", "Rendre compte des interpellations."),
                        ("Calcul", "Un indice de disproportion pondéré par les navetteurs."),
                        ("Suites", "Un tableau de bord trimestriel partagé avec les quartiers."),
                    ),
                    related=("interpellations-profilage-montreal-2019",),
                ),
                DemoPresentation(
                    slug="race-based-data-traffic-stops",
                    title="Race-based data in traffic stops: lessons from Ottawa",
                    language="en",
                    organisation="ops",
                    speakers=(("Priya Nandakumar-Example", "Ottawa Police Service"),),
                    summary="What collecting officers' perception of race at traffic stops "
                    "taught the Ottawa Police Service, and how the data is now reported.",
                    slides=_slides(
                        ("The project", "Officers record perceived race at every traffic stop."),
                        ("Findings", "Disproportionality indexes by neighbourhood and driver age."),
                    ),
                    related=("ops-race-based-data-traffic-stops-2020",),
                    video_url="https://video.example.org/rencontre-2023/traffic-stops",
                ),
            ),
        ),
        DemoSession(
            title="Confiance du public",
            title_en="Public trust",
            day=0,
            starts="11:00",
            ends="12:30",
            room="Salle Laviolette",
            chair="Louis Carrier-Exemple (ENPQ)",
            presentations=(
                DemoPresentation(
                    slug="sonder-confiance-police-quartier",
                    title="Sonder la confiance envers la police de quartier",
                    language="fr",
                    organisation="spvm",
                    speakers=(
                        ("Élise Brochu-Exemple", "Université de Montréal"),
                        ("Karim Saadi-Exemple", "SPVM"),
                    ),
                    summary="Un questionnaire court, répété chaque année, pour suivre la "
                    "légitimité perçue de la police dans chaque quartier.",
                    slides=_slides(
                        ("Questionnaire", "Douze questions sur l'équité et le respect perçus."),
                        ("Échantillon", "Panel de résidents renouvelé par tiers chaque année."),
                    ),
                    related=("spvm-neighbourhood-trust-legitimacy-2016",),
                ),
                DemoPresentation(
                    slug="cameras-corporelles-citoyens",
                    title="Caméras corporelles : ce qu'en disent les citoyens",
                    language="fr",
                    organisation="spvq",
                    speakers=(("Julie Tremblay-Exemple", "SPVQ"),),
                    summary="Les attentes des citoyens envers les caméras portées par les "
                    "patrouilleurs, d'après le projet pilote et des groupes de discussion.",
                    slides=_slides(
                        ("Attentes", "Transparence et preuve en cas de plainte."),
                        ("Réserves", "La vie privée des personnes filmées à domicile."),
                    ),
                    related=("cameras-corporelles-projet-pilote-2019",),
                ),
            ),
        ),
    ),
)

EDITION_2024 = DemoEdition(
    year=2024,
    theme_fr="De l'analyse à l'action : la prévention fondée sur les données probantes",
    theme_en="From analysis to action: evidence-based prevention",
    start="2024-05-14",
    end="2024-05-15",
    venue="Université Laval, Québec",
    description_fr="Des analyses qui ont changé des pratiques : points chauds, violence "
    "conjugale et indicateurs de confiance.",
    description_en="Analyses that changed practice: hot spots, intimate partner violence and "
    "trust indicators.",
    sessions=(
        DemoSession(
            title="Points chauds et prévention situationnelle",
            title_en="Hot spots and situational prevention",
            day=0,
            starts="09:00",
            ends="10:30",
            room="Amphithéâtre Hydro-Québec",
            chair="Marc-André Giguère-Exemple (SPVQ)",
            presentations=(
                DemoPresentation(
                    slug="patrouilles-points-chauds-quebec",
                    title="Patrouilles ciblées dans les points chauds de Québec",
                    language="fr",
                    organisation="spvq",
                    speakers=(("Annie Lavoie-Exemple", "SPVQ"), ("Paul Roy-Exemple", "Laval")),
                    summary="Un essai randomisé de patrouilles de quinze minutes dans quarante "
                    "segments de rue : effets sur les appels de service et sur les résidents.",
                    slides=_slides(
                        ("Protocole", "Quarante segments tirés au sort, patrouilles de Koper."),
                        ("Résultats", "Moins d'appels pour désordre sans déplacement mesuré."),
                    ),
                    related=("points-chauds-patrouille-quebec-2024",),
                    video_url="https://video.example.org/rencontre-2024/points-chauds",
                ),
                DemoPresentation(
                    slug="street-lighting-hot-spots-look-back",
                    title="Street lighting and hot spots: a ten-year look back",
                    language="en",
                    organisation="cpo",
                    speakers=(("Grace Mensah-Example", "Crime Prevention Ottawa"),),
                    summary="Ten years after brighter lighting came to three Ottawa hot spots, "
                    "what stayed, what faded and what the neighbours remember.",
                    slides=_slides(
                        ("Then", "LED lighting in three laneways and two parks."),
                        ("Now", "Night-time calls remain lower in two of the five sites."),
                    ),
                    related=("cpo-street-lighting-hot-spots-2017",),
                ),
            ),
        ),
        DemoSession(
            title="Violence conjugale et confiance",
            title_en="Intimate partner violence and trust",
            day=1,
            starts="13:30",
            ends="15:00",
            room="Salle Jean-Paul-Tardif",
            chair="Sophie Bélanger-Exemple (MSP)",
            presentations=(
                DemoPresentation(
                    slug="risque-recidive-violence-conjugale",
                    title="Évaluer le risque de récidive en violence conjugale",
                    language="fr",
                    organisation="spvq",
                    speakers=(("Catherine Dion-Exemple", "SPVQ"),),
                    summary="Ce que trois ans de suivi disent des facteurs de récidive et de "
                    "l'outil d'évaluation utilisé par les enquêteurs.",
                    slides=_slides(
                        ("Cohorte", "Mille deux cents dossiers suivis pendant trente-six mois."),
                        ("Facteurs", "Menaces de mort et séparation récente en tête."),
                    ),
                    related=("violence-conjugale-recidive-spvq-2021",),
                ),
                DemoPresentation(
                    slug="indicateurs-confiance-resultats",
                    title="Indicateurs de confiance : les premiers résultats",
                    language="fr",
                    organisation="msp",
                    speakers=(("Hugo Lapointe-Exemple", "MSP"),),
                    summary="Les premiers résultats du tableau de bord provincial de la "
                    "confiance envers les services de police, réservé aux partenaires.",
                    slides=_slides(
                        ("Tableau de bord", "Neuf indicateurs communs à tous les services."),
                        ("Premiers constats", "Écarts marqués entre milieux urbains et ruraux."),
                    ),
                    related=("rencontre-2024-indicateurs-confiance",),
                    access="community",
                ),
            ),
        ),
    ),
)

EDITION_2025 = DemoEdition(
    year=2025,
    theme_fr="Santé mentale, vulnérabilités et intervention policière",
    theme_en="Mental health, vulnerability and police intervention",
    start="2025-05-13",
    end="2025-05-14",
    venue="Palais des congrès de Montréal",
    description_fr="Comment les services de police, le réseau de la santé et le milieu "
    "communautaire répondent ensemble aux personnes en crise, et les nouvelles menaces.",
    description_en="How police, health services and community groups respond together to "
    "people in crisis, and the new threats.",
    sessions=(
        DemoSession(
            title="Santé mentale et crises",
            title_en="Mental health and crises",
            day=0,
            starts="09:00",
            ends="10:30",
            room="Salle 511",
            chair="Dr Isabelle Fortin-Exemple (CIUSSS)",
            presentations=(
                DemoPresentation(
                    slug="equipes-mixtes-trois-ans-apres",
                    title="Équipes mixtes policiers-intervenants : trois ans après",
                    language="fr",
                    organisation="spvm",
                    speakers=(("Olivier Martel-Exemple", "SPVM"),),
                    summary="Le bilan des équipes mixtes après trois ans : interventions, "
                    "transports à l'urgence évités et regard des intervenants sociaux.",
                    slides=_slides(
                        ("Bilan", "Moins de transports à l'urgence pour les appels suivis."),
                        ("Conditions", "Une disponibilité de soir et de fin de semaine."),
                    ),
                    related=("equipes-mixtes-sante-mentale-evaluation-2020",),
                ),
                DemoPresentation(
                    slug="mental-health-call-diversion-first-year",
                    title="Diverting mental health calls: the first year",
                    language="en",
                    organisation="ops",
                    speakers=(("Daniel Okafor-Example", "Ottawa Police Service"),),
                    summary="How calls are triaged to a mental health response line, and what "
                    "happened to callers in the first year.",
                    slides=_slides(
                        ("Triage", "Call-takers follow a five-question decision guide."),
                        ("Outcomes", "One call in six diverted without a police attendance."),
                    ),
                    related=("ops-mental-health-call-diversion-2023",),
                ),
            ),
        ),
        DemoSession(
            title="Crime organisé et numérique",
            title_en="Organised crime and the digital world",
            day=1,
            starts="10:45",
            ends="12:15",
            room="Salle 512",
            chair="Marie-Claude Gagnon-Exemple (SQ)",
            presentations=(
                DemoPresentation(
                    slug="trafic-armes-frontiere",
                    title="Trafic d'armes à feu à la frontière : portrait du renseignement",
                    language="fr",
                    organisation="sq",
                    speakers=(("Stéphane Caron-Exemple", "Sûreté du Québec"),),
                    summary="Les filières d'entrée des armes à feu illégales et les signaux que "
                    "les analystes surveillent, présentés aux membres de la communauté policière.",
                    slides=_slides(
                        ("Filières", "Territoires transfrontaliers et envois postaux."),
                        ("Signaux", "Achats groupés de pièces et armes sans numéro de série."),
                    ),
                    related=("sq-firearms-trafficking-border-2025",),
                    access="community",
                ),
                DemoPresentation(
                    slug="rancongiciels-municipalites",
                    title="Rançongiciels : les municipalités en première ligne",
                    language="fr",
                    organisation="sq",
                    speakers=(("Amélie Fournier-Exemple", "Sûreté du Québec"),),
                    summary="Comment les attaques par rançongiciel visent les municipalités et "
                    "ce que les enquêtes ont appris sur la prévention.",
                    slides=_slides(
                        ("Tendances", "Hameçonnage ciblé et accès à distance mal protégés."),
                        ("Prévention", "Sauvegardes hors ligne et exercices de crise."),
                    ),
                    related=("rancongiciels-municipalites-2023",),
                ),
            ),
        ),
    ),
)

EDITIONS: tuple[DemoEdition, ...] = (EDITION_2023, EDITION_2024, EDITION_2025)

# Demo studies presented at an edition: their `edition` facet.
ITEM_EDITIONS: dict[str, int] = {
    "rencontre-2024-indicateurs-confiance": 2024,
    "points-chauds-patrouille-quebec-2024": 2024,
    "interpellations-profilage-montreal-2019": 2023,
    "sq-firearms-trafficking-border-2025": 2025,
}

COLLECTIONS: tuple[DemoCollection, ...] = (
    DemoCollection(
        slug="meilleur-rencontre-2024",
        title="Le meilleur de la Rencontre 2024",
        title_en="The best of Rencontre 2024",
        introduction="Les études dont on a le plus parlé pendant et après la Rencontre 2024.",
        introduction_en="The studies most talked about during and after Rencontre 2024.",
        curator="Comité de programme de la Rencontre",
        edition=2024,
        entries=(
            (
                "points-chauds-patrouille-quebec-2024",
                "Le seul essai randomisé présenté en 2024.",
                "The only randomised trial presented in 2024.",
            ),
            (
                "rencontre-2024-indicateurs-confiance",
                "Le tableau de bord attendu par tous.",
                "The dashboard everyone was waiting for.",
            ),
            (
                "violence-conjugale-recidive-spvq-2021",
                "À relire avec l'outil de 2025.",
                "Worth rereading alongside the 2025 tool.",
            ),
            (
                "cpo-street-lighting-hot-spots-2017",
                "Dix ans de recul sur l'éclairage.",
                "Ten years of hindsight on street lighting.",
            ),
        ),
    ),
    DemoCollection(
        slug="profilage-lectures-essentielles",
        title="Profilage racial et social : lectures essentielles",
        title_en="Racial and social profiling: essential reading",
        introduction="Pour comprendre d'où viennent les politiques sur les interpellations.",
        introduction_en="To understand where the policies on street checks come from.",
        curator="Centre de recherche et d'expertise, ENPQ",
        entries=(
            (
                "interpellations-profilage-montreal-2019",
                "Le portrait de référence à Montréal.",
                "The reference portrait of Montréal.",
            ),
            (
                "ops-race-based-data-traffic-stops-2020",
                "La même question, vue d'Ottawa.",
                "The same question, seen from Ottawa.",
            ),
            (
                "plan-strategique-ecouter-comprendre-agir",
                "La réponse stratégique du SPVM.",
                "The SPVM's strategic response.",
            ),
            (
                "spvm-neighbourhood-trust-legitimacy-2016",
                "Pourquoi la confiance compte.",
                "Why trust matters.",
            ),
            (
                "edi-recrutement-policier-2022",
                "Le volet ressources humaines.",
                "The human resources side.",
            ),
        ),
    ),
    DemoCollection(
        slug="sante-mentale-intervention",
        title="Santé mentale et intervention policière",
        title_en="Mental health and police intervention",
        introduction="Des équipes mixtes à la déviation des appels : ce qui a été évalué.",
        introduction_en="From mixed teams to call diversion: what has been evaluated.",
        curator="Comité de programme de la Rencontre",
        edition=2025,
        entries=(
            (
                "guide-desescalade-personnes-crise-2016",
                "Le point de départ de la formation.",
                "Where the training started.",
            ),
            (
                "equipes-mixtes-sante-mentale-evaluation-2020",
                "L'évaluation la plus complète.",
                "The most complete evaluation.",
            ),
            (
                "ops-mental-health-call-diversion-2023",
                "Agir dès l'appel.",
                "Acting from the first call.",
            ),
            (
                "itinerance-centre-ville-quebec-2018",
                "Les personnes en situation d'itinérance.",
                "People experiencing homelessness.",
            ),
        ),
    ),
)
