"""The test suite: SQLite in memory unless DATABASE_URL names a server, fast hashing."""

import tempfile
from pathlib import Path

from portal.env import env_str

from .base import *  # noqa: F403
from .base import database_settings

SECRET_KEY = "test-only-not-secret"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
DATABASE_URL = env_str("DATABASE_URL")
DATABASES = {"default": database_settings(DATABASE_URL)}
if not DATABASE_URL:
    DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
_TMP = Path(tempfile.mkdtemp(prefix="passerelle-test-"))
MEDIA_ROOT = _TMP / "media"
SEARCH_INDEX_DIR = _TMP / "search-index"
# Tests that search by meaning install an embedder themselves (tests/search/embedders.py).
SEARCH_EMBEDDER = "none"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or "memory://"
CELERY_BROKER_TRANSPORT_OPTIONS = {}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
STATIC_ROOT = _TMP / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Counters never shared with another run, whatever REDIS_URL the environment sets.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Nothing shared between tests: those of the shared search cache give it their own.
    "search": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
SEARCH_SHARED_CACHE = "search"
# Tests of the rate limit set their own; the rest of the suite must never meet it.
SEARCH_API_RATE_LIMIT = "10000/m"
SEARCH_PAGE_RATE_LIMIT = "10000/m"
# Readership: batches written when a test says so, to the database, never to a shared Redis.
READERSHIP_FLUSH_SECONDS = 0
READERSHIP_REDIS_URL = None
