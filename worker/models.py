"""What the workers leave in the database for the web processes to read."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """The last moment a worker's main loop was seen turning; /healthz reads the freshest."""

    hostname = models.CharField(_("worker"), max_length=255, primary_key=True)
    seen_at = models.DateTimeField(_("seen at"))

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.hostname} ({self.seen_at:%Y-%m-%d %H:%M:%S})"
