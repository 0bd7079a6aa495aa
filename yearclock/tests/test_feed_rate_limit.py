"""Personal feed URLs: an address that keeps guessing tokens gets 429 for its guesses;
valid tokens are always served (one NAT address for a whole school) and never count."""

import datetime
import math
from zoneinfo import ZoneInfo

from django.test import RequestFactory
from django.urls import reverse

import pytest
import time_machine

from kb.models import FailureCount
from kb.security import client_address
from kb.tests.factories import RoleFactory, SchoolYearFactory, staff_user
from yearclock.models import FeedToken

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = datetime.datetime(2026, 9, 1, 12, 3, 20, tzinfo=HELSINKI)
LIMIT, WINDOW = 20, 600

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def limits(settings):
    settings.FEED_TOKEN_FAILURE_LIMIT = LIMIT
    settings.FEED_TOKEN_FAILURE_WINDOW = WINDOW
    settings.CLIENT_ADDRESS_HEADER = ""


@pytest.fixture
def traveller():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def valid_url(locales, traveller):
    SchoolYearFactory(start_year=2026)
    _token, raw = FeedToken.issue(staff_user(roles=[RoleFactory()]))
    return personal_url(raw)


def personal_url(token):
    return reverse("yearclock_feeds:personal", kwargs={"token": token})


def unknown_url(number):
    return personal_url(f"guess-{number:04d}-" + "A" * 30)


def seconds_to_window_end():
    return math.ceil(WINDOW - NOW.timestamp() % WINDOW)


def fail(client, times, **headers):
    for number in range(times):
        assert client.get(unknown_url(number), **headers).status_code == 404


def test_after_the_limit_guesses_get_429_and_valid_tokens_their_feed(client, valid_url):
    fail(client, LIMIT)
    blocked = client.get(unknown_url(999))
    assert blocked.status_code == 429
    assert blocked["Retry-After"] == str(seconds_to_window_end())
    assert blocked["Referrer-Policy"] == "no-referrer"
    assert blocked["Cache-Control"] == "no-store"
    assert blocked.content.decode() == (
        "Liian monta tuntematonta kalenteriosoitetta. Yritä myöhemmin uudelleen."
    )
    assert "Försök igen" in client.get(unknown_url(1) + "?lang=sv").content.decode()
    # The same address (a school's NAT) still gets a valid calendar, every time.
    for _ in range(3):
        served = client.get(valid_url)
        assert served.status_code == 200
        assert served["Content-Type"] == "text/calendar; charset=utf-8"


def test_over_the_limit_nothing_more_is_written(client, valid_url):
    fail(client, LIMIT)
    (row,) = FailureCount.objects.all()
    for number in range(5):
        assert client.get(unknown_url(number)).status_code == 429
    row.refresh_from_db()
    assert row.failures == LIMIT


def test_valid_tokens_never_count(client, valid_url):
    for _ in range(LIMIT * 2):
        assert client.get(valid_url).status_code == 200
    assert client.get(unknown_url(1)).status_code == 404
    assert FailureCount.objects.get().failures == 1


def test_revoked_and_malformed_tokens_count(client, valid_url):
    user = staff_user(roles=[RoleFactory()])
    token, raw = FeedToken.issue(user)
    token.revoke()
    for _ in range(LIMIT // 2):
        assert client.get(personal_url(raw)).status_code == 404
    for number in range(LIMIT - LIMIT // 2):
        assert client.get(personal_url("x" * (200 + number))).status_code == 404
    assert client.get(personal_url(raw)).status_code == 429


def test_the_block_ends_with_the_window(client, valid_url, traveller):
    fail(client, LIMIT)
    assert client.get(unknown_url(1)).status_code == 429
    traveller.shift(datetime.timedelta(seconds=seconds_to_window_end() - 1))
    assert client.get(unknown_url(1)).status_code == 429
    traveller.shift(datetime.timedelta(seconds=1))
    assert client.get(unknown_url(1)).status_code == 404
    # The first failure of a window clears the windows that have ended.
    assert FailureCount.objects.count() == 1


def test_other_addresses_are_not_blocked(client, valid_url):
    fail(client, LIMIT, REMOTE_ADDR="203.0.113.7")
    assert client.get(unknown_url(1), REMOTE_ADDR="203.0.113.7").status_code == 429
    assert client.get(unknown_url(1), REMOTE_ADDR="203.0.113.8").status_code == 404


def test_forwarded_for_is_ignored_unless_a_setting_trusts_it(client, valid_url, settings):
    for number in range(LIMIT):
        forged = {"REMOTE_ADDR": "198.51.100.1", "HTTP_X_FORWARDED_FOR": f"10.0.0.{number}"}
        assert client.get(unknown_url(number), **forged).status_code == 404
    assert client.get(unknown_url(1), REMOTE_ADDR="198.51.100.1").status_code == 429

    settings.CLIENT_ADDRESS_HEADER = "X-Forwarded-For"
    proxy = {"REMOTE_ADDR": "10.1.1.1"}
    fail(client, LIMIT, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9", **proxy)
    blocked = client.get(unknown_url(1), HTTP_X_FORWARDED_FOR="203.0.113.9", **proxy)
    other = client.get(unknown_url(1), HTTP_X_FORWARDED_FOR="203.0.113.9, 203.0.113.10", **proxy)
    assert (blocked.status_code, other.status_code) == (429, 404)


@pytest.mark.parametrize(
    ("remote_addr", "key"),
    [
        ("192.0.2.5", "192.0.2.5"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:bbbb::9", "2001:db8:1:2::/64"),
        ("::ffff:192.0.2.5", "192.0.2.5"),
        ("", "unknown"),
        ("not an address", "unknown"),
    ],
)
def test_client_address_keys(settings, remote_addr, key):
    settings.CLIENT_ADDRESS_HEADER = ""
    request = RequestFactory().get("/", REMOTE_ADDR=remote_addr)
    assert client_address(request) == key


def test_one_ipv6_network_shares_a_count(client, valid_url):
    for number in range(LIMIT):
        address = f"2001:db8:5:6:{number:x}::1"
        assert client.get(unknown_url(number), REMOTE_ADDR=address).status_code == 404
    assert client.get(unknown_url(1), REMOTE_ADDR="2001:db8:5:6:ffff::2").status_code == 429
    assert client.get(unknown_url(1), REMOTE_ADDR="2001:db8:5:7::2").status_code == 404
    assert client.get(valid_url, REMOTE_ADDR="2001:db8:5:6:ffff::2").status_code == 200
