"""Admin: the bilingual thesaurus, edited by administrators as snippets; Settings → Search index."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from research.admin_views import may_manage_pipeline
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


class SearchIndexMenuItem(MenuItem):
    def is_shown(self, request):
        return may_manage_pipeline(request.user)


@hooks.register("register_settings_menu_item")
def register_search_index_menu_item():
    return SearchIndexMenuItem(
        _("Search index"),
        reverse("research_extraction:search_index"),
        name="search-index",
        icon_name="search",
        order=900,
    )
