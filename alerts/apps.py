from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """Saved searches, follows, e-mail digests and private feeds of what is new."""

    name = "alerts"
    verbose_name = _("Alerts")

    def ready(self) -> None:
        from alerts.signals import connect_signal_handlers

        connect_signal_handlers()
