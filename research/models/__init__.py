from portal.models import Organisation

from .collections import CollectionEntry, CollectionIndexPage, CollectionPage
from .documents import ExtractionStatus, ResearchDocument
from .editions import EditionIndexPage, EditionPage, EditionSession, PresentationPage
from .evidence import ResearchFinding
from .pages import (
    AccessLevel,
    ContentLanguage,
    RelatedResearch,
    ResearchAuthor,
    ResearchFile,
    ResearchIndexPage,
    ResearchObjective,
    ResearchPage,
    ResearchPageTag,
)
from .plans import PlanAxis, StrategicObjective, StrategicPlanIndexPage, StrategicPlanPage
from .vocabularies import (
    Approach,
    Effect,
    EvidenceLevel,
    Outcome,
    Practice,
    ResearchType,
    StudyDesign,
    Theme,
)
from .workflows import OrganisationApprovalTask


def vocabulary_models() -> dict:
    """The models behind each slug-valued field of a research item, by the field's name."""
    return {
        "organisation": Organisation,
        "type": ResearchType,
        "design": StudyDesign,
        "evidence": EvidenceLevel,
        "approach": Approach,
        "theme": Theme,
        "practice": Practice,
        "outcome": Outcome,
        "effect": Effect,
    }


__all__ = [
    "AccessLevel",
    "Approach",
    "CollectionEntry",
    "CollectionIndexPage",
    "CollectionPage",
    "ContentLanguage",
    "EditionIndexPage",
    "EditionPage",
    "EditionSession",
    "Effect",
    "EvidenceLevel",
    "ExtractionStatus",
    "OrganisationApprovalTask",
    "Outcome",
    "PlanAxis",
    "Practice",
    "PresentationPage",
    "RelatedResearch",
    "ResearchAuthor",
    "ResearchDocument",
    "ResearchFile",
    "ResearchFinding",
    "ResearchIndexPage",
    "ResearchObjective",
    "ResearchPage",
    "ResearchPageTag",
    "ResearchType",
    "StrategicObjective",
    "StrategicPlanIndexPage",
    "StrategicPlanPage",
    "StudyDesign",
    "Theme",
    "vocabulary_models",
]
