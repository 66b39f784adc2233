"""Settings shared by every environment; each value a deployment may change comes from env."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from portal.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("PASSERELLE_VAR_DIR") or BASE_DIR / "var")

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "portal",
    "research",
    "search",
    "worker",
    "exchange",
    "alerts",
    "readership",
    # Only for its API-token admin (personal tokens, revocable): its API URLs are not routed.
    "wagtail.api.v3",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    # Editors translate editorial pages (home, standard pages) by copying them into English.
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    # First, so it logs the status every other layer settled on.
    "portal.security.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.security.headers.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.localization.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.security.headers.SignedInIsPrivateMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "portal.security.two_step.TwoStepMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Admin views naming a research item the user may not read answer 404 (research.access).
    "research.admin_access.HiddenPagesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]


def database_settings(url: str | None) -> dict:
    """PostgreSQL (or any engine) when DATABASE_URL says so, else SQLite under var/."""
    if url:
        config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
        if config["ENGINE"] == "django.db.backends.postgresql":
            config.setdefault("OPTIONS", {})["connect_timeout"] = env_int("DATABASE_TIMEOUT", 5)
        return config
    # WAL and IMMEDIATE transactions let the web server, the worker and commands write at
    # once; the timeout makes a writer wait for the lock instead of failing.
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "passerelle.sqlite3",
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": database_settings(env_str("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out client before any password is checked.
AUTHENTICATION_BACKENDS = [
    "portal.security.lockout.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Internationalisation: French first, English second.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Not synchronised: the English tree holds only the pages editors translate; research items
# stay in the French tree, which serves both languages (portal.models.InterfaceLanguageUrlMixin).
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT") or VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail
WAGTAIL_SITE_NAME = "Passerelle"
# The portal's address outside a request (tasks, commands, e-mails); within a request, absolute
# URLs use the host it came to (portal.absolute_urls). WAGTAILADMIN_BASE_URL is its older name.
SITE_URL = env_str("SITE_URL") or env_str("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILDOCS_DOCUMENT_MODEL = "research.ResearchDocument"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "pptx", "xlsx", "odt", "html", "htm", "txt", "md"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_MB", 50) * 1024 * 1024
# Checks the type detected from the content too (worker.forms: what extraction can read).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "worker.forms.ResearchDocumentForm"
# Served as attachments except PDF, which browsers show with their own viewer.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
# Avatars are not fetched from a third party: editors' e-mail hashes stay here.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Files are served by a view, so access rules can be checked on every download.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_USER_LOGIN_FORM = "portal.security.admin_login.AdminLoginForm"
# No background autosave in the editor: in Wagtail 8.0 it can insert a new inline child (a
# study's file, a collection's entry) once more on each cycle when the editor keeps working
# while a save is under way (wagtail/wagtail#14568). Editors save drafts themselves and are
# warned before leaving a page with unsaved changes.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# ASCII slugs: URLs that survive e-mail clients and citations (é becomes e).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
TAGGIT_CASE_INSENSITIVE = True

# Search engine behind search.backends.get_search_backend()
SEARCH_BACKEND = env_str("SEARCH_BACKEND", "tantivy")
SEARCH_INDEX_DIR = Path(env_str("SEARCH_INDEX_DIR") or VAR_DIR / "search-index")
# Search by meaning (search.embedding): the class that embeds texts, or "none" for words only.
SEARCH_EMBEDDER = env_str("SEARCH_EMBEDDER", "search.embedding.E5Embedder")
# Answers of the embedded engine's nearest() kept per process and state of its vectors (a
# refined search of the same words reads no vector again); 0 keeps none.
SEARCH_NEAREST_CACHE = env_int("SEARCH_NEAREST_CACHE", 256)
# The cache (CACHES, below) that server processes share for searches; empty: none.
SEARCH_SHARED_CACHE = env_str("SEARCH_SHARED_CACHE", "search")
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX = env_str("ELASTICSEARCH_INDEX", "passerelle")  # the alias searched
ELASTICSEARCH_API_KEY = env_str("ELASTICSEARCH_API_KEY")
ELASTICSEARCH_USERNAME = env_str("ELASTICSEARCH_USERNAME")
ELASTICSEARCH_PASSWORD = env_str("ELASTICSEARCH_PASSWORD")
ELASTICSEARCH_VERIFY_CERTS = env_bool("ELASTICSEARCH_VERIFY_CERTS", True)
ELASTICSEARCH_CA_CERTS = env_str("ELASTICSEARCH_CA_CERTS")
ELASTICSEARCH_TIMEOUT = env_int("ELASTICSEARCH_TIMEOUT", 10)
OPENSEARCH_URL = env_str("OPENSEARCH_URL")
OPENSEARCH_INDEX = env_str("OPENSEARCH_INDEX", "passerelle")  # the alias searched
OPENSEARCH_USERNAME = env_str("OPENSEARCH_USERNAME")
OPENSEARCH_PASSWORD = env_str("OPENSEARCH_PASSWORD")
OPENSEARCH_VERIFY_CERTS = env_bool("OPENSEARCH_VERIFY_CERTS", True)
OPENSEARCH_CA_CERTS = env_str("OPENSEARCH_CA_CERTS")
OPENSEARCH_TIMEOUT = env_int("OPENSEARCH_TIMEOUT", 10)

# Celery, read by worker.celery through the CELERY_ namespace. Without a broker URL the
# worker uses Kombu's filesystem transport under var/: no server to install.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or "filesystem://"
BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "control_folder": str(BROKER_DIR / "control"),
        # Messages taken but not acknowledged yet (worker.broker): back to the queue when the
        # worker that took them is gone.
        "claims_folder": str(BROKER_DIR / "claims"),
        "store_processed": False,
        # The transport polls its folder; Kombu's default second adds up to a second per task.
        "polling_interval": 0.1,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {}
)
if CELERY_BROKER_URL.startswith("filesystem"):
    # Kombu's own filesystem transport lets a worker read a message file still being written.
    CELERY_BROKER_TRANSPORT = "worker.broker:AtomicFilesystemTransport"
CELERY_BROKER_CONNECTION_TIMEOUT = env_int("CELERY_BROKER_CONNECTION_TIMEOUT", 3)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
# Tasks go to a worker; the test settings run them inside the caller (no worker to report).
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Ingest under faults. Extraction runs in a child process killed after EXTRACTION_SECONDS;
# the task's soft limit comes later (it then records a timeout) and the hard limit later
# still (the pool kills the task's process). Prefork: pypdfium2 is not thread-safe and a
# process can be killed and replaced. One message reserved at a time, so a long extraction
# does not hold others back. Idempotent tasks say acks_late and reject_on_worker_lost
# themselves (worker/tasks.py, search/tasks.py): acknowledged only when done, requeued if
# their process dies; the attempts cap ends a file that kills it each time. A process is
# replaced after some tasks to return memory the parsers kept.
EXTRACTION_SECONDS = env_int("EXTRACTION_SECONDS", 120)
EXTRACTION_MAX_ATTEMPTS = env_int("EXTRACTION_MAX_ATTEMPTS", 3)
CELERY_WORKER_POOL = "prefork"
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = EXTRACTION_SECONDS + 60
CELERY_TASK_TIME_LIMIT = EXTRACTION_SECONDS + 120
CELERY_WORKER_MAX_TASKS_PER_CHILD = env_int("CELERY_WORKER_MAX_TASKS_PER_CHILD", 100)
# On a lost broker connection, cancel running tasks: acks_late requeues them anyway.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
# A task waiting out a retry countdown is held unacknowledged by its worker, then runs up to
# the hard limit: the broker redelivers an unacknowledged message only after both (and a
# minute's margin), so a live worker's task is never run twice. Redis counts on it alone; the
# embedded broker gives a dead worker's messages back at once (worker.broker).
TASK_LONGEST_COUNTDOWN_SECONDS = 300
BROKER_VISIBILITY_SECONDS = env_int(
    "CELERY_VISIBILITY_TIMEOUT", TASK_LONGEST_COUNTDOWN_SECONDS + CELERY_TASK_TIME_LIMIT + 60
)
if CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": BROKER_VISIBILITY_SECONDS}
else:
    CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] = BROKER_VISIBILITY_SECONDS
# The reconcile (portal.reconcile: worker's part, then search's): `make run` starts beat too.
INDEX_RECONCILE_SECONDS = env_int("INDEX_RECONCILE_SECONDS", 60)
INDEX_OUTBOX_GRACE_SECONDS = env_int("INDEX_OUTBOX_GRACE_SECONDS", 10)
EXTRACTION_REQUEUE_SECONDS = env_int("EXTRACTION_REQUEUE_SECONDS", 300)
EXTRACTION_STUCK_SECONDS = CELERY_TASK_TIME_LIMIT + 60
# Digests of saved searches (alerts.digests): daily ones start at DIGEST_HOUR in TIME_ZONE,
# weekly ones on DIGEST_WEEKDAY (0 is Monday) at that hour. Beat asks every DIGEST_CHECK_SECONDS,
# so a beat that was down catches up; each saved search gets one digest per period at most.
DIGEST_HOUR = env_int("DIGEST_HOUR", 6)
DIGEST_WEEKDAY = env_int("DIGEST_WEEKDAY", 0)
DIGEST_CHECK_SECONDS = env_int("DIGEST_CHECK_SECONDS", 3600)
DIGEST_ITEMS_PER_SEARCH = env_int("DIGEST_ITEMS_PER_SEARCH", 20)
CELERY_BEAT_SCHEDULE = {
    "reconcile": {
        "task": "portal.tasks.reconcile_task",
        "schedule": float(INDEX_RECONCILE_SECONDS),
        # A reconcile that waited longer than one period is replaced by the next one.
        "options": {"expires": float(INDEX_RECONCILE_SECONDS)},
    },
    "digests": {
        "task": "alerts.tasks.send_digests_task",
        "schedule": float(DIGEST_CHECK_SECONDS),
        "options": {"expires": float(DIGEST_CHECK_SECONDS)},
    },
}
# Reading statistics and unmet searches (readership): counted unless READERSHIP_COUNTING is
# off; each web process writes its batch every READERSHIP_FLUSH_SECONDS (0: only when told),
# through Redis when REDIS_URL is set; beat counts them every READERSHIP_AGGREGATE_SECONDS
# and forgets raw events (30 days) and unmet searches (12 months) every hour.
READERSHIP_COUNTING = env_bool("READERSHIP_COUNTING", True)
READERSHIP_FLUSH_SECONDS = env_int("READERSHIP_FLUSH_SECONDS", 5)
READERSHIP_AGGREGATE_SECONDS = env_int("READERSHIP_AGGREGATE_SECONDS", 60)
READERSHIP_REDIS_URL = env_str("REDIS_URL")
CELERY_BEAT_SCHEDULE |= {
    "readership-aggregate": {
        "task": "readership.tasks.aggregate_readings_task",
        "schedule": float(READERSHIP_AGGREGATE_SECONDS),
        "options": {"expires": float(READERSHIP_AGGREGATE_SECONDS)},
    },
    "readership-purge": {
        "task": "readership.tasks.purge_readings_task",
        "schedule": 3600.0,
        "options": {"expires": 3600.0},
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# One beat at a time: a second one (an orphan, a second `make run`) would run every periodic
# task twice. The scheduler holds a lock beside its schedule file while it runs.
CELERY_BEAT_SCHEDULER = "worker.beat:SingleBeatScheduler"

# /healthz (portal.health). Each worker writes a heartbeat every WORKER_HEARTBEAT_SECONDS; one
# older than HEALTH_WORKER_SECONDS means no worker is turning (dead, paused or hung). Work
# waiting longer than HEALTH_BACKLOG_SECONDS (an index change not applied, a document not
# extracted) means the pipeline is stuck: beyond the reconcile's requeue and the hard limit.
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 10)
HEALTH_WORKER_SECONDS = env_int("HEALTH_WORKER_SECONDS", 60)
HEALTH_BACKLOG_SECONDS = env_int("HEALTH_BACKLOG_SECONDS", 900)

# E-mail (digests of saved searches). The console backend prints messages on standard output;
# production sets EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend and the SMTP server.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Passerelle <noreply@passerelle.example>")

# OAI-PMH (exchange.oai): records per list page, the identifier namespace (default: the host
# name the request came to) and the address harvesters write to.
OAI_PAGE_SIZE = env_int("OAI_PAGE_SIZE", 100)
OAI_REPOSITORY_IDENTIFIER = env_str("OAI_REPOSITORY_IDENTIFIER")
OAI_ADMIN_EMAIL = env_str("OAI_ADMIN_EMAIL", "admin@passerelle.example")

# Logs: one JSON object per line on standard error (LOG_FORMAT=plain for a terminal).
# Requests (passerelle.request), Celery tasks (passerelle.task) and security events
# (passerelle.security) carry their facts as fields; secrets are redacted on the way out.
LOG_FORMAT = env_str("LOG_FORMAT", "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "portal.security.logs.RedactSecrets"}},
    "formatters": {
        "json": {"()": "portal.security.logs.JsonLineFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain" if LOG_FORMAT == "plain" else "json",
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Wagtail's background tasks log every page save at INFO: noise, not news.
        "django_tasks": {"level": "WARNING"},
        # One line per request comes from passerelle.request; Django's own would repeat 4xx.
        "django.request": {"level": "ERROR"},
        # django-axes logs every attempt at INFO; passerelle.security reports what matters.
        "axes": {"level": "WARNING"},
    },
}

# --- Hardening of the HTTP surface (README "Security") -------------------------------------

# The reverse proxies whose X-Forwarded-For is believed: addresses or networks (CIDR). Empty:
# the connecting address is the client. Used by login throttling, the API rate limit, logs
# and the download audit (portal.security.addresses).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Security headers (SecurityMiddleware); HSTS and HTTPS redirection in production only.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp) for the public site: nothing inline, nothing foreign.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The Wagtail admin's relaxation, only under /admin/: Wagtail 8 still writes inline <script>
# elements whose content changes with each form (InlinePanel, MultipleChooserPanel, date and
# time widgets), so neither hashes nor nonces can allow them, and style="" attributes; its
# preview panel frames pages of this site. Every other directive stays as strict.
CONTENT_SECURITY_POLICY_ADMIN_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-ancestors": [SELF],
}

# Login throttling (django-axes): a user name is locked out from one address after
# LOGIN_FAILURE_LIMIT failures, for LOGIN_COOLOFF_MINUTES (counted from the last failure).
# User name AND address: colleagues behind one police network's address are not locked out
# by one person's typing, and nobody can lock a user out from elsewhere.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.security.addresses.request_client_address"
AXES_LOCKOUT_CALLABLE = "portal.security.lockout.lockout_response"

# Two-step verification (django-otp, TOTP) for everyone who may use the Wagtail admin:
# optional, except for administrators (superusers) when this is on (production's default).
TWO_STEP_REQUIRED_FOR_ADMINISTRATORS = env_bool("TWO_STEP_REQUIRED_FOR_ADMINISTRATORS", False)
OTP_TOTP_ISSUER = "Passerelle"
# Seconds to wait after the first wrong code, doubling with each further one.
OTP_TOTP_THROTTLE_FACTOR = 1

# Request sizes. One file per request is what the admin sends (documents and images upload
# one by one); the page editor's StreamFields and inline panels need many fields (Wagtail's
# advice: 10,000) and, for a long study's text, more than Django's 2.5 MiB besides files.
# Files larger than the largest accepted upload stop being written to disk
# (portal.security.uploads), so a huge upload cannot fill it before the form refuses it.
DATA_UPLOAD_MAX_NUMBER_FILES = 10
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "portal.security.uploads.SizeCappedUploadHandler",
]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_BYTES = max(WAGTAILDOCS_MAX_UPLOAD_SIZE, WAGTAILIMAGES_MAX_UPLOAD_SIZE)

# The cache holds the API's rate-limit counters: shared through Redis when REDIS_URL is set
# (production: every gunicorn process counts together), else in each process's memory.
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A Redis that hangs must not hang searches with it (the limit then lets them by).
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # What searches share between the server's processes: a query's vector and the items
    # nearest to it (search.shared), so that page 2 of a search, or the same words asked
    # through another process, neither embed nor scan again. Redis where deployed (its
    # entries expire); otherwise SQLite files beside the index (diskcache), no server needed.
    "search": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "search",
            "TIMEOUT": 900,
            # A search waits this long at most for a Redis that hangs, then goes on without.
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
        if REDIS_URL
        else {
            "BACKEND": "diskcache.DjangoCache",
            "LOCATION": str(Path(env_str("SEARCH_CACHE_DIR") or VAR_DIR / "search-cache")),
            "TIMEOUT": 900,
            "OPTIONS": {"size_limit": 2**27},  # 128 MiB, least recently stored go first
        }
    ),
}
# Searches per client (a token's or session's user, else the address) on /api/v1/search:
# "N/s", "N/m" or "N/h" (django-ratelimit's notation).
SEARCH_API_RATE_LIMIT = env_str("SEARCH_API_RATE_LIMIT", "60/m")
# The same for the search page and the Atom feeds, counted together: people and feed readers,
# often several behind one office address, hence more room than the API.
SEARCH_PAGE_RATE_LIMIT = env_str("SEARCH_PAGE_RATE_LIMIT", "120/m")
# A cache that cannot count lets requests through rather than refusing every search.
# (django-ratelimit's counting is used without its app, whose checks predate Django's own
# Redis cache and refuse the in-memory one that development and tests use.)
RATELIMIT_FAIL_OPEN = True
