"""The annual Rencontre: editions, their programme of sessions, and the presentations in them.

A presentation is a research item of type `conference-presentation` living under its edition
(multi-table inheritance of `ResearchPage`): it shares the items' page ids, access policy, file
links, extraction pipeline and search documents, so there is one code path for all of them.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from portal.localization import TextInLanguage, text_for_reader
from portal.models import InterfaceLanguageUrlMixin
from research.access import viewer_for
from research.editing import EditionPageForm, PresentationPageForm
from research.models.pages import RICH_TEXT_FEATURES, ResearchPage
from research.models.vocabularies import EvidenceLevel, ResearchType, StudyDesign
from research.panels import FileExtractionPanel
from research.programme import edition_calendar, edition_programme

# Slugs of the vocabulary entries every presentation carries until it is promoted.
PRESENTATION_TYPE = "conference-presentation"
PRESENTATION_DESIGN = "not-applicable"
PRESENTATION_EVIDENCE = "unrated"


class EditionIndexPage(InterfaceLanguageUrlMixin, Page):
    """Lists the editions of the Rencontre, newest first."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["research.EditionPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Rencontre editions index")
        verbose_name_plural = _("Rencontre editions indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        editions = EditionPage.objects.child_of(self.listed_children_parent()).live()
        context["editions"] = editions.order_by("-year")
        return context


class EditionPage(RoutablePageMixin, InterfaceLanguageUrlMixin, Page):
    """One annual Rencontre: theme, dates, venue, description and its programme.

    Not translated as a page: its sessions and presentations are one programme for both
    languages, and research items point to the edition; theme, description and session titles
    have a French and an English field.
    """

    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("One edition per year; search filters presentations by it."),
    )
    theme_fr = models.CharField(_("theme in French"), max_length=255)
    theme_en = models.CharField(_("theme in English"), max_length=255, blank=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    venue = models.CharField(
        _("venue"), max_length=255, help_text=_("For example: École nationale de police, Nicolet.")
    )
    description_fr = RichTextField(
        _("description in French"), blank=True, features=RICH_TEXT_FEATURES
    )
    description_en = RichTextField(
        _("description in English"), blank=True, features=RICH_TEXT_FEATURES
    )

    base_form_class = EditionPageForm

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("year"), FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("venue"),
        MultiFieldPanel([FieldPanel("theme_fr"), FieldPanel("theme_en")], heading=_("Theme")),
        MultiFieldPanel(
            [FieldPanel("description_fr"), FieldPanel("description_en")],
            heading=_("Description"),
        ),
        InlinePanel(
            "sessions",
            label=_("Session"),
            heading=_("Programme: sessions"),
            help_text=_(
                "Add the presentations as pages under this edition and choose their session."
            ),
        ),
    ]

    parent_page_types = ["research.EditionIndexPage"]
    subpage_types = ["research.PresentationPage"]

    class Meta:
        verbose_name = _("Rencontre edition")
        verbose_name_plural = _("Rencontre editions")

    @property
    def theme(self) -> TextInLanguage:
        return text_for_reader(self.theme_fr, self.theme_en)

    @property
    def description(self) -> TextInLanguage:
        return text_for_reader(self.description_fr, self.description_en)

    def ordered_sessions(self):
        """Sessions in time order; parallel sessions keep the organisers' order."""
        return self.sessions.order_by("starts_at", "sort_order", "pk")

    def visible_presentations(self, viewer):
        """This edition's live presentations that `viewer` may see, in the organisers' order."""
        return (
            PresentationPage.objects.child_of(self)
            .live()
            .visible_to(viewer)
            .select_related("organisation")
            .prefetch_related("authors")
            .order_by("path")
        )

    @path("")
    def programme(self, request):
        response = self.render(request)
        # The programme lists only the presentations the viewer may see.
        patch_cache_control(response, private=True)
        return response

    # Wagtail routes page paths made of slug-like segments only, so no ".ics" in the URL: the
    # file name comes from Content-Disposition.
    @path("calendar/", name="calendar")
    def calendar(self, request):
        body = edition_calendar(self, viewer_for(request.user), request)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="rencontre-{self.year}.ics"'
        patch_cache_control(response, private=True)
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["programme"] = edition_programme(self, viewer_for(request.user))
        context["collections"] = self.collections.live().order_by("title")
        return context


class EditionSession(Orderable):
    """A slot of the programme: presentations choose the session they belong to."""

    page = ParentalKey(
        EditionPage, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title in French"), max_length=255)
    title_en = models.CharField(_("title in English"), max_length=255, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=200, blank=True)
    chair = models.CharField(
        _("chair"), max_length=200, blank=True, help_text=_("Name and organisation.")
    )

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("room"), FieldPanel("chair")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    def __str__(self):
        start = timezone.localtime(self.starts_at)
        return f"{start:%Y-%m-%d %H:%M} · {self.localized_title}"

    @property
    def localized_title(self) -> TextInLanguage:
        return text_for_reader(self.title, self.title_en)


class PresentationPage(ResearchPage):
    """A talk at an edition: speakers, summary, slides, video and the research it draws on."""

    session = models.ForeignKey(
        EditionSession,
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="presentations",
    )
    video_url = models.URLField(_("video link"), blank=True)

    base_form_class = PresentationPageForm

    content_panels = Page.content_panels + [
        FieldPanel("session"),
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("language")]),
        InlinePanel(
            "authors",
            label=_("Speaker"),
            heading=_("Speakers"),
            help_text=_("Each speaker's name and organisation."),
        ),
        FieldPanel("summary"),
        InlinePanel("files", label=_("File"), heading=_("Slides")),
        FileExtractionPanel(),
        FieldPanel("video_url"),
        InlinePanel("related_links", label=_("Research item"), heading=_("Linked research")),
        FieldPanel("tags"),
        FieldPanel("access"),
    ]

    parent_page_types = ["research.EditionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("presentation")
        verbose_name_plural = _("presentations")

    def apply_programme_defaults(self, edition: EditionPage | None) -> None:
        """What a presentation takes from its edition and session rather than from the form."""
        if not self.research_type_id:
            self.research_type = ResearchType.objects.get(slug=PRESENTATION_TYPE)
        if not self.design_id:
            self.design = StudyDesign.objects.get(slug=PRESENTATION_DESIGN)
        if not self.evidence_id:
            self.evidence = EvidenceLevel.objects.get(slug=PRESENTATION_EVIDENCE)
        if edition is not None:
            self.edition = edition
        if self.session is not None:
            self.publication_date = timezone.localdate(self.session.starts_at)
        elif edition is not None:
            self.publication_date = edition.start_date

    def full_clean(self, *args, **kwargs):
        # Revisions are cleaned before saving: the derived fields must be filled by then.
        self.apply_programme_defaults(self._tree_edition())
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            self.apply_programme_defaults(self._tree_edition())
        return super().save(*args, **kwargs)

    def _tree_edition(self) -> EditionPage | None:
        if not self.path or self.depth is None:
            return None
        parent = self.get_parent()
        parent = parent.specific if parent is not None else None
        return parent if isinstance(parent, EditionPage) else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        promoted = ResearchPage.objects.filter(promoted_from=self, live=True).first()
        if promoted is not None and viewer_for(request.user).may_view(promoted):
            context["promoted_item"] = promoted
        return context
