"""The site shell: organisations, the home page and standard editorial pages."""

from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.blocks import CharBlock, RichTextBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from portal.localization import in_active_language
from portal.page_paths import path_in_language


class InterfaceLanguageUrlMixin:
    """Pages keep the visitor's interface language; translated trees fall back to the French one.

    Editorial pages (home, standard pages, section indexes) are translated in the CMS: the
    English home page and its translated pages form a second tree, served under /en/ with
    English slugs (/en/studies/). Research items, editions, plans and collections are not
    translated as pages and live in the French tree, which both language prefixes serve:
    - a link to a French page under another interface language goes to the same place in that
      language's tree (portal.page_paths: /fr/etudes/<item>/ → /en/studies/<item>/);
    - routing in a translated tree falls back to the French tree for what was not translated,
      so /en/studies/<item>/ works; a French slug under /en/ (/en/etudes/…) is redirected to
      its English address.
    """

    # False for pages that are never translated (research items): the switcher skips the lookup.
    translated_in_cms = True

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None or parts[2] is None:
            return parts
        site_id, root_url, path = parts
        prefix = path.split("/")[1]
        active = (get_language() or settings.LANGUAGE_CODE)[:2]
        # Only the French tree is served under every prefix; a translated page keeps its own.
        if prefix == settings.LANGUAGE_CODE and prefix != active:
            path = path_in_language(path, active)
        return site_id, root_url, path

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            original = self.default_language_original() if path_components else None
            if original is None:
                raise
            moved = self._address_in_this_tree(path_components)
            if moved is not None:
                # Served by the hook `redirect_to_translated_address` before the page is.
                request.translated_address = moved
                return RouteResult(self)
            return original.specific.route(request, path_components)

    def _address_in_this_tree(self, path_components) -> str | None:
        """Where a path this tree lacks is in it (/en/etudes/ → /en/studies/), None if here."""
        parts = super().get_url_parts()
        if not parts or not parts[2]:
            return None
        remainder = "".join(f"{component}/" for component in path_components)
        here = parts[2] + remainder
        french = path_in_language(parts[2], settings.LANGUAGE_CODE) + remainder
        there = path_in_language(french, self.locale.language_code)
        return there if there != here else None

    def default_language_original(self):
        """The page this one translates, in the default language; None for a French page."""
        if self.locale.language_code == settings.LANGUAGE_CODE:
            return None
        return (
            Page.objects.filter(translation_key=self.translation_key)
            .filter(locale__language_code=settings.LANGUAGE_CODE)
            .first()
        )

    def listed_children_parent(self):
        """The page whose children this one lists: the French page it translates, else itself
        (what lives under a section lives in the French tree only)."""
        return self.default_language_original() or self

    @property
    def text_language(self) -> str:
        """The language the page's own text is written in (its tree's)."""
        return self.locale.language_code


class Organisation(index.Indexed, models.Model):
    """A body that publishes or partners on research: police service, ministry, school, …"""

    class Kind(models.TextChoices):
        POLICE_SERVICE = "police-service", _("Police service")
        MINISTRY = "ministry", _("Ministry")
        SCHOOL = "school", _("School")
        UNIVERSITY = "university", _("University")
        COMMUNITY = "community-organisation", _("Community organisation")

    slug = models.SlugField(_("short name (slug)"), max_length=32, unique=True)
    name_fr = models.CharField(_("name in French"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200)
    acronym_fr = models.CharField(_("acronym in French"), max_length=20, blank=True)
    acronym_en = models.CharField(_("acronym in English"), max_length=20, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)

    panels = [
        FieldPanel("slug"),
        MultiFieldPanel([FieldPanel("name_fr"), FieldPanel("acronym_fr")], heading=_("French")),
        MultiFieldPanel([FieldPanel("name_en"), FieldPanel("acronym_en")], heading=_("English")),
        FieldPanel("kind"),
        FieldPanel("website"),
    ]

    search_fields = [
        index.SearchField("name_fr"),
        index.SearchField("name_en"),
        index.AutocompleteField("name_fr"),
        index.AutocompleteField("name_en"),
        index.FilterField("slug"),
    ]

    class Meta:
        ordering = ["name_fr"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return in_active_language(self.name_fr, self.name_en)

    @property
    def acronym(self) -> str:
        return in_active_language(self.acronym_fr, self.acronym_en) or self.name


class HomePage(InterfaceLanguageUrlMixin, Page):
    """The portal's front page: what Passerelle is and the latest research."""

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "research.ResearchIndexPage",
        "research.EditionIndexPage",
        "research.CollectionIndexPage",
        "research.StrategicPlanIndexPage",
        "portal.StandardPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(InterfaceLanguageUrlMixin, Page):
    """An editorial page: about, terms, contact."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(
        [
            ("heading", CharBlock(label=_("Heading"), form_classname="title")),
            ("paragraph", RichTextBlock(label=_("Paragraph"))),
        ],
        verbose_name=_("body"),
        blank=True,
    )

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["portal.HomePage", "portal.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class Membership(models.Model):
    """A person's membership of an organisation: what restricted research they may see."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    panels = [FieldPanel("user"), FieldPanel("organisation")]

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")
        ]

    def __str__(self):
        return f"{self.user} · {self.organisation.acronym}"


class DownloadRecord(models.Model):
    """The audit trail of restricted file downloads: who took which file, when, from where."""

    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("document"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    document_title = models.CharField(_("document title"), max_length=255)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    username = models.CharField(_("user name"), max_length=150)
    access = models.CharField(_("access level"), max_length=16)
    client_address = models.GenericIPAddressField(_("client address"), null=True)
    downloaded_at = models.DateTimeField(_("downloaded at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("restricted download")
        verbose_name_plural = _("restricted downloads")
        ordering = ["-downloaded_at"]

    def __str__(self):
        return f"{self.username} · {self.document_title} · {self.downloaded_at:%Y-%m-%d %H:%M}"
