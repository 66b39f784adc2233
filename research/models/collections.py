"""Curated collections: research items in the curator's order, each with the curator's note."""

from __future__ import annotations

from django.db import models
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, MultipleChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page

from portal.localization import TextInLanguage, text_for_reader
from portal.models import InterfaceLanguageUrlMixin
from research.access import viewer_for
from research.editing import CollectionPageForm
from research.models.pages import ResearchPage


class CollectionIndexPage(InterfaceLanguageUrlMixin, Page):
    """Lists the curated collections."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["research.CollectionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("collections index")
        verbose_name_plural = _("collections indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        collections = (
            CollectionPage.objects.child_of(self.listed_children_parent())
            .live()
            .select_related("edition")
        )
        context["collections"] = collections.order_by("title")
        return context


class CollectionPage(RoutablePageMixin, InterfaceLanguageUrlMixin, Page):
    """A curated, ordered list of research items; it may belong to an edition of the Rencontre.

    Not translated as a page: its entries (items, order, notes) are one list for both
    languages, so its title, introduction and notes have a French and an English field.
    """

    title_en = models.CharField(_("title in English"), max_length=255, blank=True)
    introduction = models.TextField(_("introduction in French"), blank=True)
    introduction_en = models.TextField(_("introduction in English"), blank=True)
    curator = models.CharField(
        _("curated by"), max_length=255, blank=True, help_text=_("Name and organisation.")
    )
    edition = models.ForeignKey(
        "research.EditionPage",
        verbose_name=_("Rencontre edition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="collections",
        help_text=_('For example the "Best of Rencontre 2024" collection belongs to 2024.'),
    )

    content_panels = Page.content_panels + [
        FieldPanel("title_en"),
        MultiFieldPanel(
            [FieldPanel("introduction"), FieldPanel("introduction_en")],
            heading=_("Introduction"),
        ),
        FieldRowPanel([FieldPanel("curator"), FieldPanel("edition")]),
        MultipleChooserPanel(
            "entries",
            chooser_field_name="item",
            label=_("Research item"),
            heading=_("Research items, in the order readers see them"),
            help_text=_("Drag the items to reorder them; the note tells readers why it is here."),
        ),
    ]

    base_form_class = CollectionPageForm

    parent_page_types = ["research.CollectionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("curated collection")
        verbose_name_plural = _("curated collections")

    @property
    def localized_title(self) -> TextInLanguage:
        return text_for_reader(self.title, self.title_en)

    @property
    def localized_introduction(self) -> TextInLanguage:
        return text_for_reader(self.introduction, self.introduction_en)

    def visible_entries(self, viewer):
        """The entries whose item is live and visible to `viewer`, in the curator's order."""
        visible = ResearchPage.objects.live().visible_to(viewer)
        return (
            self.entries.filter(item__in=visible)
            .select_related("item__organisation", "item__research_type")
            .prefetch_related("item__authors")
            .order_by("sort_order", "pk")
        )

    @path("")
    def listing(self, request):
        response = self.render(request)
        patch_cache_control(response, private=True)  # lists what this viewer may see
        return response

    @path("citations/", name="citations")
    @path("citations/<str:extension>/", name="citations")
    def citations(self, request, extension="txt"):
        """The entries the viewer may see as a reading list (APA) or a reference file."""
        from exchange.records import items_for_records
        from exchange.views import citations_response

        entries = self.visible_entries(viewer_for(request.user))
        items = items_for_records(ResearchPage.objects.all()).in_bulk(
            [entry.item_id for entry in entries]
        )
        response = citations_response(
            request,
            [items[entry.item_id] for entry in entries],
            heading=self.title,
            filename=f"{self.slug}-citations",
            extension=extension,
        )
        patch_cache_control(response, private=True)
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entries"] = self.visible_entries(viewer_for(request.user))
        return context


class CollectionEntry(Orderable):
    """One research item of a collection, with the curator's note on why it is there."""

    page = ParentalKey(
        CollectionPage,
        verbose_name=_("collection"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    item = models.ForeignKey(
        ResearchPage,
        verbose_name=_("research item"),
        on_delete=models.CASCADE,
        related_name="collection_entries",
    )
    note = models.TextField(_("curator's note in French"), blank=True)
    note_en = models.TextField(_("curator's note in English"), blank=True)

    panels = [FieldPanel("item"), FieldRowPanel([FieldPanel("note"), FieldPanel("note_en")])]

    class Meta(Orderable.Meta):
        verbose_name = _("collection entry")
        verbose_name_plural = _("collection entries")

    @property
    def localized_note(self) -> TextInLanguage:
        return text_for_reader(self.note, self.note_en)
