"""Settings read from the environment, safe by default.

Every external service switches on when its variable is set and falls back to
an embedded default otherwise (see README, "Configuration"):

- DATABASE_URL       PostgreSQL (psycopg2) instead of SQLite in var/db.sqlite3
- ELASTICSEARCH_URL  Elasticsearch 8 instead of the embedded search engine
- EMAIL_HOST         SMTP instead of printing e-mail to the console
- TASK_QUEUE=1       background work goes to django-q2 workers instead of running inline
- MFA_REQUIRED       1 (the default outside debug): whoever can reach /admin/ signs in
                     with a second factor or an organisation's provider (docs/sign-in.md)
"""

import datetime
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY (or DJANGO_DEBUG=1 for local development)."
        )
    SECRET_KEY = "local-development-only-not-secret"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Absolute base for links in e-mails and calendar feeds, e.g. https://vuosikello.rusko.fi
SITE_BASE_URL = os.environ.get("SITE_BASE_URL", "http://localhost:8000").rstrip("/")
# Unset in debug: pages show feed addresses from the request's host (kb.addresses).
SITE_BASE_URL_IS_SET = bool(os.environ.get("SITE_BASE_URL"))
WAGTAILADMIN_BASE_URL = SITE_BASE_URL

# The accessibility statement's last review (Act 306/2019 asks for one every year).
ACCESSIBILITY_STATEMENT_REVIEWED_ON = datetime.date.fromisoformat(
    os.environ.get("ACCESSIBILITY_STATEMENT_REVIEWED_ON", "2026-12-04")
)

INSTALLED_APPS = [
    "kb",
    "guides",
    "yearclock",
    "search",
    "services",
    "identity",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
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
    "django_q",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Sign-in for the site and Wagtail's admin alike (identity, docs/sign-in.md).
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside the security headers, before sessions: a hit costs one cache read.
    "kb.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "identity.middleware.SignInPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "kb.urls"
WSGI_APPLICATION = "kb.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded SQLite database lives here
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
# SQLite under a threaded server (docs/operations.md): writers queue instead of failing
# with "database is locked". WAL lets readers go on while one writer writes;
# IMMEDIATE takes the write lock when a transaction starts, so a reader turned
# writer never deadlocks and waits (up to `timeout` seconds) instead; NORMAL
# synchronisation is durable in WAL mode except for the last commits on a power cut.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Finnish first; the language list is static on purpose (wagtail-localize locales mirror it).
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
# The site frame's catalogue, then Finnish and Swedish for the Wagtail and wagtail-localize
# strings their own catalogues lack (kb/admin_locale, written by hand, see its header).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "kb" / "admin_locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# One sign-in for the site and the admin: django-allauth (identity app, docs/sign-in.md).
AUTHENTICATION_BACKENDS = ["identity.backends.AuthenticationBackend"]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"  # a URL name, reversed in the reader's language
# Wagtail's own login form would skip the second factor: /admin/login/ only redirects
# to the site's sign-in (identity.views.admin_login), and passwords are managed there.
WAGTAILADMIN_LOGIN_URL = "/admin/login/"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
ACCOUNT_ADAPTER = "identity.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "identity.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*"]  # signup is closed (adapter)
ACCOUNT_EMAIL_VERIFICATION = "none"  # staff addresses are entered by an administrator
ACCOUNT_SESSION_REMEMBER = False  # shared school computers: the session ends with the browser
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_PREVENT_ENUMERATION = True  # a reset request never tells whether the address exists
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False  # ... and sends nothing to an unknown address
# Sign-in throttling is ours (identity.throttle, counted in the database so every
# process shares it); allauth's own login limits count in the cache, per process.
ACCOUNT_RATE_LIMITS = {"login": False, "login_failed": False}
# Reset links: single use (Django's token changes with the password), valid one hour.
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", "3600"))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Vuosikello"
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG  # http://localhost in development
MFA_REQUIRED = env_bool("MFA_REQUIRED", not DEBUG)
# Accounts from an organisation's OpenID Connect provider (identity.models.SignInProvider):
# linked by the provider's subject only, never by an e-mail address.
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_EMAIL_REQUIRED = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_OPENID_CONNECT_URL_PREFIX = ""
# Failed sign-ins allowed per window (identity.throttle): per account from one address,
# per account from anywhere, and per address (a whole school may share one).
LOGIN_FAILURE_WINDOW = int(os.environ.get("LOGIN_FAILURE_WINDOW", "900"))
LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS = int(os.environ.get("LOGIN_FAILURES_PER_PAIR", "5"))
LOGIN_FAILURES_PER_ACCOUNT = int(os.environ.get("LOGIN_FAILURES_PER_ACCOUNT", "20"))
LOGIN_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURES_PER_ADDRESS", "100"))
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "kb/password_required.html"  # noqa: S105

# The admin's name for the whole site (its dashboard heading), in the editor's language.
WAGTAIL_SITE_NAME = gettext_lazy("Knowledge base and year clock")
# No outside requests from the admin: Gravatar would receive a hash of each editor's e-mail.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
# Wagtail's own search (admin) stays on its database backend; the public search
# lives in the `search` app with its own Finnish/Swedish analysis.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Search (see search/engines): the embedded engine always, Elasticsearch when configured
# (then it answers, and the embedded engine is the fallback).
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "vuosikello")
SEARCH_ENGINES = {"embedded": {"ENGINE": "search.engines.embedded.for_connection"}}
if ELASTICSEARCH_URL:
    SEARCH_ENGINES["elasticsearch"] = {
        "ENGINE": "search.engines.elasticsearch.ElasticsearchEngine",
        "URL": ELASTICSEARCH_URL,
        "INDEX_PREFIX": SEARCH_INDEX_PREFIX,
    }
SEARCH_DEFAULT_ENGINE = "elasticsearch" if ELASTICSEARCH_URL else "embedded"

# E-mail: SMTP when EMAIL_HOST is set, otherwise printed to the console.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
    EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "20"))
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "vuosikello@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# django-q2: ORM broker by default, so no extra service is needed.
# retry must exceed timeout (PITFALLS.md); catch-up is made harmless by unique
# delivery records, and the scheduler runs in local time so daily jobs do not
# drift at daylight-saving changes.
TASK_QUEUE = env_bool("TASK_QUEUE")
Q_CLUSTER = {
    "name": "vuosikello",
    "orm": "default",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": 300,
    "retry": 600,
    "max_attempts": 5,
    "ack_failures": True,
    "catch_up": False,
    "time_zone": TIME_ZONE,
    "label": "Django Q2",
}

# Rendered calendar feeds are cached per year clock, language and person; Django's
# default of 300 entries would evict them long before they go stale.
CACHE_MAX_ENTRIES = int(os.environ.get("CACHE_MAX_ENTRIES", "20000"))
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "vuosikello",
        "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
    }
}
if os.environ.get("CACHE_LOCATION"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": os.environ["CACHE_LOCATION"],
        "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
    }

# Anonymous readers' pages (kb.page_cache), in a cache every process of the server
# shares: files under var/ by default (one machine), the database cache table
# with CACHE_LOCATION (several machines, or for PostgreSQL deployments). A change
# purges at once, so the lifetime only bounds the space kept for pages nobody asks.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "3600"))
PAGE_CACHE_ALIAS = "pages"
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": os.environ.get("PAGE_CACHE_DIR", str(VAR_DIR / "page-cache")),
    "OPTIONS": {"MAX_ENTRIES": CACHE_MAX_ENTRIES},
}
if os.environ.get("CACHE_LOCATION"):
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}
# Paths answered fresh every time: the admin, feeds (their own cache and ETags),
# files (streamed through the visibility rule), the health check.
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/feeds/", "/documents/", "/media/", "/static/", "/healthz"]
# Writes that show on no page and would only empty the cache: sessions, queues,
# logs, deliveries, counters, feed tokens (touched on every fetch), drafts' revisions.
PAGE_CACHE_IGNORED_MODELS = [
    "sessions",
    "contenttypes",
    "admin",
    "django_q",
    "auth.permission",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.pagesubscription",
    "wagtailcore.taskstate",
    "wagtailcore.workflowstate",
    "wagtailsearch.indexentry",
    "kb.failurecount",
    "yearclock.feedtoken",
    "yearclock.feedversion",
    "yearclock.reminderdelivery",
    "services.emaildelivery",
]

# Each process keeps the feeds it served last in memory (keyed by database
# versions, so never stale), up to this many bytes.
FEED_MEMO_BYTES = int(os.environ.get("FEED_MEMO_BYTES", str(64 * 2**20)))

# The service register e-mails a service's responsible person when its data-processing
# agreement ends or its impact assessment is due for review within this many days.
SERVICE_REMINDER_WINDOW_DAYS = int(os.environ.get("SERVICE_REMINDER_WINDOW_DAYS", "60"))

# Personal calendar feeds are capability URLs: an address (IPv6: its /64) that
# asks for this many unknown, revoked or malformed tokens within the window gets
# 429 for every token until the window ends (kb.security.FailureLimit). Counts
# live in the cache: per process with the default cache, shared with CACHE_LOCATION.
FEED_TOKEN_FAILURE_LIMIT = int(os.environ.get("FEED_TOKEN_FAILURE_LIMIT", "20"))
FEED_TOKEN_FAILURE_WINDOW = int(os.environ.get("FEED_TOKEN_FAILURE_WINDOW", "600"))
# The client's address is REMOTE_ADDR. Behind a reverse proxy, name the header the
# proxy sets (e.g. X-Forwarded-For; its last entry is used), and only if the
# application cannot be reached except through that proxy: clients can forge it.
CLIENT_ADDRESS_HEADER = os.environ.get("DJANGO_CLIENT_ADDRESS_HEADER", "")

CSRF_FAILURE_VIEW = "kb.errors.csrf_failure"  # a 403 in the site frame, translated

SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Content Security Policy (django-csp 4): the public site loads scripts, styles,
# images and fonts from its own origin only, with no inline script or style.
# Wagtail's admin and the wagtail-localize editor (both under /admin/) depend on
# inline scripts and styles, so they go without this header (django-csp matches
# the prefix against request.path_info); they keep the other headers above.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
if not DEBUG:
    # Behind a TLS-terminating proxy that sets X-Forwarded-Proto (and strips it from
    # clients); the proxy may redirect http to https itself: DJANGO_SECURE_SSL_REDIRECT=0.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    if not SECURE_SSL_REDIRECT:
        # W008 asks for the redirect, which the proxy does in this set-up
        # (docs/deployment.md); every other deployment check still applies.
        SILENCED_SYSTEM_CHECKS = ["security.W008"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Logs (docs/operations.md): requests, warnings and errors on stderr. The task
# runners' per-task INFO lines (Wagtail's django_tasks: two per page save; django-q2:
# every scheduled run) drown the requests, so they show from WARNING up;
# LIBRARY_LOG_LEVEL=INFO brings them back when debugging the queue.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LIBRARY_LOG_LEVEL = os.environ.get("LIBRARY_LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": LIBRARY_LOG_LEVEL},
        "django-q": {"level": LIBRARY_LOG_LEVEL},
    },
}
