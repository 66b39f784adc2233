"""Saved searches, what their digests sent, and when research items became visible to whom."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

FEED_TOKEN_SALT = "alerts.saved-search-feed"  # noqa: S105 (a salt, not a secret)


def new_feed_key() -> str:
    return secrets.token_urlsafe(24)


class Frequency(models.TextChoices):
    NONE = "none", _("No e-mail")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class AlertLanguage(models.TextChoices):
    FRENCH = "fr", _("French")
    ENGLISH = "en", _("English")


class SavedSearch(models.Model):
    """A member's search kept under a name: its parameters, as /api/v1/search reads them."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.CASCADE,
        related_name="saved_searches",
    )
    name = models.CharField(_("name"), max_length=120)
    # {"q": "…", "theme": ["youth", …]}: single parameters as text, repeated ones as lists
    # (alerts.queries normalises and validates them with the search's own interpreter).
    query = models.JSONField(_("search parameters"), default=dict)
    frequency = models.CharField(
        _("e-mail alerts"), max_length=8, choices=Frequency.choices, default=Frequency.NONE
    )
    language = models.CharField(
        _("language of the e-mails"),
        max_length=2,
        choices=AlertLanguage.choices,
        default=AlertLanguage.FRENCH,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_seen_at = models.DateTimeField(_("last opened at"), default=timezone.now)
    # The end of the window the last digest covered: changes after it go in the next one.
    last_digest_at = models.DateTimeField(_("digests cover changes until"), default=timezone.now)
    # The private feed's address is derived from this key and the site's secret: a new key
    # revokes the old address, and the database alone does not give the address away.
    feed_key = models.CharField(_("feed key"), max_length=64, default=new_feed_key)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def feed_token(self) -> str:
        return salted_hmac(FEED_TOKEN_SALT, f"{self.pk}:{self.feed_key}").hexdigest()[:40]

    def feed_token_matches(self, token: str) -> bool:
        return constant_time_compare(self.feed_token, token)

    def revoke_feed(self) -> None:
        """A new feed address; the old one answers 404 from now on."""
        self.feed_key = new_feed_key()
        self.save(update_fields=["feed_key"])

    def change_frequency(self, frequency: str) -> None:
        """Alerts switched on start from now: nothing older arrives as news."""
        if self.frequency == Frequency.NONE and frequency != Frequency.NONE:
            self.last_digest_at = timezone.now()
        self.frequency = frequency


class Digest(models.Model):
    """One saved search's digest for one period (a day or an ISO week): claimed once, ever.

    The unique constraint is what keeps a digest from going out twice when two beats run or a
    worker restarts: whoever inserts the row sends it.
    """

    class Status(models.TextChoices):
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        EMPTY = "empty", _("Nothing new")
        FAILED = "failed", _("Failed")

    saved_search = models.ForeignKey(
        SavedSearch, verbose_name=_("saved search"), on_delete=models.CASCADE, related_name="+"
    )
    period = models.CharField(_("period"), max_length=16)
    window_start = models.DateTimeField(_("changes from"))
    window_end = models.DateTimeField(_("changes until"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    claimed_at = models.DateTimeField(_("claimed at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        constraints = [
            models.UniqueConstraint(fields=["saved_search", "period"], name="one_digest_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.saved_search_id} · {self.period} · {self.status}"


class SentItem(models.Model):
    """A research item a saved search's digest has sent: never sent again for that search."""

    saved_search = models.ForeignKey(
        SavedSearch, verbose_name=_("saved search"), on_delete=models.CASCADE, related_name="+"
    )
    digest = models.ForeignKey(
        Digest, verbose_name=_("digest"), on_delete=models.CASCADE, related_name="items"
    )
    item = models.ForeignKey(
        "research.ResearchPage",
        verbose_name=_("research item"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        verbose_name = _("item sent")
        verbose_name_plural = _("items sent")
        constraints = [
            models.UniqueConstraint(fields=["saved_search", "item"], name="item_sent_once")
        ]

    def __str__(self) -> str:
        return f"{self.saved_search_id} · {self.item_id}"


class AccessChange(models.Model):
    """A research item's visibility before a save changed it (going live or not, its access
    level, its organisation): what makes an item new to a member (alerts.novelty)."""

    item = models.ForeignKey(
        "research.ResearchPage",
        verbose_name=_("research item"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now, db_index=True)
    live_before = models.BooleanField(_("live before"))
    access_before = models.CharField(_("access level before"), max_length=16, blank=True)
    organisation_before = models.CharField(_("organisation before"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("access change")
        verbose_name_plural = _("access changes")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.item_id} · {self.changed_at:%Y-%m-%d %H:%M}"
