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
]
