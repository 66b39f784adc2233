"""Research items (one Wagtail page per study) and the index page that lists them."""

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db import connection, models
from django.http import Http404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.blocks import BlockQuoteBlock, CharBlock, RichTextBlock
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from portal.models import InterfaceLanguageUrlMixin
from research.access import AccessLevel, cms_user_for, viewer_for
from research.editing import ResearchItemPermissionTester, ResearchPageForm
from research.models.evidence import EVIDENCE_PANEL, EvidenceFields
from research.panels import FileExtractionPanel, SimilarStudiesPanel
from research.signals import item_viewed

RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class ContentLanguage(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")


_CURRENT_ACCESS_SQL = (
    "SELECT i.{key}, p.live, i.access, o.slug FROM {item} i "
    "JOIN {page} p ON p.id = i.{key} JOIN {organisation} o ON o.id = i.{organisation_key} "
    "WHERE i.{key} IN ({values})"
)


class ResearchPageQuerySet(PageQuerySet):
    def visible_to(self, viewer):
        """The items `viewer` may see (research.access)."""
        return self if viewer.unrestricted else self.filter(viewer.database_filter())

    def hidden_in_cms(self, user):
        """The items `user` may not read in the CMS (research.access.CmsUser)."""
        readable = self.model.objects.filter(cms_user_for(user).readable_filter())
        return self.exclude(pk__in=readable.values("pk"))

    def unwritable_in_cms(self, user):
        """The items `user` may not change in the CMS."""
        writable = self.model.objects.filter(cms_user_for(user).writable_filter())
        return self.exclude(pk__in=writable.values("pk"))

    def current_access(self, ids) -> dict[int, tuple[bool, str, str]]:
        """Research item id → (live, access level, organisation slug), as the database holds them.

        One plain SQL query: it re-checks every page of search hits, where building the ORM's
        query for a page model cost several times more than running it.
        """
        if not ids:
            return {}
        quote = connection.ops.quote_name
        item = self.model._meta
        organisation = item.get_field("organisation")
        # Names come from the models and every value is a parameter: nothing from the request.
        sql = _CURRENT_ACCESS_SQL.format(
            key=quote(item.pk.column),
            item=quote(item.db_table),
            page=quote(Page._meta.db_table),
            organisation=quote(organisation.related_model._meta.db_table),
            organisation_key=quote(organisation.column),
            values=", ".join(["%s"] * len(ids)),
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [int(pk) for pk in ids])
            rows = cursor.fetchall()
        return {pk: (bool(live), access, slug) for pk, live, access, slug in rows}

    def latest_published(self):
        """Live items, newest first, with what a listing shows fetched in a few queries."""
        return (
            self.live()
            .select_related("organisation", "research_type")
            .prefetch_related("authors")
            .order_by("-publication_date", "-pk")
        )


ResearchPageManager = PageManager.from_queryset(ResearchPageQuerySet)


class ResearchIndexPage(InterfaceLanguageUrlMixin, Page):
    """Lists the latest research items; the items live beneath it."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["research.ResearchPage"]

    class Meta:
        verbose_name = _("research index page")
        verbose_name_plural = _("research index pages")

    @classmethod
    def where_items_live(cls) -> "ResearchIndexPage | None":
        """The French index: items live in the French tree only (a translated index lists the
        same items); None when there is none."""
        french = cls.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        return french.order_by("path").first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        viewer = viewer_for(request.user)
        # A translated index lists the items of the French one: items are never translated.
        items = (
            ResearchPage.objects.descendant_of(self.listed_children_parent())
            .visible_to(viewer)
            .latest_published()
        )
        context["items"] = Paginator(items, 20).get_page(request.GET.get("page"))
        return context


class ResearchPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "research.ResearchPage",
        verbose_name=_("research item"),
        on_delete=models.CASCADE,
        related_name="tagged_items",
    )

    class Meta:
        verbose_name = _("keyword of a research item")
        verbose_name_plural = _("keywords of research items")


class ResearchPage(InterfaceLanguageUrlMixin, EvidenceFields, Page):
    """One study: its metadata, findings and files."""

    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("publishing organisation"),
        on_delete=models.PROTECT,
        related_name="research_items",
    )
    partners = ParentalManyToManyField(
        "portal.Organisation",
        verbose_name=_("partner organisations"),
        blank=True,
        related_name="partner_research_items",
    )
    publication_date = models.DateField(_("publication date"))
    language = models.CharField(
        _("content language"),
        max_length=2,
        choices=ContentLanguage.choices,
        default=ContentLanguage.FRENCH,
    )
    research_type = models.ForeignKey(
        "research.ResearchType", verbose_name=_("type"), on_delete=models.PROTECT
    )
    design = models.ForeignKey(
        "research.StudyDesign", verbose_name=_("study design"), on_delete=models.PROTECT
    )
    evidence = models.ForeignKey(
        "research.EvidenceLevel", verbose_name=_("evidence strength"), on_delete=models.PROTECT
    )
    approaches = ParentalManyToManyField(
        "research.Approach", verbose_name=_("approaches"), blank=True
    )
    themes = ParentalManyToManyField("research.Theme", verbose_name=_("themes"), blank=True)
    tags = ClusterTaggableManager(
        verbose_name=_("keywords"),
        help_text=_("Free keywords, separated by commas."),
        through=ResearchPageTag,
        blank=True,
    )
    region = models.CharField(
        _("region or geographic scope"),
        max_length=120,
        blank=True,
        help_text=_("For example: Montréal, Ville de Québec, Ottawa, Québec (province)."),
    )
    summary = models.TextField(_("summary"))
    other_language_summary = models.TextField(
        _("summary in the other language"),
        blank=True,
        help_text=_(
            "Optional: the summary in English for a study written in French, or in French for a "
            "study written in English. Shown beside the summary and searched with it."
        ),
    )
    key_findings = RichTextField(_("key findings"), blank=True, features=RICH_TEXT_FEATURES)
    recommendations = RichTextField(_("recommendations"), blank=True, features=RICH_TEXT_FEATURES)
    body = StreamField(
        [
            ("heading", CharBlock(label=_("Heading"), form_classname="title")),
            ("paragraph", RichTextBlock(label=_("Paragraph"), features=RICH_TEXT_FEATURES)),
            ("quote", BlockQuoteBlock(label=_("Quote"))),
            ("table", TableBlock(label=_("Table"))),
            ("image", ImageBlock(label=_("Image"))),
        ],
        verbose_name=_("body"),
        blank=True,
    )
    access = models.CharField(
        _("access level"),
        max_length=16,
        choices=AccessLevel.choices,
        default=AccessLevel.PUBLIC,
        db_index=True,
    )
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    doi = models.CharField(
        _("DOI"),
        max_length=200,
        blank=True,
        validators=[
            RegexValidator(r"^10\.\d{4,9}/\S+$", _("Enter a DOI such as 10.1234/abcd.5678."))
        ],
    )
    external_url = models.URLField(_("external URL"), blank=True)
    edition = models.ForeignKey(
        "research.EditionPage",
        verbose_name=_("Rencontre edition"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="research_items",
        help_text=_("The edition of the Rencontre where this research was presented."),
    )
    # Set when a presentation was promoted to this item; the presentation then leaves search.
    promoted_from = models.OneToOneField(
        "research.PresentationPage",
        verbose_name=_("promoted from the presentation"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="promoted_item",
    )
    source_id = models.CharField(
        _("import id"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("The stable id of the source this item was imported from."),
    )

    objects = ResearchPageManager()
    base_form_class = ResearchPageForm
    # A study keeps its content language; a summary in the other language is a field of its own.
    translated_in_cms = False
    # A copy is a new item: it must not claim the source's id (unique) of the original.
    exclude_fields_in_copy = ["source_id", "promoted_from"]

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("partners", widget=forms.CheckboxSelectMultiple),
                InlinePanel("authors", label=_("Authors"), heading=_("Authors")),
                FieldRowPanel([FieldPanel("publication_date"), FieldPanel("language")]),
            ],
            heading=_("Publication"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("research_type"), FieldPanel("design"), FieldPanel("evidence")]
                ),
                FieldPanel("approaches", widget=forms.CheckboxSelectMultiple),
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
                FieldPanel("region"),
            ],
            heading=_("Classification"),
        ),
        FieldPanel("summary"),
        FieldPanel("other_language_summary"),
        FieldPanel("key_findings"),
        EVIDENCE_PANEL,
        FieldPanel("recommendations"),
        FieldPanel("body"),
        InlinePanel("files", label=_("Files"), heading=_("Attached files")),
        FileExtractionPanel(),
        InlinePanel("related_links", label=_("Related item"), heading=_("Related research")),
        SimilarStudiesPanel(),
        MultipleChooserPanel(
            "objective_links",
            chooser_field_name="objective",
            label=_("Strategic objective"),
            heading=_("Strategic objectives this research informs"),
        ),
        FieldPanel("edition"),
        MultiFieldPanel(
            [
                FieldPanel("access"),
                FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_email")]),
                FieldRowPanel([FieldPanel("doi"), FieldPanel("external_url")]),
            ],
            heading=_("Access and contact"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("other_language_summary"),
        index.SearchField("key_findings"),
        index.SearchField("region"),
        index.FilterField("access"),
        index.FilterField("language"),
        index.FilterField("publication_date"),
        # Facets and filters of Wagtail's own search (the admin, and the benchmark's peer).
        index.FilterField("organisation"),
        index.FilterField("research_type"),
        index.FilterField("design"),
        index.FilterField("evidence"),
        index.FilterField("themes"),
        index.FilterField("approaches"),
        index.FilterField("tags"),
        index.FilterField("region"),
    ]

    parent_page_types = ["research.ResearchIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("research item")
        verbose_name_plural = _("research items")
        constraints = [
            models.UniqueConstraint(
                fields=["source_id"],
                condition=~models.Q(source_id=""),
                name="research_page_unique_source_id",
            )
        ]
        indexes = [
            # The newest items of one access level, in listing order (latest_published): the
            # home page and the studies index read the first few instead of sorting them all
            # (250 → 5 ms for a visitor at 100,000 items, SQLite).
            models.Index(
                fields=["access", "-publication_date", "-page_ptr"],
                name="research_access_newest",
            )
        ]

    @classmethod
    def can_exist_under(cls, parent) -> bool:
        """Items live under the French index only: a translated index lists the same items."""
        return super().can_exist_under(parent) and (
            parent.locale.language_code == settings.LANGUAGE_CODE
        )

    @property
    def year(self) -> int:
        return self.publication_date.year

    def objective_codes(self) -> list[str]:
        return sorted({link.objective.code for link in self.objective_links.all()})

    @property
    def other_language(self) -> str:
        """The language of `other_language_summary`: the one the study is not written in."""
        return "en" if self.language == ContentLanguage.FRENCH else "fr"

    @property
    def summary_for_reader(self) -> dict[str, str]:
        """The summary in the interface language when the item has one, else in its own."""
        if self.other_language_summary and get_language()[:2] == self.other_language:
            return {"text": self.other_language_summary, "language": self.other_language}
        return {"text": self.summary, "language": self.language}

    def permissions_for_user(self, user):
        return ResearchItemPermissionTester(user, self)

    def get_admin_display_title(self):
        """The live title once published: a retitled draft stays with those who may read it."""
        return self.title if self.live else super().get_admin_display_title()

    def ordered_files(self):
        return [link for link in self.files.all() if link.document_id]

    def serve(self, request, *args, **kwargs):
        """Restricted items: anonymous visitors sign in for community items; others get 404."""
        if not viewer_for(request.user).may_view(self):
            if not request.user.is_authenticated and self.access == AccessLevel.COMMUNITY:
                return redirect_to_login(request.get_full_path(), login_url=reverse("login"))
            raise Http404
        response = super().serve(request, *args, **kwargs)
        if self.access != AccessLevel.PUBLIC:
            patch_cache_control(response, private=True, no_store=True)
        if request.method == "GET" and response.status_code == 200 and not _is_preview(request):
            item_viewed.send(sender=type(self), request=request, item=self)
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        viewer = viewer_for(request.user)
        context["findings"] = self.findings.select_related("outcome", "effect")
        context["practices"] = self.practices.order_by("sort_order")
        context["objectives"] = [
            link.objective for link in self.objective_links.select_related("objective__axis__plan")
        ]
        context["edition"] = self.edition if self.edition and self.edition.live else None
        context["related_items"] = [
            link.item
            for link in self.related_links.select_related("item__organisation")
            if link.item.live and viewer.may_view(link.item)
        ]
        return context


class ResearchAuthor(Orderable):
    page = ParentalKey(
        ResearchPage,
        verbose_name=_("research item"),
        on_delete=models.CASCADE,
        related_name="authors",
    )
    name = models.CharField(_("name"), max_length=200)
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("affiliation")])]

    class Meta(Orderable.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def __str__(self):
        return f"{self.name} ({self.affiliation})" if self.affiliation else self.name


class ResearchFile(Orderable):
    """An attached file, in the order the analyst chose."""

    page = ParentalKey(
        ResearchPage,
        verbose_name=_("research item"),
        on_delete=models.CASCADE,
        related_name="files",
    )
    document = models.ForeignKey(
        "research.ResearchDocument",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="research_links",
    )
    label = models.CharField(
        _("label"), max_length=200, blank=True, help_text=_("Defaults to the document's title.")
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")

    @property
    def display_label(self) -> str:
        return self.label or self.document.title


class RelatedResearch(Orderable):
    page = ParentalKey(
        ResearchPage,
        verbose_name=_("research item"),
        on_delete=models.CASCADE,
        related_name="related_links",
    )
    item = models.ForeignKey(
        ResearchPage,
        verbose_name=_("research item"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("item")]

    class Meta(Orderable.Meta):
        verbose_name = _("related research item")
        verbose_name_plural = _("related research items")


class ResearchObjective(Orderable):
    """A strategic objective that the research item informs."""

    page = ParentalKey(
        ResearchPage,
        verbose_name=_("research item"),
        on_delete=models.CASCADE,
        related_name="objective_links",
    )
    objective = models.ForeignKey(
        "research.StrategicObjective",
        verbose_name=_("strategic objective"),
        on_delete=models.CASCADE,
        related_name="research_links",
    )

    panels = [FieldPanel("objective")]

    class Meta(Orderable.Meta):
        verbose_name = _("strategic objective of the research")
        verbose_name_plural = _("strategic objectives of the research")


def _is_preview(request) -> bool:
    # Wagtail's preview serves the page too; an editor's look is no reading.
    return getattr(request, "is_preview", False)
