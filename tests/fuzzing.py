"""Property-based fuzzing (Hypothesis): hostile values, a per-request deadline, a case count.

Profiles (FUZZ_PROFILE): `ci` (default) runs a fixed, derandomised set of examples
per test, a couple of minutes per database; `deep` runs 20 times as many, fresh
each run, for local hunting: `FUZZ_PROFILE=deep make test PYTEST_ARGS=tests/test_fuzz*`.
"""

import contextlib
import os
import time
from collections import Counter

from django.contrib.auth import get_user_model
from django.db import transaction

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from conftest import TimeLimitExceeded, time_limit

settings.register_profile(
    "ci",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    print_blob=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
settings.register_profile(
    "deep",
    parent=settings.get_profile("ci"),
    max_examples=500,
    derandomize=False,
)
settings.load_profile(os.environ.get("FUZZ_PROFILE", "ci"))

# A hang must fail the test, not the CI run: every request runs under this limit.
REQUEST_SECONDS = float(os.environ.get("FUZZ_REQUEST_SECONDS", "15"))

CASES = Counter()  # surface -> requests or imports run (printed by tests/conftest.py)
SLOWEST = {}  # surface -> seconds of its slowest case
SERVER_ERRORS = Counter()  # surface -> 5xx answers seen (each fails its test)

# Values that broke things elsewhere: non-ASCII digits, the calendar's ends,
# NUL bytes, rules that loop, formulas, markup, huge and empty strings.
SPECIAL = [
    "",
    " ",
    "0",
    "-1",
    "1",
    "2026",
    "²",
    "٢٠٢٦",
    "１２",
    "9999",
    "10000",
    "99999999999999999999",
    "1e309",
    "NaN",
    "\x00",
    "a\x00b",
    "%00",
    "\r\n",
    "../../etc/passwd",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '=HYPERLINK("http://example.org")',
    "FREQ=YEARLY;INTERVAL=0",
    "FREQ=MONTHLY;BYDAY=+9MO",
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    "9999-12-31",
    "0001-01-01",
    "2026-02-30",
    "2026-08-01",
    "15.1.2027",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ääkköset",
    "x" * 5000,
    "fi",
    "sv",
    "en",
    "public",
    "staff",
    "rusko",
    "rehtori",
    "devices",
    "create",
    "rotate",
    "revoke",
    "preferences",
    "on",
]
TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)
HOSTILE = st.one_of(st.sampled_from(SPECIAL), TEXT)
ASCII = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40)


def query(names):
    """Query parameters: the endpoint's own names (some repeated) and a stranger."""
    known = st.dictionaries(
        st.sampled_from(names), st.lists(HOSTILE, min_size=1, max_size=3), max_size=len(names)
    )
    stranger = st.dictionaries(ASCII.filter(bool), HOSTILE, max_size=1)
    return st.builds(lambda a, b: {**b, **a}, known, stranger)


def form(names):
    """Form fields: one value each (or none), hostile or plausible."""
    return st.dictionaries(st.sampled_from(names), HOSTILE, max_size=len(names))


@contextlib.contextmanager
def rolled_back():
    """Each example starts from the same data: its writes are rolled back after it."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def row_counts():
    """Rows of everything a refused request or import must leave alone."""
    from wagtail.models import Page

    from kb.models import Role, School, SchoolYear, StaffProfile
    from yearclock.models import Completion, FeedToken, ReminderPreference, Task, YearClock

    models = [Task, YearClock, Completion, FeedToken, ReminderPreference, StaffProfile]
    models += [Role, School, SchoolYear, Page, get_user_model()]
    return {model.__name__: model.objects.count() for model in models}


def run_case(surface, call):
    """Run one case under the deadline; count it; fail on a hang with the surface's name."""
    started = time.monotonic()
    try:
        with time_limit(REQUEST_SECONDS):
            result = call()
    except TimeLimitExceeded as error:
        raise AssertionError(f"{surface}: no answer within {REQUEST_SECONDS} s") from error
    CASES[surface] += 1
    SLOWEST[surface] = max(SLOWEST.get(surface, 0), time.monotonic() - started)
    return result


def request(client, surface, method, url, data=None, **extra):
    """One request: never a 5xx, and a refused one (4xx) writes nothing."""
    before = row_counts()
    send = client.post if method == "POST" else client.get
    try:  # the test client re-raises a view's exception: that would have been a 500
        response = run_case(surface, lambda: send(url, data or {}, **extra))
    except Exception:
        SERVER_ERRORS[surface] += 1
        raise
    if response.status_code >= 500:
        SERVER_ERRORS[surface] += 1
    assert response.status_code < 500, (surface, url, data, response.status_code)
    if response.status_code >= 400 and method == "POST":
        assert row_counts() == before, (surface, url, data, response.status_code)
    return response
