from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """How records leave the portal: citations, feeds, OAI-PMH, sitemap, exports, API schema."""

    name = "exchange"
    verbose_name = _("Exchange")
