"""Settings of the benchmark's web server and stages: production's, on a scratch folder.

Production settings as deployed (DEBUG off), except what a loopback benchmark cannot have:
HTTPS redirects, and the static-file manifest (which needs `collectstatic`).
"""

from portal.env import env_str
from portal.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"handlers": [], "level": env_str("LOG_LEVEL", "WARNING")},
}
# The benchmark is one client asking thousands of times: the API's per-client limit would
# answer 429 after the first minute's allowance.
SEARCH_API_RATE_LIMIT = "100000000/m"
SEARCH_PAGE_RATE_LIMIT = "100000000/m"
# Production requires two-step sign-in for administrators; the benchmark signs nobody in.
TWO_STEP_REQUIRED_FOR_ADMINISTRATORS = False
