"""Deployment checks (`manage.py check --deploy`) for the settings this package reads."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from portal.security.addresses import parse_networks


@register(Tags.security)
def check_trusted_proxies(app_configs, **kwargs):
    try:
        parse_networks(settings.TRUSTED_PROXIES)
    except ValueError as error:
        return [
            Error(
                f"TRUSTED_PROXIES: {error}.",
                hint="Give addresses or networks, comma-separated: 172.16.0.0/12,10.0.0.5",
                id="passerelle.E001",
            )
        ]
    return []


@register(Tags.security, Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    if settings.CACHES["default"]["BACKEND"].endswith("LocMemCache"):
        return [
            Warning(
                "The cache is each process's own memory: every gunicorn process counts the "
                "API rate limit separately.",
                hint="Set REDIS_URL (e.g. redis://redis:6379/1).",
                id="passerelle.W001",
            )
        ]
    return []
