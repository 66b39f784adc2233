"""What the portal holds before the journeys start: a few studies imported the way an
administrator would (`import_research MANIFEST.csv --wait`), with real generated files.

Each journey relies on words that appear nowhere else, so the journeys can run in any order.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from research.demo.files import Section, make_docx, make_pdf

# The manager's query: a word that only the three crisis-intervention files contain.
CRISIS_WORD = "désescalade"
# The member's query: only the community-only study contains it.
COMMUNITY_WORD = "rançongiciels"


@dataclass(frozen=True)
class Study:
    id: str
    title: str
    organisation: str
    published: str
    language: str
    type: str
    summary: str
    file_text: str
    file_format: str = "pdf"
    design: str = "descriptive"
    evidence: str = "sms-2"
    themes: list[str] = field(default_factory=list)
    region: str = ""
    access: str = "public"
    authors: list[str] = field(default_factory=list)
    # What the study found (`outcome:effect` pairs) and the practices it evaluates.
    findings: list[str] = field(default_factory=list)
    practices: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        return f"{self.id}.{self.file_format}"


STUDIES = [
    Study(
        id="e2e-crise-spvm-2024",
        title="Équipes mixtes d'intervention auprès des personnes en crise à Montréal",
        organisation="spvm",
        published="2024-03-15",
        language="fr",
        type="program-evaluation",
        design="quasi-experimental",
        evidence="sms-3",
        themes=["mental-health", "vulnerable-adults"],
        region="Montréal",
        authors=["Alex Tremblay (SPVM)", "Sam Gagnon (Université de Montréal)"],
        findings=["calls-for-service:positive", "use-of-force:mixed"],
        practices=["mental-health-co-response"],
        # The crisis studies' keywords: more values than a facet lists without a search box.
        tags=[
            "désescalade",
            "équipes mixtes",
            "intervenants sociaux",
            "hospitalisations",
            "santé mentale",
        ],
        summary="Évaluation des équipes qui associent policiers et intervenants sociaux.",
        file_text=(
            "Les interventions menées avec un intervenant social reposent sur la "
            f"{CRISIS_WORD} : les hospitalisations forcées ont baissé de 18 %."
        ),
    ),
    Study(
        id="e2e-crise-spvm-2019",
        title="Appels liés à la santé mentale : portrait montréalais",
        organisation="spvm",
        published="2019-06-01",
        language="fr",
        type="analysis",
        themes=["mental-health"],
        region="Montréal",
        summary="Portrait des appels de service liés à la santé mentale entre 2015 et 2018.",
        tags=["appels de service", "santé mentale", "portrait statistique", "formation"],
        file_text=f"Peu de patrouilleurs avaient reçu une formation en {CRISIS_WORD} en 2018.",
        file_format="docx",
    ),
    Study(
        id="e2e-crise-spvq-2022",
        title="Formation des patrouilleurs aux situations de crise à Québec",
        organisation="spvq",
        published="2022-09-30",
        language="fr",
        type="research-report",
        themes=["mental-health", "workforce-wellbeing"],
        region="Ville de Québec",
        summary="Effets d'une formation de deux jours sur les interventions en situation de crise.",
        findings=["use-of-force:no-effect"],
        practices=["de-escalation-training"],
        tags=["formation", "patrouilleurs", "situations de crise", "simulation"],
        file_text=f"La formation à la {CRISIS_WORD} a été suivie par 240 patrouilleurs.",
    ),
    Study(
        id="e2e-ottawa-trust-2023",
        title="Public trust in the Ottawa Police Service after a community safety plan",
        organisation="ops",
        published="2023-11-20",
        language="en",
        type="analysis",
        themes=["community-trust"],
        region="Ottawa",
        summary="Survey of residents' trust before and after the community safety plan.",
        file_text="Trust rose in every ward surveyed between 2021 and 2023.",
    ),
    Study(
        id="e2e-rancon-sq-2023",
        title="Rançongiciels visant les municipalités du Québec : portrait 2023",
        organisation="sq",
        published="2023-05-10",
        language="fr",
        type="intelligence-product",
        design="crime-analysis",
        evidence="unrated",
        themes=["cybercrime"],
        region="Québec (province)",
        access="community",
        summary=f"Portrait des {COMMUNITY_WORD} signalés par les municipalités en 2023.",
        file_text="Trente-deux municipalités ont déclaré une attaque.",
    ),
]

COLUMNS = [
    "id", "title", "organisation", "published", "language", "type", "design", "evidence",
    "themes", "region", "access", "authors", "summary", "files", "findings", "practices",
    "tags",
]  # fmt: skip


def study_file(study: Study) -> bytes:
    sections = [Section(heading=study.title, text=study.file_text)]
    if study.file_format == "docx":
        return make_docx(study.title, sections)
    return make_pdf(study.title, sections)


def write_manifest(folder: Path, studies: list[Study] = STUDIES) -> Path:
    """The manifest and its files in `folder`, ready for `import_research`."""
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "manifest.csv"
    with manifest.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for study in studies:
            (folder / study.file_name).write_bytes(study_file(study))
            writer.writerow(
                [
                    study.id, study.title, study.organisation, study.published, study.language,
                    study.type, study.design, study.evidence, ";".join(study.themes),
                    study.region, study.access, ";".join(study.authors), study.summary,
                    study.file_name, ";".join(study.findings), ";".join(study.practices),
                    ";".join(study.tags),
                ]
            )  # fmt: skip
    return manifest


def study(study_id: str) -> Study:
    return next(item for item in STUDIES if item.id == study_id)
