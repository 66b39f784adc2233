"""Record each change of a research item's visibility, in the transaction that saves it.

A save that sets `live`, `access` or `organisation` (publishing, unpublishing, an import, a
promotion) is compared with the row as it stood: any difference while the item is or was live
is an `AccessChange`, which tells digests and counts what became visible to whom, and when.
"""

from __future__ import annotations

from django.db.models.signals import post_save, pre_save

from alerts.models import AccessChange
from research.models import PresentationPage, ResearchPage

_VISIBILITY = {"live", "access", "organisation", "organisation_id"}
_BEFORE = "_alerts_visibility_before"
_NEVER_SAVED = (False, "", "")


def _concerns_visibility(update_fields) -> bool:
    return update_fields is None or bool(_VISIBILITY.intersection(update_fields))


def item_saving(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    if raw or not _concerns_visibility(update_fields):
        return
    stored = ResearchPage.objects.current_access([instance.pk]) if instance.pk else {}
    setattr(instance, _BEFORE, stored.get(instance.pk, _NEVER_SAVED))


def item_saved(sender, instance, update_fields=None, raw=False, **kwargs) -> None:
    before = instance.__dict__.pop(_BEFORE, None)
    if raw or before is None:
        return
    live, access, organisation = before
    now = (bool(instance.live), instance.access, instance.organisation.slug)
    if now != before and (live or now[0]):
        AccessChange.objects.create(
            item_id=instance.pk,
            live_before=live,
            access_before=access if live else "",
            organisation_before=organisation if live else "",
        )


def connect_signal_handlers() -> None:
    # Django names the concrete class as the sender: a presentation is a research item too.
    for model in (ResearchPage, PresentationPage):
        name = model._meta.model_name
        pre_save.connect(item_saving, sender=model, dispatch_uid=f"alerts-{name}-saving")
        post_save.connect(item_saved, sender=model, dispatch_uid=f"alerts-{name}-saved")
