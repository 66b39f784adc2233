"""What readers did, counted without knowing who they are: readings and unanswered searches.

Raw reading events are kept at most RAW_EVENT_DAYS to drop double-clicks, then only the daily
counts remain. No row holds a user, an address or a user agent: a reading carries a keyed hash
of (address, user agent, item) that changes every day, a search only its words and filters.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.localization import in_active_language


class ReadingKind(models.TextChoices):
    VIEW = "view", _("View")
    DOWNLOAD = "download", pgettext_lazy("what was counted", "Download")


# The reader's side of a count: an organisation's slug, or one of these.
ANONYMOUS = "anonymous"  # signed out
PUBLIC = "public"  # signed in, member of no organisation


class ReadingEvent(models.Model):
    """One page view or file download, as recorded; aggregated into DailyReading."""

    uid = models.CharField(_("identifier"), max_length=32, unique=True)
    occurred_at = models.DateTimeField(_("occurred at"), db_index=True)
    day = models.DateField(_("day"))
    # No foreign key: an event may arrive after its item was deleted; aggregation skips it.
    item_id = models.PositiveIntegerField(_("research item"))
    kind = models.CharField(_("kind"), max_length=16, choices=ReadingKind.choices)
    audience = models.CharField(_("reader"), max_length=40)
    client_key = models.CharField(_("client key"), max_length=32)
    # None until aggregated; False for a repeat within the double-click window.
    counted = models.BooleanField(_("counted"), null=True, default=None)

    class Meta:
        verbose_name = _("reading event")
        verbose_name_plural = _("reading events")
        indexes = [
            models.Index(fields=["counted", "occurred_at"], name="readership_event_pending"),
            models.Index(fields=["client_key", "kind", "occurred_at"], name="readership_event_key"),
        ]

    def __str__(self):
        return f"{self.kind} of item {self.item_id} at {self.occurred_at:%Y-%m-%d %H:%M:%S}"


class DailyReading(models.Model):
    """How many times readers of one audience read one item on one day."""

    day = models.DateField(_("day"))
    item = models.ForeignKey(
        "research.ResearchPage",
        verbose_name=_("research item"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ReadingKind.choices)
    audience = models.CharField(_("reader"), max_length=40)
    count = models.PositiveIntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("daily reading count")
        verbose_name_plural = _("daily reading counts")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "item", "kind", "audience"], name="unique_daily_reading"
            )
        ]
        indexes = [models.Index(fields=["item", "day"], name="readership_daily_item")]

    def __str__(self):
        return f"{self.day} · {self.item_id} · {self.kind} · {self.audience}: {self.count}"


class PendingSearch(models.Model):
    """A search that found at most UNMET_TOTAL items, as recorded; folded into UnmetSearch."""

    uid = models.CharField(_("identifier"), max_length=32, unique=True)
    day = models.DateField(_("day"))
    query = models.CharField(_("query"), max_length=500)
    parameters = models.CharField(_("filters"), max_length=2000)
    language = models.CharField(_("language"), max_length=2)

    class Meta:
        verbose_name = _("pending search")
        verbose_name_plural = _("pending searches")

    def __str__(self):
        return f"{self.day} · {self.language} · {self.query}"


class UnmetSearch(models.Model):
    """How many searches for these words and filters, in one language, found almost nothing."""

    day = models.DateField(_("day"))
    query = models.CharField(_("query"), max_length=500)
    # The filters, as a canonical query string (sorted, without the words): `theme=youth`.
    parameters = models.CharField(_("filters"), max_length=2000, blank=True)
    language = models.CharField(_("language"), max_length=2)
    count = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        verbose_name = _("unmet search")
        verbose_name_plural = _("unmet searches")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "query", "parameters", "language"], name="unique_unmet_search"
            )
        ]
        indexes = [models.Index(fields=["day"], name="readership_unmet_day")]

    def __str__(self):
        return f"{self.day} · {self.language} · {self.query} ({self.count})"


class EvidenceRow(models.TextChoices):
    PRACTICE = "practice", _("Practice")
    OBJECTIVE = "objective", _("Strategic objective")
    THEME = "theme", _("Theme")


class CallForResearch(models.Model):
    """An unmet query the organisers turned into a question for researchers to take up."""

    question_fr = models.CharField(_("question in French"), max_length=300)
    question_en = models.CharField(_("question in English"), max_length=300)
    query = models.CharField(_("query"), max_length=500, blank=True)
    parameters = models.CharField(_("filters"), max_length=2000, blank=True)
    row_kind = models.CharField(
        _("evidence map rows"), max_length=16, choices=EvidenceRow.choices, blank=True
    )
    row_value = models.CharField(
        _("row"),
        max_length=64,
        blank=True,
        help_text=_("The practice or theme slug, or the objective code, of its evidence map row."),
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=64,
        blank=True,
        help_text=_("The slug of the outcome column of the evidence map."),
    )
    created_at = models.DateTimeField(_("marked on"), auto_now_add=True)

    class Meta:
        verbose_name = _("call for research")
        verbose_name_plural = _("calls for research")
        ordering = ["-created_at"]

    def __str__(self):
        return self.question

    @property
    def question(self) -> str:
        return in_active_language(self.question_fr, self.question_en)
