"""Sign-in throttling: guessing stops, a school behind one address keeps signing in."""

import datetime
import os
import sqlite3
import subprocess
import sys
import textwrap

from django.conf import settings
from django.urls import reverse
from django.utils import translation

import pytest
import time_machine

from kb.models import FailureCount
from kb.tests.test_failure_limit import database_url

pytestmark = pytest.mark.django_db
SCHOOL_NAT = "192.0.2.10"  # one public address for a whole school


@pytest.fixture
def staff(django_user_model, locales):
    return {
        name: django_user_model.objects.create_user(name, password=f"demo-{name}-2026")
        for name in ("opettaja", "rehtori", "kuraattori")
    }


def attempt(client, login, password, address=SCHOOL_NAT, lang="fi"):
    with translation.override(lang):
        path = reverse("account_login")
    return client.post(path, {"login": login, "password": password}, REMOTE_ADDR=address)


def right(name):
    return f"demo-{name}-2026"


def guesses_until_throttled(client, login, address=SCHOOL_NAT, most=200):
    for number in range(1, most + 1):
        response = attempt(client, login, f"guess-{number}", address)
        if response.status_code == 429:
            return number
        assert response.status_code == 400
    raise AssertionError("never throttled")


def test_one_client_guessing_is_stopped_with_a_translated_429(client, staff):
    attempts = guesses_until_throttled(client, "opettaja")
    assert attempts == settings.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS + 1
    # Even the right password is refused now: a throttled answer tells nothing.
    response = attempt(client, "opettaja", right("opettaja"))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert "Liian monta epäonnistunutta kirjautumisyritystä" in html
    assert "_auth_user_id" not in client.session
    swedish = attempt(client, "opettaja", "x", lang="sv")
    assert swedish.status_code == 429
    assert "För många misslyckade inloggningsförsök" in swedish.content.decode()


def test_the_rest_of_the_school_behind_the_same_address_signs_in(client, staff, django_user_model):
    guesses_until_throttled(client, "opettaja")
    for name in ("rehtori", "kuraattori"):
        other = type(client)()
        response = attempt(other, name, right(name))
        assert response.status_code == 302, name
    # A teacher at home (another address) signs in to the guessed account as well.
    home = type(client)()
    assert attempt(home, "opettaja", right("opettaja"), address="198.51.100.7").status_code == 302


def test_guessing_from_many_addresses_stops_at_the_account_limit(client, staff, settings):
    limit = settings.LOGIN_FAILURES_PER_ACCOUNT
    for number in range(limit):
        assert attempt(client, "rehtori", "x", address=f"203.0.113.{number}").status_code == 400
    assert attempt(client, "rehtori", "x", address="203.0.113.250").status_code == 429


def test_one_address_trying_many_accounts_stops_at_the_address_limit(client, staff, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 12
    for number in range(12):
        assert attempt(client, f"user{number}", "x").status_code == 400
    assert attempt(client, "user-next", "x").status_code == 429
    # A school's ordinary mistakes never come near the default address limit.
    assert settings.LOGIN_FAILURES_PER_ADDRESS < 100


def test_ipv6_addresses_count_per_64(client, staff):
    prefix = "2001:db8:1234:5678"
    limit = settings.LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS
    for number in range(limit):  # a new address of the same /64 each time
        assert (
            attempt(client, "opettaja", "x", address=f"{prefix}::{number + 1:x}").status_code == 400
        )
    assert attempt(client, "opettaja", "x", address=f"{prefix}:ffff::1").status_code == 429
    # The neighbouring /64 is another network.
    assert attempt(client, "opettaja", "x", address="2001:db8:1234:5679::1").status_code == 400


def test_the_limit_ends_with_its_window(client, staff, settings):
    start = datetime.datetime(2026, 9, 1, 8, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False) as clock:
        guesses_until_throttled(client, "opettaja")
        clock.shift(datetime.timedelta(seconds=settings.LOGIN_FAILURE_WINDOW - 60))
        assert attempt(client, "opettaja", right("opettaja")).status_code == 429
        clock.shift(datetime.timedelta(seconds=61))
        assert attempt(client, "opettaja", right("opettaja")).status_code == 302


COUNTER = textwrap.dedent(
    """
    import pathlib, sys, time
    import django
    django.setup()
    from django.test import RequestFactory
    from identity import throttle

    start = pathlib.Path(sys.argv[1])
    while not start.exists():  # both processes begin together
        time.sleep(0.01)
    request = RequestFactory().post("/fi/kirjaudu/", REMOTE_ADDR="192.0.2.10")
    for _ in range(int(sys.argv[2])):
        throttle.record_failure(request, "opettaja")
    """
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_processes_counting_failures_at_once_lose_none(tmp_path):
    url, path = database_url(tmp_path)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "kb.settings.test"}
    start, each = tmp_path / "start", 40
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", COUNTER, str(start), str(each)],
            cwd=settings.BASE_DIR,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    start.touch()
    for process in processes:
        _out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    if path is None:
        counts = dict(FailureCount.objects.values_list("counter", "failures"))
    else:
        with sqlite3.connect(path) as database:
            counts = dict(database.execute("SELECT counter, failures FROM kb_failurecount"))
    assert counts == {"login-pair": 2 * each, "login-account": 2 * each, "login-address": 2 * each}
