"""Ten research items, French and English, that the engine contract searches with exact answers.

Access: 101 103 104 105 106 110 public · 102 109 community · 107 organisation (sq) ·
108 organisation (spvm).
"""

from __future__ import annotations

import copy
import random

from search.documents import SearchDocument


def _item(doc_id: int, language: str, published: str, **fields) -> SearchDocument:
    slug = f"item-{doc_id}"
    base = {
        "id": doc_id,
        "url": f"/{language}/recherche/{slug}/" if language == "fr" else f"/en/research/{slug}/",
        "title": "",
        "summary": "",
        "findings": "",
        "body": "",
        "files_text": "",
        "authors": [],
        "language": language,
        "published": published,
        "year": int(published[:4]),
        "organisation": "",
        "partners": [],
        "type": "",
        "design": "",
        "evidence": "",
        "approach": [],
        "theme": [],
        "region": [],
        "edition": [],
        "tag": [],
        "objective": [],
        "access": "public",
        "access_organisations": [],
    }
    base.update(fields)
    # What the study found: the outcome and effect facets follow from its findings.
    pairs = [pair.split(":") for pair in base.get("finding_pairs", [])]
    base.setdefault("outcome", sorted({outcome for outcome, _effect in pairs}))
    base.setdefault("effect", sorted({effect for _outcome, effect in pairs}))
    return SearchDocument(**base)


_DOCUMENTS = [
    _item(
        101,
        "fr",
        "2019-10-07",
        title="Interpellations policières et profilage racial à Montréal",
        summary=(
            "Analyse des données d'interpellation de 2014 à 2017 selon l'origine ethnoculturelle "
            "des personnes interpellées."
        ),
        findings=(
            "Les personnes noires et autochtones sont interpellées de quatre à cinq fois plus "
            "souvent que les personnes blanches."
        ),
        body="Le rapport recommande une politique encadrant les interpellations.",
        files_text="Rapport final remis au SPVM. Chapitre 3 : méthodologie et sources.",
        authors=["Victor Armony", "Mariam Hassaoui", "Massimiliano Mulone"],
        organisation="spvm",
        type="research-report",
        design="descriptive",
        evidence="sms-2",
        approach=["evidence-based"],
        theme=["racial-social-profiling", "community-trust"],
        region=["Montréal"],
        edition=["2020"],
        tag=["interpellations", "profilage-racial"],
        objective=["spvm-2018-a4-10"],
    ),
    _item(
        102,
        "fr",
        "2021-06-15",
        title="Politique sur les interpellations : bilan de la première année",
        summary=(
            "Évaluation de la mise en œuvre de la politique sur les interpellations policières."
        ),
        findings="Le nombre d'interpellations a diminué de 20 % après l'entrée en vigueur.",
        body="Les secteurs touchés par les gangs de rue ont été suivis à part.",
        organisation="spvm",
        type="program-evaluation",
        design="before-after",
        evidence="sms-3",
        approach=["evidence-based"],
        theme=["racial-social-profiling"],
        region=["Montréal"],
        edition=["2022"],
        tag=["interpellations"],
        objective=["spvm-2018-a4-10"],
        access="community",
        finding_pairs=["disparities:no-effect"],
        practice=["procedural-justice"],
    ),
    _item(
        103,
        "fr",
        "2022-03-08",
        title="Violence conjugale : analyse des appels de service",
        summary=(
            "Portrait des appels pour violence conjugale reçus au centre d'appels, au service "
            "de l'égalité entre les femmes et les hommes."
        ),
        findings="Les appels répétés à une même adresse annoncent souvent une escalade.",
        organisation="spvq",
        type="analysis",
        design="crime-analysis",
        evidence="unrated",
        approach=["intelligence-led"],
        theme=["gender-based-violence"],
        region=["Québec"],
        edition=["2023"],
        tag=["violence-conjugale"],
        finding_pairs=["repeat-victimisation:positive", "calls-for-service:inconclusive"],
        practice=["domestic-violence-risk-assessment"],
    ),
    _item(
        104,
        "en",
        "2023-05-10",
        title="co-response teams for mental health crisis calls in Ottawa",
        summary="Evaluation of teams pairing a police officer with a mental health nurse.",
        findings="Fewer emergency room transports and shorter call times.",
        files_text=(
            "Appendix B. <script>alert('co-response')</script> Each nurse rides with an officer "
            "during evening shifts."
        ),
        organisation="ops",
        type="program-evaluation",
        design="quasi-experimental",
        evidence="sms-3",
        approach=["evidence-based", "community-policing"],
        theme=["mental-health", "vulnerable-adults"],
        region=["Ottawa"],
        edition=["2023"],
        tag=["co-response"],
        objective=["ops-2023-2-1"],
        finding_pairs=["use-of-force:mixed", "calls-for-service:positive"],
        practice=["mental-health-co-response"],
    ),
    _item(
        105,
        "fr",
        "2020-11-20",
        title="Santé mentale et interventions policières : revue de la littérature",
        summary="Synthèse des études sur les interventions auprès des personnes en crise.",
        organisation="enpq",
        type="literature-review",
        design="systematic-review",
        evidence="unrated",
        approach=["evidence-based"],
        theme=["mental-health"],
        region=["Québec"],
    ),
    _item(
        106,
        "en",
        "2024-02-01",
        title="Road safety: speed cameras & collisions near schools",
        summary="Speed cameras installed near twelve schools and the collisions that followed.",
        organisation="cpo",
        type="analysis",
        design="before-after",
        evidence="sms-2",
        approach=["problem-oriented"],
        theme=["road-safety", "youth"],
        region=["Ottawa"],
        edition=["2024"],
        tag=["speed-cameras"],
    ),
    _item(
        107,
        "fr",
        "2018-09-12",
        title="Sécurité routière : interceptions et collisions sur les autoroutes",
        summary="Les interceptions sur les autoroutes et les collisions graves, par région.",
        organisation="sq",
        type="analysis",
        design="crime-analysis",
        evidence="unrated",
        approach=["intelligence-led"],
        theme=["road-safety"],
        region=["Québec"],
        access="organisation",
        access_organisations=["sq"],
    ),
    _item(
        108,
        "en",
        "2023-01-20",
        title="Youth street gangs and social media",
        summary="How street gangs recruit young people online, and the arrests that followed.",
        organisation="spvm",
        type="intelligence-product",
        design="crime-analysis",
        evidence="unrated",
        approach=["intelligence-led"],
        theme=["youth", "organised-crime"],
        region=["Montréal"],
        edition=["2023"],
        tag=["gangs"],
        access="organisation",
        access_organisations=["spvm"],
        finding_pairs=["violent-crime:positive"],
        practice=["focused-deterrence"],
    ),
    _item(
        109,
        "en",
        "2022-09-30",
        title="Police officer wellbeing after critical incidents",
        summary="A survey of officers in the months after a critical incident.",
        organisation="enpq",
        type="research-report",
        design="mixed-methods",
        evidence="sms-1",
        approach=["other"],
        theme=["workforce-wellbeing"],
        edition=["2022"],
        access="community",
    ),
    _item(
        110,
        "fr",
        "2021-04-22",
        title="Étude de la fraude envers les aînés",
        summary="Profil des victimes de fraude âgées de 65 ans et plus.",
        organisation="msp",
        type="analysis",
        design="descriptive",
        evidence="unrated",
        approach=["community-policing"],
        theme=["fraud", "vulnerable-adults"],
        region=["Québec"],
        tag=["fraude", "aines"],
    ),
]


def research_documents() -> list[SearchDocument]:
    """Fresh copies, so a test may change them."""
    return copy.deepcopy(_DOCUMENTS)


ACCESS_ORGANISATIONS = ("spvm", "sq", "ops", "enpq")


def random_access_documents(count: int, seed: int) -> list[tuple[object, str, tuple[str, ...]]]:
    """(document, access level, organisations whose members may see it) for random items:
    every level, one or two organisations, an unknown level too (which nobody but an
    unrestricted viewer may see)."""
    chooser = random.Random(seed)
    made = []
    for number in range(count):
        access = chooser.choice(("public", "community", "organisation", "organisation", "retired"))
        organisations = tuple(chooser.sample(ACCESS_ORGANISATIONS, chooser.choice((1, 1, 2))))
        document = _item(
            1000 + number,
            chooser.choice(("fr", "en")),
            f"{chooser.randint(2010, 2026)}-01-01",
            title=f"Étude {number}",
            organisation=organisations[0],
            access=access,
            access_organisations=list(organisations),
        )
        made.append((document, access, organisations))
    return made
