"""What a study found and which practices it evaluates: findings per outcome, EMMIE, flags.

A research item holds these through `EvidenceFields`; practices' verdicts are computed from
them (research.verdicts), never typed by hand.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

EMMIE_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class EvidenceFields(models.Model):
    """A research item's evidence: practices evaluated, EMMIE fields of its own, two flags."""

    practices = ParentalManyToManyField(
        "research.Practice",
        verbose_name=_("practices evaluated"),
        blank=True,
        related_name="research_items",
    )
    mechanism = RichTextField(
        _("mechanism"),
        blank=True,
        features=EMMIE_FEATURES,
        help_text=_("How the intervention is thought to produce its effect."),
    )
    context = RichTextField(
        _("moderators and context"),
        blank=True,
        features=EMMIE_FEATURES,
        help_text=_("Where, when and for whom the effect held, or did not."),
    )
    implementation = RichTextField(
        _("implementation"),
        blank=True,
        features=EMMIE_FEATURES,
        help_text=_("What it took to put in place, and what got in the way."),
    )
    cost = RichTextField(
        _("economic cost"),
        blank=True,
        features=EMMIE_FEATURES,
        help_text=_("What it cost, and what it saved if that was measured."),
    )
    evaluated_locally = models.BooleanField(
        _("evaluated in Québec or Ontario"),
        default=False,
        help_text=_("The intervention was tried and evaluated in Québec or Ontario."),
    )
    independent_evaluation = models.BooleanField(
        _("independent evaluation"),
        default=False,
        help_text=_("Evaluated by a team independent of those who ran the intervention."),
    )

    class Meta:
        abstract = True


class ResearchFinding(Orderable):
    """What the study found for one outcome it measured."""

    page = ParentalKey(
        "research.ResearchPage",
        verbose_name=_("research item"),
        on_delete=models.CASCADE,
        related_name="findings",
    )
    outcome = models.ForeignKey(
        "research.Outcome", verbose_name=_("outcome"), on_delete=models.PROTECT, related_name="+"
    )
    effect = models.ForeignKey(
        "research.Effect", verbose_name=_("effect"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(
        _("note"),
        max_length=255,
        blank=True,
        help_text=_("Optional: the size of the effect, the population, the period."),
    )

    panels = [FieldRowPanel([FieldPanel("outcome"), FieldPanel("effect")]), FieldPanel("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("finding")
        verbose_name_plural = _("findings")

    def __str__(self):
        return f"{self.outcome} → {self.effect}"

    @classmethod
    def in_item_order(cls, rows: models.QuerySet | None = None) -> models.QuerySet:
        """Findings with their outcome and effect, in each item's order (ties by creation)."""
        rows = cls.objects.all() if rows is None else rows
        return rows.select_related("outcome", "effect").order_by("sort_order", "pk")


EVIDENCE_PANEL = MultiFieldPanel(
    [
        InlinePanel("findings", label=_("Finding"), heading=_("Findings per outcome")),
        FieldPanel("practices", widget=forms.CheckboxSelectMultiple),
        FieldRowPanel([FieldPanel("evaluated_locally"), FieldPanel("independent_evaluation")]),
        FieldPanel("mechanism"),
        FieldPanel("context"),
        FieldPanel("implementation"),
        FieldPanel("cost"),
    ],
    heading=_("What the study found (findings, practices, EMMIE)"),
)
