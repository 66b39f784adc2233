from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Search")
    default = True

    def ready(self) -> None:
        from search.signals import connect_signal_handlers

        connect_signal_handlers()
