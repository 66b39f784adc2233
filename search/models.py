"""The outbox of index changes, the bilingual thesaurus that expands queries, and the items'
embeddings."""

import numpy as np
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from search.expansion import MAX_TERM_CHARS, MAX_TERM_WORDS, term_problem


class IndexChange(models.Model):
    """One research item to bring up to date in the index; done once a task has applied it.

    Written in the transaction that changes the item, so a change is never lost when the broker
    or the engine is down: the reconcile dispatches what is still pending.
    """

    # Not a foreign key: the row must outlive a deleted item, whose entry it removes.
    item_id = models.PositiveBigIntegerField(_("research item"), db_index=True)
    change = models.CharField(_("change"), max_length=255)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    done_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        verbose_name = _("index change")
        verbose_name_plural = _("index changes")
        indexes = [models.Index(fields=["done_at", "created_at"], name="indexchange_backlog")]

    def __str__(self) -> str:
        return f"{self.change} (item {self.item_id})"


class ThesaurusConcept(models.Model):
    """One idea of the bilingual policing thesaurus: its terms in French and in English.

    A query naming any of the terms also searches the others (search.expansion), so studies in
    either language are found.
    """

    slug = models.SlugField(
        _("identifier"),
        max_length=80,
        unique=True,
        help_text=_("Stable identifier of the concept, for example racial-profiling."),
    )
    preferred_fr = models.CharField(_("preferred term in French"), max_length=MAX_TERM_CHARS)
    preferred_en = models.CharField(_("preferred term in English"), max_length=MAX_TERM_CHARS)
    synonyms_fr = models.TextField(
        _("French synonyms"),
        blank=True,
        help_text=_("One per line: other words for the same idea, abbreviations included."),
    )
    synonyms_en = models.TextField(
        _("English synonyms"),
        blank=True,
        help_text=_("One per line: other words for the same idea, abbreviations included."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [
        FieldPanel("slug"),
        MultiFieldPanel(
            [FieldPanel("preferred_fr"), FieldPanel("synonyms_fr")], heading=_("French")
        ),
        MultiFieldPanel(
            [FieldPanel("preferred_en"), FieldPanel("synonyms_en")], heading=_("English")
        ),
    ]

    class Meta:
        ordering = ["preferred_fr"]
        verbose_name = _("thesaurus concept")
        verbose_name_plural = _("thesaurus concepts")

    def __str__(self) -> str:
        return f"{self.preferred_fr} / {self.preferred_en}"

    def french_terms(self) -> list[str]:
        return _terms(self.preferred_fr, self.synonyms_fr)

    def english_terms(self) -> list[str]:
        return _terms(self.preferred_en, self.synonyms_en)

    def as_record(self) -> dict:
        """The concept in the shape of the shipped thesaurus file (search/data/thesaurus.json)."""
        return {"slug": self.slug, "fr": self.french_terms(), "en": self.english_terms()}

    def clean(self) -> None:
        errors = {}
        for field in ("preferred_fr", "synonyms_fr", "preferred_en", "synonyms_en"):
            for term in _terms(getattr(self, field)):
                problem = term_problem(term)
                if problem:
                    errors.setdefault(field, []).append(
                        TERM_PROBLEMS[problem] % {"term": term, "words": MAX_TERM_WORDS}
                    )
        if errors:
            raise ValidationError(errors)


TERM_PROBLEMS = {
    "too-long": _("“%(term)s” is too long for a search term."),
    "no-word": _("“%(term)s” has no word to search (only articles, prepositions or signs)."),
    "too-many-words": _("“%(term)s” has more than %(words)d words: no query would name it."),
}


def _terms(*texts: str) -> list[str]:
    """Non-blank lines, in order, each once."""
    lines = (line.strip() for text in texts for line in (text or "").splitlines())
    return list(dict.fromkeys(line for line in lines if line))


class ItemEmbedding(models.Model):
    """An item's passages and their vectors (search.embedding), kept so that an index rebuild
    never embeds again; replaced only when the passages or the model change (content_hash)."""

    item = models.OneToOneField(
        "research.ResearchPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="embedding",
        verbose_name=_("research item"),
    )
    model = models.CharField(_("model"), max_length=100)
    content_hash = models.CharField(_("content hash"), max_length=64)
    passages = models.JSONField(_("passages"), default=list)
    # float32, one row of `dimension` values per passage.
    vectors = models.BinaryField(_("vectors"))
    dimension = models.PositiveIntegerField(_("dimension"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("item embedding")
        verbose_name_plural = _("item embeddings")

    def __str__(self) -> str:
        return f"{self.model} ({len(self.passages)} passages, item {self.item_id})"

    def matrix(self) -> np.ndarray:
        return np.frombuffer(bytes(self.vectors), dtype=np.float32).reshape(-1, self.dimension)
