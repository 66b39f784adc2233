"""Synthetic research items: realistic lengths, bilingual text and skewed vocabularies.

Item `n` is the same whatever the corpus size (its random generator is seeded with `n`), so the
10,000 items of a smaller corpus are the first 10,000 of a larger one and every measure of one
size works on the same studies. Plain Python, no Django.
"""

from __future__ import annotations

import datetime
import random
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from bench.corpus.language import language

# Vocabulary slugs (SPEC §2) with weights that give the skew a real collection has: a few
# publishers, types and themes dominate, most values are rare.
ORGANISATIONS = {"spvm": 30, "sq": 20, "spvq": 15, "ops": 13, "enpq": 10, "msp": 7, "cpo": 5}
TYPES = {
    "analysis": 30, "research-report": 20, "program-evaluation": 12, "intelligence-product": 10,
    "internship-project": 9, "literature-review": 7, "conference-presentation": 6,
    "strategic-plan": 3, "other": 3,
}  # fmt: skip
DESIGNS = {
    "descriptive": 30, "crime-analysis": 20, "qualitative": 14, "mixed-methods": 12,
    "before-after": 9, "quasi-experimental": 7, "not-applicable": 4, "systematic-review": 2,
    "randomised-trial": 2,
}  # fmt: skip
EVIDENCE = {"unrated": 30, "sms-1": 22, "sms-2": 20, "sms-3": 15, "sms-4": 9, "sms-5": 4}
APPROACHES = {
    "evidence-based": 35, "intelligence-led": 25, "problem-oriented": 20,
    "community-policing": 15, "other": 5,
}  # fmt: skip
THEMES = {
    "community-trust": 18, "youth": 15, "mental-health": 13, "gender-based-violence": 12,
    "racial-social-profiling": 10, "road-safety": 9, "organised-crime": 8, "neighbourhoods": 8,
    "cybercrime": 7, "fraud": 6, "vulnerable-adults": 5, "workforce-wellbeing": 5, "edi": 4,
    "transparency": 3,
}  # fmt: skip
REGIONS = {
    "Montréal": 30, "Québec (province)": 18, "Ville de Québec": 14, "Ottawa": 13, "Laval": 5,
    "Gatineau": 4, "Longueuil": 4, "Sherbrooke": 3, "Ontario (province)": 3, "Canada": 3,
    "Trois-Rivières": 2, "Saguenay": 2, "Lévis": 2, "Outaouais": 2, "Montérégie": 2,
    "Laurentides": 1, "Lanaudière": 1, "Mauricie": 1, "Estrie": 1, "Côte-Nord": 1,
    "Bas-Saint-Laurent": 1, "Abitibi-Témiscamingue": 1, "Nunavik": 1,
}  # fmt: skip
ACCESS = {"public": 80, "community": 15, "organisation": 5}
# What studies found: most items evaluate no practice and record no finding; evaluations do.
PRACTICES = {
    "hot-spots-policing": 12, "problem-oriented-policing": 10, "community-policing": 10,
    "mental-health-co-response": 9, "body-worn-cameras": 8, "de-escalation-training": 8,
    "procedural-justice": 7, "focused-deterrence": 6, "youth-diversion": 6, "cctv": 5,
    "domestic-violence-risk-assessment": 5, "foot-patrol": 4, "street-lighting": 3,
    "automated-speed-enforcement": 3, "other": 4,
}  # fmt: skip
OUTCOMES = {
    "crime-overall": 14, "violent-crime": 12, "property-crime": 8, "calls-for-service": 10,
    "trust-legitimacy": 10, "use-of-force": 8, "repeat-victimisation": 6, "reoffending": 6,
    "disorder": 6, "fear-of-crime": 5, "disparities": 4, "complaints": 3, "road-collisions": 3,
    "officer-wellbeing": 3, "efficiency": 2,
}  # fmt: skip
EFFECTS = {"positive": 40, "no-effect": 25, "mixed": 18, "inconclusive": 10, "negative": 7}
LANGUAGE_SHARES = {"fr": 70, "en": 30}
FIRST_YEAR, LAST_YEAR = 2000, 2025
FIRST_NAMES = (
    "Camille", "Louis", "Sophie", "Karim", "Nadia", "Émile", "Julie", "Marc", "Amélie",
    "Olivier", "Fatima", "Jean", "Isabelle", "David", "Mélanie", "Samuel", "Chloé", "Ahmed",
    "Catherine", "Patrick", "Léa", "Daniel", "Sarah", "Mathieu", "Nathalie", "Kevin",
)  # fmt: skip
LAST_NAMES = (
    "Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin",
    "Gagné", "Ouellet", "Pelletier", "Bélanger", "Lévesque", "Bergeron", "Leblanc", "Paquette",
    "Girard", "Simard", "Boucher", "Caron", "Beaulieu", "Cloutier", "Dubé", "Poirier", "Smith",
    "Brown", "Wilson", "Martin", "Nguyen", "Haddad", "Singh",
)  # fmt: skip
AFFILIATIONS = (
    "Section de la recherche et de la planification, SPVM",
    "Service du renseignement criminel, Sûreté du Québec",
    "Division de l'analyse et du renseignement, SPVQ",
    "Research and Planning, Ottawa Police Service",
    "Centre de recherche et d'expertise, ENPQ",
    "École de criminologie, Université de Montréal",
    "Department of Criminology, University of Ottawa",
    "Université Laval",
    "Crime Prevention Ottawa",
)
INVENTED_TAGS = 400
WORDS_PER_PAGE = 350


@dataclass(frozen=True)
class SyntheticFile:
    title: str
    text: str
    pages: int


@dataclass(frozen=True)
class SyntheticItem:
    """One study, with every field a research page has that search reads."""

    number: int
    title: str
    language: str
    organisation: str
    partners: tuple[str, ...]
    published: datetime.date
    research_type: str
    design: str
    evidence: str
    approaches: tuple[str, ...]
    themes: tuple[str, ...]
    tags: tuple[str, ...]
    region: str
    access: str
    authors: tuple[tuple[str, str], ...]
    summary: str
    key_findings: str  # rich text (HTML)
    recommendations: str  # rich text (HTML)
    body: tuple[dict, ...]  # StreamField blocks
    files: tuple[SyntheticFile, ...]
    practices: tuple[str, ...] = ()
    findings: tuple[tuple[str, str], ...] = ()  # (outcome, effect), in the item's order

    @property
    def source_id(self) -> str:
        return f"bench-{self.number:06d}"

    @property
    def slug(self) -> str:
        ascii_title = unicodedata.normalize("NFKD", self.title).encode("ascii", "ignore").decode()
        words = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
        return f"{words[:50].rstrip('-')}-{self.number}"


def synthetic_items(count: int, start: int = 0) -> Iterator[SyntheticItem]:
    for number in range(start, start + count):
        yield synthetic_item(number)


def synthetic_item(number: int) -> SyntheticItem:
    rng = random.Random(number)
    code = _weighted(rng, LANGUAGE_SHARES)
    words = language(code)
    organisation = _weighted(rng, ORGANISATIONS)
    return SyntheticItem(
        number=number,
        title=_title(rng, code),
        language=code,
        organisation=organisation,
        partners=_distinct(rng, ORGANISATIONS, rng.choice((0, 0, 0, 1, 1, 2)), organisation),
        published=_published(rng),
        research_type=_weighted(rng, TYPES),
        design=_weighted(rng, DESIGNS),
        evidence=_weighted(rng, EVIDENCE),
        approaches=_distinct(rng, APPROACHES, rng.choice((1, 1, 2))),
        themes=_distinct(rng, THEMES, rng.choice((1, 1, 2, 2, 3))),
        tags=tuple(sorted({_tag(rng, code) for _ in range(rng.randint(2, 6))})),
        region=_weighted(rng, REGIONS) if rng.random() < 0.9 else "",
        access=_weighted(rng, ACCESS),
        authors=tuple(
            (f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}", rng.choice(AFFILIATIONS))
            for _ in range(rng.randint(1, 4))
        ),
        summary=words.paragraph(rng, rng.randint(4, 7)),
        key_findings=_bullets(rng, code, rng.randint(3, 5)),
        recommendations=_bullets(rng, code, rng.randint(2, 4)),
        body=_body(rng, code),
        files=_files(rng, code),
        # Drawn last, so every other field is the same as before findings existed.
        practices=_distinct(rng, PRACTICES, rng.choice((0, 0, 0, 1, 1, 2))),
        findings=_findings(rng),
    )


def _findings(rng: random.Random) -> tuple[tuple[str, str], ...]:
    outcomes = _distinct(rng, OUTCOMES, rng.choice((0, 0, 1, 1, 2, 3)))
    return tuple((outcome, _weighted(rng, EFFECTS)) for outcome in outcomes)


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(tuple(weights), weights=tuple(weights.values()))[0]


def _distinct(
    rng: random.Random, weights: dict[str, int], count: int, excluded: str = ""
) -> tuple[str, ...]:
    chosen: set[str] = set()
    while len(chosen) < count:
        value = _weighted(rng, weights)
        if value != excluded:
            chosen.add(value)
    return tuple(sorted(chosen))


def _published(rng: random.Random) -> datetime.date:
    # Publishing grows over the years: later years are likelier (a triangular law).
    year = round(rng.triangular(FIRST_YEAR, LAST_YEAR, LAST_YEAR))
    return datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))


def _title(rng: random.Random, code: str) -> str:
    words = language(code).sentence(rng).rstrip(".!?").split()
    start = rng.randrange(max(1, len(words) - 6))
    title = " ".join(words[start : start + rng.randint(5, 11)])
    title = title[:1].upper() + title[1:]
    if rng.random() < 0.4:
        title += f" : {_weighted(rng, REGIONS)}, {rng.randint(FIRST_YEAR, LAST_YEAR)}"
    return title


@cache
def _tag_pool(code: str) -> tuple[str, ...]:
    """The analysts' own keywords first, then invented two-word ones, in falling frequency."""
    words = language(code)
    rng = random.Random(f"tags-{code}")
    nouns = [word for word in words.words[: words.head_words] if len(word) >= 6]
    invented = {f"{rng.choice(nouns)} {rng.choice(nouns)}" for _ in range(INVENTED_TAGS)}
    return (*words.tags, *sorted(invented))


def _tag(rng: random.Random, code: str) -> str:
    pool = _tag_pool(code)
    # Zipf-like: rank = floor(pool ** u) - 1 puts most picks on the first tags.
    rank = int(len(pool) ** rng.random()) - 1
    return pool[min(rank, len(pool) - 1)]


def _bullets(rng: random.Random, code: str, count: int) -> str:
    items = "".join(f"<li>{language(code).sentence(rng)}</li>" for _ in range(count))
    return f"<ul>{items}</ul>"


def _body(rng: random.Random, code: str) -> tuple[dict, ...]:
    words = language(code)
    blocks: list[dict] = []
    for _ in range(rng.randint(2, 4)):
        heading = words.sentence(rng).split()[:4]
        blocks.append({"type": "heading", "value": " ".join(heading).rstrip(".,;:")})
        paragraph = words.paragraph(rng, rng.randint(3, 7))
        blocks.append({"type": "paragraph", "value": f"<p>{paragraph}</p>"})
    return tuple(blocks)


def _files(rng: random.Random, code: str) -> tuple[SyntheticFile, ...]:
    """A quarter of the studies attach files (reports, annexes) whose text was extracted."""
    if rng.random() >= 0.25:
        return ()
    files = []
    for position in range(1 if rng.random() < 0.8 else 2):
        text = "\n\n".join(
            language(code).paragraph(rng, rng.randint(4, 9)) for _ in range(rng.randint(5, 25))
        )
        pages = max(1, len(text.split()) // WORDS_PER_PAGE)
        files.append(SyntheticFile(f"Rapport {position + 1}", text, pages))
    return tuple(files)


def corpus_words(items: Sequence[SyntheticItem]) -> int:
    """Words of text in these items (to report the corpus's size)."""
    total = 0
    for item in items:
        total += len(item.summary.split()) + sum(len(f.text.split()) for f in item.files)
        total += sum(len(str(block["value"]).split()) for block in item.body)
    return total
