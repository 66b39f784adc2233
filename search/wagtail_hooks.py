"""Admin: the bilingual thesaurus, edited by administrators as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import ThesaurusConcept


class ThesaurusConceptViewSet(SnippetViewSet):
    model = ThesaurusConcept
    icon = "globe"
    menu_label = _("Thesaurus")
    menu_order = 305
    add_to_admin_menu = True
    list_display = ["preferred_fr", "preferred_en", "slug", "updated_at"]
    # Plain database search: the concepts are few and not in Wagtail's search index.
    search_fields = ["preferred_fr", "preferred_en", "synonyms_fr", "synonyms_en", "slug"]
    ordering = ["preferred_fr"]


register_snippet(ThesaurusConceptViewSet)
