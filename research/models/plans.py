"""Strategic plans: an organisation's axes and objectives, each objective with a stable code.

Research items link to objectives (`ResearchObjective`); a plan page shows, per objective, how
many items the viewer may see support it, counted by the search service.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.localization import TextInLanguage, text_for_reader
from portal.models import InterfaceLanguageUrlMixin
from research.models.pages import RICH_TEXT_FEATURES

CODE_HELP = _("Stable identifier used in search filters and links. Do not change it.")


class StrategicPlanIndexPage(InterfaceLanguageUrlMixin, Page):
    """Lists the strategic plans, the most recent period first."""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["research.StrategicPlanPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("strategic plans index")
        verbose_name_plural = _("strategic plans indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        plans = StrategicPlanPage.objects.child_of(self.listed_children_parent()).live()
        plans = plans.select_related("organisation")
        context["plans"] = plans.order_by("-period_end", "title")
        return context


class StrategicPlanPage(InterfaceLanguageUrlMixin, Page):
    """One organisation's plan for a period: axes holding objectives.

    Not translated as a page: research items link to its objectives by their stable codes, so
    there is one plan whose titles and introduction have a French and an English field.
    """

    class AxisKind(models.TextChoices):
        AXIS = "axis", _("Axis")
        PILLAR = "pillar", _("Pillar")
        PRIORITY = "priority", _("Priority")

    code = models.SlugField(_("code"), max_length=64, unique=True, help_text=CODE_HELP)
    title_en = models.CharField(_("title in English"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        "portal.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="strategic_plans",
    )
    period_start = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    period_end = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    axis_kind = models.CharField(
        _("the plan calls its axes"), max_length=16, choices=AxisKind.choices, default="axis"
    )
    introduction_fr = RichTextField(
        _("introduction in French"), blank=True, features=RICH_TEXT_FEATURES
    )
    introduction_en = RichTextField(
        _("introduction in English"), blank=True, features=RICH_TEXT_FEATURES
    )

    content_panels = Page.content_panels + [
        FieldPanel("title_en"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("organisation")]),
        FieldRowPanel(
            [FieldPanel("period_start"), FieldPanel("period_end"), FieldPanel("axis_kind")]
        ),
        MultiFieldPanel(
            [FieldPanel("introduction_fr"), FieldPanel("introduction_en")],
            heading=_("Introduction"),
        ),
        InlinePanel("axes", label=_("Axis"), heading=_("Axes and their objectives")),
    ]

    parent_page_types = ["research.StrategicPlanIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("strategic plan")
        verbose_name_plural = _("strategic plans")

    @property
    def localized_title(self) -> TextInLanguage:
        return text_for_reader(self.title, self.title_en)

    @property
    def introduction(self) -> TextInLanguage:
        return text_for_reader(self.introduction_fr, self.introduction_en)

    @property
    def period(self) -> str:
        if self.period_start == self.period_end:
            return str(self.period_start)
        return f"{self.period_start}\u2013{self.period_end}"

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError(
                {"period_end": _("The last year cannot come before the first year.")}
            )

    def objective_codes(self) -> list[str]:
        objectives = StrategicObjective.objects.filter(axis__plan=self)
        return list(objectives.values_list("code", flat=True))

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # The counts are those of the items this viewer may see.
        patch_cache_control(response, private=True)
        return response


class PlanAxis(Orderable, ClusterableModel):
    """An axis (pillar, priority) of a plan; its objectives are edited inside it."""

    plan = ParentalKey(
        StrategicPlanPage,
        verbose_name=_("strategic plan"),
        on_delete=models.CASCADE,
        related_name="axes",
    )
    code = models.SlugField(_("code"), max_length=64, unique=True, help_text=CODE_HELP)
    title_fr = models.CharField(_("title in French"), max_length=255)
    title_en = models.CharField(_("title in English"), max_length=255, blank=True)

    panels = [
        FieldPanel("code"),
        FieldRowPanel([FieldPanel("title_fr"), FieldPanel("title_en")]),
        InlinePanel("objectives", label=_("Objective"), heading=_("Objectives")),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("axis")
        verbose_name_plural = _("axes")

    def __str__(self):
        return self.title

    @property
    def title(self) -> TextInLanguage:
        return text_for_reader(self.title_fr, self.title_en)


class StrategicObjective(index.Indexed, Orderable):
    """An objective with a stable code (e.g. `spvm-2018-a4-10`), the `objective` search facet."""

    axis = ParentalKey(
        PlanAxis, verbose_name=_("axis"), on_delete=models.CASCADE, related_name="objectives"
    )
    code = models.SlugField(_("code"), max_length=64, unique=True, help_text=CODE_HELP)
    title_fr = models.TextField(_("title in French"))
    title_en = models.TextField(_("title in English"), blank=True)

    panels = [
        FieldPanel("code"),
        FieldRowPanel([FieldPanel("title_fr"), FieldPanel("title_en")]),
    ]

    search_fields = [
        index.SearchField("code"),
        index.SearchField("title_fr"),
        index.SearchField("title_en"),
        index.AutocompleteField("code"),
        index.AutocompleteField("title_fr"),
        index.AutocompleteField("title_en"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("strategic objective")
        verbose_name_plural = _("strategic objectives")

    def __str__(self):
        return f"{self.code} — {self.title}"

    @property
    def title(self) -> TextInLanguage:
        return text_for_reader(self.title_fr, self.title_en)
