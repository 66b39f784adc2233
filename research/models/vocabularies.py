"""Controlled vocabularies: bilingual labels behind stable slugs, edited by administrators."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from portal.localization import in_active_language


class Vocabulary(index.Indexed, models.Model):
    slug = models.SlugField(
        _("slug"),
        max_length=64,
        unique=True,
        help_text=_("Stable identifier used in URLs, the API and imports. Do not change it."),
    )
    label_fr = models.CharField(_("label in French"), max_length=200)
    label_en = models.CharField(_("label in English"), max_length=200)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    panels = [
        FieldPanel("slug"),
        FieldPanel("label_fr"),
        FieldPanel("label_en"),
        FieldPanel("sort_order"),
    ]

    search_fields = [
        index.SearchField("label_fr"),
        index.SearchField("label_en"),
        index.AutocompleteField("label_fr"),
        index.AutocompleteField("label_en"),
        index.FilterField("slug"),
    ]

    class Meta:
        abstract = True
        ordering = ["sort_order", "label_fr"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return in_active_language(self.label_fr, self.label_en)


class ResearchType(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("research type")
        verbose_name_plural = _("research types")


class StudyDesign(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("study design")
        verbose_name_plural = _("study designs")


class EvidenceLevel(Vocabulary):
    """Maryland Scientific Methods Scale levels, plus unrated."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("evidence strength")
        verbose_name_plural = _("evidence strengths")


class Approach(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("approach")
        verbose_name_plural = _("approaches")


class Theme(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class Outcome(Vocabulary):
    """What a study measured: violent crime, trust and legitimacy, use of force, …"""

    class Meta(Vocabulary.Meta):
        verbose_name = _("outcome")
        verbose_name_plural = _("outcomes")


class Effect(Vocabulary):
    """What a study found for one outcome: positive, mixed, no effect, negative, inconclusive."""

    class Meta(Vocabulary.Meta):
        verbose_name = _("effect")
        verbose_name_plural = _("effects")


EMMIE_NOTE_FEATURES = ["bold", "italic", "ol", "ul", "link"]
EMMIE_NOTES = ("mechanism", "context", "implementation", "cost")


class Practice(Vocabulary):
    """An intervention or programme that studies evaluate, with the editors' EMMIE notes.

    EMMIE (Johnson, Tilley and Bowers 2015; the College of Policing's toolkit): besides the
    effect, which findings give, how it works (mechanism), where and for whom (moderators and
    context), what it takes (implementation) and what it costs (economic cost).
    """

    description_fr = RichTextField(_("description (FR)"), blank=True, features=EMMIE_NOTE_FEATURES)
    description_en = RichTextField(_("description (EN)"), blank=True, features=EMMIE_NOTE_FEATURES)
    mechanism_fr = RichTextField(_("mechanism (FR)"), blank=True, features=EMMIE_NOTE_FEATURES)
    mechanism_en = RichTextField(_("mechanism (EN)"), blank=True, features=EMMIE_NOTE_FEATURES)
    context_fr = RichTextField(
        _("moderators and context (FR)"), blank=True, features=EMMIE_NOTE_FEATURES
    )
    context_en = RichTextField(
        _("moderators and context (EN)"), blank=True, features=EMMIE_NOTE_FEATURES
    )
    implementation_fr = RichTextField(
        _("implementation (FR)"), blank=True, features=EMMIE_NOTE_FEATURES
    )
    implementation_en = RichTextField(
        _("implementation (EN)"), blank=True, features=EMMIE_NOTE_FEATURES
    )
    cost_fr = RichTextField(_("economic cost (FR)"), blank=True, features=EMMIE_NOTE_FEATURES)
    cost_en = RichTextField(_("economic cost (EN)"), blank=True, features=EMMIE_NOTE_FEATURES)

    panels = Vocabulary.panels + [
        MultiFieldPanel(
            [FieldPanel("description_fr"), FieldPanel("description_en")],
            heading=_("Description"),
        ),
        MultiFieldPanel(
            [FieldPanel(f"{note}_{language}") for note in EMMIE_NOTES for language in ("fr", "en")],
            heading=_("EMMIE notes"),
            help_text=_(
                "How the practice works, where and for whom, what it takes to implement and what "
                "it costs. Its effect comes from the findings of the studies, never from here."
            ),
        ),
    ]

    class Meta(Vocabulary.Meta):
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    @property
    def description(self) -> str:
        return in_active_language(self.description_fr, self.description_en)

    def notes(self) -> dict[str, str]:
        """Each EMMIE note in the reader's language (the other one when it is missing)."""
        return {
            note: in_active_language(getattr(self, f"{note}_fr"), getattr(self, f"{note}_en"))
            for note in EMMIE_NOTES
        }
