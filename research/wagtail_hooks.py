"""Admin registration: vocabularies and organisations as snippets, grouped in one menu."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal.models import Organisation
from research.models import Approach, EvidenceLevel, ResearchType, StudyDesign, Theme


class VocabularyViewSet(SnippetViewSet):
    list_display = ["label_fr", "label_en", "slug", "sort_order"]
    search_fields = ["label_fr", "label_en", "slug"]
    ordering = ["sort_order", "label_fr"]


def vocabulary_viewset(vocabulary_model, icon: str) -> type[SnippetViewSet]:
    return type(
        f"{vocabulary_model.__name__}ViewSet",
        (VocabularyViewSet,),
        {"model": vocabulary_model, "icon": icon},
    )


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    list_display = ["name_fr", "name_en", "slug", "kind"]
    list_filter = ["kind"]
    search_fields = ["name_fr", "name_en", "slug"]


class VocabularyGroup(SnippetViewSetGroup):
    menu_label = _("Vocabularies")
    menu_icon = "list-ul"
    menu_order = 300
    items = (
        OrganisationViewSet,
        vocabulary_viewset(ResearchType, "doc-full"),
        vocabulary_viewset(StudyDesign, "cogs"),
        vocabulary_viewset(EvidenceLevel, "success"),
        vocabulary_viewset(Approach, "site"),
        vocabulary_viewset(Theme, "tag"),
    )


register_snippet(VocabularyGroup)
