"""Studies in French and in English on the same subjects, for cross-language search.

Each pair names one thesaurus concept in its own language only: the French study never uses the
English term and the English study never uses the French one, so only the thesaurus can lead a
query in one language to the study in the other. Ids: French 2xx, English 3xx.
"""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from functools import cache
from pathlib import Path

from search.documents import SearchDocument
from search.expansion import Thesaurus
from tests.search.documents import _item

THESAURUS_FILE = Path(__file__).resolve().parents[2] / "search" / "data" / "thesaurus.json"

# (French words, English words, French study (title, summary), English study (title, summary))
PAIRS = [
    (
        "profilage racial",
        "racial profiling",
        (
            "Profilage racial lors des contrôles routiers",
            "Portrait des plaintes pour profilage racial reçues de 2016 à 2020.",
        ),
        (
            "Racial profiling in pedestrian encounters",
            "A review of complaints alleging racial profiling by officers.",
        ),
    ),
    (
        "interpellation",
        "street check",
        (
            "Les interpellations dans l'espace public",
            "Analyse de 40 000 interpellations consignées par les patrouilleurs.",
        ),
        (
            "Street checks in Ottawa",
            "What the street check records of one year tell about who is questioned.",
        ),
    ),
    (
        "violence conjugale",
        "intimate partner violence",
        (
            "Appels répétés pour violence conjugale",
            "Les signalements de violence conjugale à une même adresse.",
        ),
        (
            "Intimate partner violence homicides",
            "Warning signs of intimate partner violence before a homicide.",
        ),
    ),
    (
        "violence fondée sur le genre",
        "gender-based violence",
        (
            "La violence fondée sur le genre dans les campus",
            "Enquête auprès des étudiantes sur la violence fondée sur le genre.",
        ),
        (
            "Gender-based violence and rural women",
            "Reporting gender-based violence far from urban services.",
        ),
    ),
    (
        "santé mentale",
        "mental health",
        (
            "Appels liés à la santé mentale",
            "Hausse des appels où la santé mentale est en cause depuis 2019.",
        ),
        (
            "Mental health calls and officer time",
            "Hours spent by officers on mental health calls in hospital waiting rooms.",
        ),
    ),
    (
        "police de proximité",
        "community policing",
        (
            "Bilan de la police de proximité",
            "Vingt ans de police de proximité dans les postes de quartier.",
        ),
        (
            "Community policing in small towns",
            "How detachments practise community policing with few officers.",
        ),
    ),
    (
        "renseignement criminel",
        "criminal intelligence",
        (
            "Partage du renseignement criminel",
            "Comment les corps policiers échangent le renseignement criminel.",
        ),
        (
            "Criminal intelligence sharing platforms",
            "A survey of analysts on criminal intelligence databases.",
        ),
    ),
    (
        "itinérance",
        "homelessness",
        (
            "Itinérance et judiciarisation",
            "Les constats d'infraction remis aux personnes en situation d'itinérance.",
        ),
        (
            "Homelessness and police contacts",
            "Encounters between officers and people facing homelessness downtown.",
        ),
    ),
    (
        "cybercriminalité",
        "cybercrime",
        (
            "La cybercriminalité visant les PME",
            "Portrait de la cybercriminalité signalée par les entreprises.",
        ),
        ("Cybercrime reporting by businesses", "Why firms rarely report cybercrime to the police."),
    ),
    (
        "hameçonnage",
        "phishing",
        (
            "Campagnes d'hameçonnage par texto",
            "Analyse des messages d'hameçonnage signalés par les citoyens.",
        ),
        (
            "Phishing attacks on municipalities",
            "Phishing emails received by city employees over one year.",
        ),
    ),
    (
        "rançongiciel",
        "ransomware",
        ("Un rançongiciel dans un hôpital", "Étude de cas d'une attaque par rançongiciel."),
        (
            "Ransomware response playbook",
            "Lessons from ransomware incidents handled by investigators.",
        ),
    ),
    (
        "blanchiment d'argent",
        "money laundering",
        (
            "Le blanchiment d'argent par l'immobilier",
            "Techniques de blanchiment d'argent relevées dans les dossiers.",
        ),
        (
            "Money laundering through casinos",
            "Cash patterns that signal money laundering at gaming venues.",
        ),
    ),
    (
        "traite de personnes",
        "human trafficking",
        (
            "La traite de personnes à des fins sexuelles",
            "Parcours de victimes de traite de personnes au Québec.",
        ),
        (
            "Human trafficking along highway corridors",
            "Hotels and routes used in human trafficking cases.",
        ),
    ),
    (
        "agression sexuelle",
        "sexual assault",
        (
            "Signalement d'une agression sexuelle",
            "Délais entre l'agression sexuelle et la plainte.",
        ),
        ("Sexual assault case attrition", "Why sexual assault complaints rarely reach a court."),
    ),
    (
        "sécurité routière",
        "road safety",
        (
            "Plan de sécurité routière municipal",
            "Mesures de sécurité routière près des écoles primaires.",
        ),
        (
            "Road safety audits of rural intersections",
            "Road safety audits at forty rural intersections.",
        ),
    ),
    (
        "excès de vitesse",
        "speeding",
        (
            "Excès de vitesse en zone résidentielle",
            "Mesure des excès de vitesse dans les rues locales.",
        ),
        ("Speeding on arterial roads", "Where and when speeding peaks on arterial roads."),
    ),
    (
        "conduite avec facultés affaiblies",
        "impaired driving",
        (
            "La conduite avec facultés affaiblies par le cannabis",
            "Dépistage de la conduite avec facultés affaiblies.",
        ),
        (
            "Impaired driving checkpoints",
            "Results of impaired driving checkpoints during holidays.",
        ),
    ),
    (
        "gangs de rue",
        "street gangs",
        (
            "Recrutement dans les gangs de rue",
            "Comment les gangs de rue approchent les adolescents.",
        ),
        ("Street gangs and music videos", "Online videos in which street gangs taunt rivals."),
    ),
    (
        "maltraitance envers les aînés",
        "elder abuse",
        (
            "Maltraitance envers les aînés à domicile",
            "Signalements de maltraitance envers les aînés vivant seuls.",
        ),
        ("Elder abuse in care homes", "Investigations of elder abuse in long-term care."),
    ),
    (
        "personnes disparues",
        "missing persons",
        ("Recherche de personnes disparues", "Délais de signalement des personnes disparues."),
        ("Missing persons investigations", "Search priorities in missing persons investigations."),
    ),
    (
        "épuisement professionnel",
        "burnout",
        (
            "Épuisement professionnel des répartiteurs",
            "Mesure de l'épuisement professionnel au centre d'appels.",
        ),
        ("Burnout among detectives", "Caseloads and burnout in investigative units."),
    ),
    (
        "trouble de stress post-traumatique",
        "post-traumatic stress disorder",
        (
            "Le trouble de stress post-traumatique chez les patrouilleurs",
            "Dépistage du trouble de stress post-traumatique.",
        ),
        (
            "Post-traumatic stress disorder after shootings",
            "Screening officers for post-traumatic stress disorder.",
        ),
    ),
    (
        "caméras corporelles",
        "body-worn cameras",
        (
            "Projet pilote de caméras corporelles",
            "Évaluation des caméras corporelles portées par les patrouilleurs.",
        ),
        (
            "Body-worn cameras and complaints",
            "Complaints before and after body-worn cameras were issued.",
        ),
    ),
    (
        "justice réparatrice",
        "restorative justice",
        (
            "Justice réparatrice pour les adolescents",
            "Rencontres de justice réparatrice entre victimes et auteurs.",
        ),
        (
            "Restorative justice circles",
            "Outcomes of restorative justice circles for first offences.",
        ),
    ),
    (
        "usurpation d'identité",
        "identity theft",
        (
            "L'usurpation d'identité en ligne",
            "Plaintes pour usurpation d'identité déposées par des aînés.",
        ),
        (
            "Identity theft after data breaches",
            "Identity theft reports following large data breaches.",
        ),
    ),
]


def french_id(position: int) -> int:
    return 201 + position


def english_id(position: int) -> int:
    return 301 + position


def bilingual_documents() -> list[SearchDocument]:
    """One French and one English public study per pair, fresh copies."""
    documents = []
    for position, (_fr, _en, (fr_title, fr_summary), (en_title, en_summary)) in enumerate(PAIRS):
        documents.append(
            _item(french_id(position), "fr", "2022-05-01", title=fr_title, summary=fr_summary)
        )
        documents.append(
            _item(english_id(position), "en", "2023-05-01", title=en_title, summary=en_summary)
        )
    documents = [
        replace(document, organisation="spvm", type="analysis", access="public")
        for document in documents
    ]
    return copy.deepcopy(documents)


@cache
def shipped_records() -> tuple[dict, ...]:
    return tuple(json.loads(THESAURUS_FILE.read_text(encoding="utf-8")))


def shipped_thesaurus() -> Thesaurus:
    """The thesaurus the project installs, read from its data file."""
    return Thesaurus.from_records(shipped_records())
