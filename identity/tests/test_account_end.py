"""Time-limited accounts (substitutes): after the end date no sign-in, session or feed works."""

import datetime

from django.utils import timezone

import pytest
import time_machine

from kb.models import StaffProfile
from yearclock.models import FeedToken

pytestmark = pytest.mark.django_db
PASSWORD = "demo-sijainen-2026"
LAST_DAY = datetime.date(2026, 10, 16)  # a Friday: the substitution ends


@pytest.fixture
def substitute(django_user_model, locales):
    user = django_user_model.objects.create_user("sijainen", password=PASSWORD)
    profile = StaffProfile.for_user(user)
    profile.valid_until = LAST_DAY
    profile.save()
    return user


def at(day, hour):
    return datetime.datetime.combine(
        day, datetime.time(hour), tzinfo=timezone.get_current_timezone()
    )


def sign_in(client):
    return client.post("/fi/kirjaudu/", {"login": "sijainen", "password": PASSWORD})


def test_a_substitute_works_until_the_end_date_and_not_after(client, substitute):
    token, raw = FeedToken.issue(substitute)
    feed = f"/feeds/personal/{raw}.ics"
    with time_machine.travel(at(LAST_DAY, 15), tick=False) as clock:
        assert sign_in(client).status_code == 302
        assert client.get("/fi/tili/").status_code == 200
        assert client.get(feed).status_code == 200
        clock.move_to(at(LAST_DAY + datetime.timedelta(days=1), 7))
        # The session of yesterday has ended.
        response = client.get("/fi/tili/")
        assert response.status_code == 302 and response["Location"].startswith("/fi/kirjaudu/")
        # Signing in again is refused (allauth's page for an inactive account).
        response = sign_in(client)
        assert response.status_code == 302 and response["Location"] == "/fi/tili/inactive/"
        assert "_auth_user_id" not in client.session
        assert client.get("/fi/tili/").status_code == 302
        # The personal feed address stops working.
        assert client.get(feed).status_code in (404, 410)


def test_accounts_without_an_end_date_go_on(client, django_user_model, locales):
    django_user_model.objects.create_user("sijainen", password=PASSWORD)
    with time_machine.travel(at(LAST_DAY + datetime.timedelta(days=400), 9), tick=False):
        assert sign_in(client).status_code == 302
