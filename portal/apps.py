from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from portal import page_paths
        from portal.security import checks  # noqa: F401 (registers the deployment checks)
        from portal.security.lockout import connect_signal_handlers

        connect_signal_handlers()
        page_paths.connect_signal_handlers()
