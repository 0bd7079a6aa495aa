"""Fixtures shared by every app's tests: locales, services, the browser."""

import contextlib
import os
import shutil
import signal
import traceback

import pytest

REQUIRE_SERVICES = os.environ.get("REQUIRE_SERVICES") == "1"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def require_service(reason):
    """Skip on a laptop without the service; fail in CI, where REQUIRE_SERVICES=1."""
    if REQUIRE_SERVICES:
        pytest.fail(f"required service missing: {reason}")
    pytest.skip(reason)


@pytest.fixture
def locales(db):
    """The two content locales, Finnish first."""
    from wagtail.models import Locale

    fi, _ = Locale.objects.get_or_create(language_code="fi")
    sv, _ = Locale.objects.get_or_create(language_code="sv")
    return {"fi": fi, "sv": sv}


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """Debian's chromium driven by Playwright; one browser for the whole session."""
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        require_service(f"chromium not found at {CHROMIUM}")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls
    # made by the test itself (fixtures, assertions) are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.db import connections

    from playwright.sync_api import sync_playwright

    serialized = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        # With an event loop running, Django hands out new connection objects;
        # without the migrated data serialized on them, serialized_rollback in
        # later browser tests would silently restore nothing (no root page, groups).
        for alias, contents in serialized.items():
            connections[alias]._test_serialized_contents = contents
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-gpu",
                "--no-first-run",
            ],
        )
        yield instance
        instance.close()


@pytest.fixture
def browser_page(browser, live_server):
    """A fresh browser context (no cookies) per test, with the live server's address.

    The test fails at teardown if the browser refused anything under the site's
    Content Security Policy (Chromium reports each refusal on the console).
    """
    context = browser.new_context(base_url=live_server.url, locale="fi-FI")
    csp_refusals = []

    def note_csp_refusal(message):
        if "Content Security Policy" in message.text:
            csp_refusals.append(f"{message.page.url if message.page else '?'}: {message.text}")

    context.on("console", note_csp_refusal)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
    if csp_refusals:
        pytest.fail("Content Security Policy refusals:\n" + "\n".join(csp_refusals))


# axe-core's default rules plus WCAG 2.2 AA's target size (2.5.8, at least 24 × 24 px),
# which axe ships switched off.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


def axe_violations(page, context=None):
    """axe-core's violations on the current page, one readable line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context, options=AXE_OPTIONS)
    lines = []
    for violation in results.response["violations"]:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        where = f"{page.url}: {violation['id']} ({violation['impact']})"
        lines.append(f"{where}: {violation['help']} at {targets}")
    return lines


def assert_accessible(page, context=None):
    """Run axe-core on the current page and fail with a readable list of violations."""
    violations = axe_violations(page, context)
    if violations:
        pytest.fail(f"axe-core found {len(violations)} violation(s):\n" + "\n".join(violations))


@pytest.fixture
def axe():
    return assert_accessible


@pytest.fixture
def axe_report():
    """For tests that visit many pages: collect every violation, fail once at the end."""
    return axe_violations


@pytest.fixture
def browser_sign_in(live_server):
    """Sign a browser page in as `user`: a session made by Django's test client, as a cookie."""
    from django.conf import settings
    from django.test import Client

    def sign_in(page, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )

    return sign_in


def pytest_collection_modifyitems(config, items):
    # Browser tests need a live server with a real transactional database.
    for item in items:
        if "browser_page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


class TimeLimitExceeded(BaseException):
    """Raised in code that runs too long; a BaseException: `except Exception` cannot hide it."""


@contextlib.contextmanager
def time_limit(seconds):
    """Interrupt the block after `seconds` (wall clock), so a hang fails the test, not the run.

    SIGALRM reaches Python code between bytecodes (dateutil, openpyxl, our loops);
    pytest runs tests in the main thread, where signal handlers live.
    """

    def interrupt(signum, frame):
        raise TimeLimitExceeded(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except TimeLimitExceeded as error:
        # A fresh exception with the innermost frames as text: pytest cannot format
        # a traceback through a frame interrupted mid-line (its line number is None).
        where = "".join(traceback.format_tb(error.__traceback__)[-4:])
        raise TimeLimitExceeded(f"still running after {seconds} s, in:\n{where}") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
