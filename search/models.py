"""The outbox: each change that affects the search index, recorded with the change itself."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


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
