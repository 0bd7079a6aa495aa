"""Test settings: background work runs inline, hashing is cheap, mail stays in memory."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-not-secret")
os.environ.setdefault("DJANGO_DEBUG", "0")

from kb.settings.base import *  # noqa: E402,F403
from kb.settings.base import Q_CLUSTER  # noqa: E402

DEBUG = False
ALLOWED_HOSTS = ["*"]
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
Q_CLUSTER = {**Q_CLUSTER, "sync": True}
MEDIA_ROOT = tempfile.mkdtemp(prefix="vuosikello-media-")
# WhiteNoise warns about a missing STATIC_ROOT; tests serve static files through the finders.
STATIC_ROOT = tempfile.mkdtemp(prefix="vuosikello-static-")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The page cache is off: a TestCase never commits, so its purges (on commit) never
# run. kb/tests/test_page_cache.py turns it on, with real commits.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
if CACHES["pages"]["BACKEND"].endswith("FileBasedCache") and "PAGE_CACHE_DIR" not in os.environ:  # noqa: F405
    CACHES["pages"]["LOCATION"] = tempfile.mkdtemp(prefix="vuosikello-pages-")  # noqa: F405
REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"

# SQLite tests use a file, not memory, so that a second process (a real server, a
# killed reminder worker) can open the same test database. One file per test run.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.gettempdir(), f"vuosikello-test-{os.getpid()}.sqlite3")
    }
    # The production options (kb.settings.base.SQLITE_OPTIONS: WAL, busy timeout,
    # IMMEDIATE transactions) apply unchanged, so the tests see what a server sees.

# Sessions made by Django's test client (force_login) record no sign-in method, so the
# second-factor rule is off by default here; identity's tests turn it on and prove it
# holds on every path (identity/tests/test_mfa.py), and that it is on by default outside
# debug (test_required_by_default_outside_debug).
MFA_REQUIRED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True  # the live server is http://localhost
