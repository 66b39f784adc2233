from .documents import ExtractionStatus, ResearchDocument
from .pages import (
    AccessLevel,
    ContentLanguage,
    RelatedResearch,
    ResearchAuthor,
    ResearchFile,
    ResearchIndexPage,
    ResearchPage,
    ResearchPageTag,
)
from .vocabularies import Approach, EvidenceLevel, ResearchType, StudyDesign, Theme


def vocabulary_models() -> dict:
    """The models behind each slug-valued field of a research item, by the field's name."""
    from portal.models import Organisation

    return {
        "organisation": Organisation,
        "type": ResearchType,
        "design": StudyDesign,
        "evidence": EvidenceLevel,
        "approach": Approach,
        "theme": Theme,
    }


__all__ = [
    "AccessLevel",
    "Approach",
    "ContentLanguage",
    "EvidenceLevel",
    "ExtractionStatus",
    "RelatedResearch",
    "ResearchAuthor",
    "ResearchDocument",
    "ResearchFile",
    "ResearchIndexPage",
    "ResearchPage",
    "ResearchPageTag",
    "ResearchType",
    "StudyDesign",
    "Theme",
    "vocabulary_models",
]
