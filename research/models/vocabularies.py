"""Controlled vocabularies: bilingual labels behind stable slugs, edited by administrators."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
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
