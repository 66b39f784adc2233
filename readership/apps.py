from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadershipConfig(AppConfig):
    name = "readership"
    verbose_name = _("Readership")

    def ready(self) -> None:
        from readership.receivers import connect_receivers

        connect_receivers()
