"""The open API: filters, privacy, bounded ranges and bad parameters."""

import datetime

import pytest
import time_machine

from kb.tests.factories import RoleFactory, SchoolFactory, SchoolYearFactory, staff_user
from yearclock.models import Task
from yearclock.tests.factories import TaskFactory, YearClockFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/occurrences"
YEAR = {"start": "2026-08-01", "end": "2027-07-31"}


@pytest.fixture
def data(locales):
    SchoolYearFactory(start_year=2026)
    clock = YearClockFactory(slug="rusko")
    other_clock = YearClockFactory(slug="kangasala", name="Kangasalan vuosikello")
    rehtori = RoleFactory(slug="rehtori")
    school = SchoolFactory(slug="maunun-koulu", organisation=clock.organisation)
    public = TaskFactory(
        year_clock=clock,
        title="Laitteiden jako",
        visibility=Task.Visibility.PUBLIC,
        category=Task.Category.DEVICES,
        month=8,
        day=20,
        roles=[rehtori],
        schools=[school],
    )
    staff = TaskFactory(year_clock=clock, title="Sopimukset", month=9, day=1)
    elsewhere = TaskFactory(
        year_clock=other_clock, title="Muualla", visibility=Task.Visibility.PUBLIC, month=9, day=2
    )
    return {"public": public, "staff": staff, "elsewhere": elsewhere}


def titles(response):
    assert response.status_code == 200, response.content
    return sorted(item["title"] for item in response.json()["occurrences"])


def test_anonymous_gets_public_occurrences_only(client, data):
    response = client.get(URL, YEAR)
    assert titles(response) == ["Laitteiden jako", "Muualla"]
    item = next(i for i in response.json()["occurrences"] if i["title"] == "Laitteiden jako")
    assert item["start"] == "2026-08-20" and item["end"] == "2026-08-21"
    assert item["roles"][0]["slug"] == "rehtori"
    assert item["url"].endswith(f"/{data['public'].pk}/")
    assert response["Cache-Control"].startswith("public")


def test_signed_in_staff_get_staff_tasks(client, data):
    client.force_login(staff_user(username="maija"))
    assert "Sopimukset" in titles(client.get(URL, YEAR))


def test_filters(client, data):
    assert titles(client.get(URL, {**YEAR, "yearclock": "kangasala"})) == ["Muualla"]
    assert titles(client.get(URL, {**YEAR, "role": "rehtori"})) == ["Laitteiden jako"]
    assert titles(client.get(URL, {**YEAR, "category": "devices"})) == ["Laitteiden jako"]
    # School filter: the school's tasks plus tasks for every school.
    assert titles(client.get(URL, {**YEAR, "school": "maunun-koulu"})) == [
        "Laitteiden jako",
        "Muualla",
    ]
    assert titles(client.get(URL, {"start": "2026-09-01", "end": "2026-09-30"})) == ["Muualla"]


@time_machine.travel(datetime.datetime(2026, 10, 1, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_state_flags(client, data):
    item = client.get(URL, {**YEAR, "category": "devices"}).json()["occurrences"][0]
    assert item["overdue"] is True and item["done"] is False


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "start"),
        ({"start": "2026-13-01", "end": "2026-12-01"}, "start"),
        ({"start": "2026-08-01", "end": "yesterday"}, "end"),
        ({"start": "2026-08-01", "end": "2027-12-31"}, "__all__"),
        ({"start": "2026-08-01", "end": "2026-07-01"}, "__all__"),
        ({**YEAR, "category": "nonsense"}, "category"),
        ({**YEAR, "role": "not a slug!"}, "role"),
        # The page's filter form: a slug nobody has is a caller's typo, not "no tasks".
        ({**YEAR, "role": "rehtorii"}, "role"),
        ({**YEAR, "school": "maunun-kolu"}, "school"),
        ({**YEAR, "lang": "de"}, "lang"),
    ],
)
def test_bad_parameters_are_400_with_messages(client, data, params, field):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_errors_in_swedish(client, data):
    response = client.get(URL, {"start": "2026-08-01", "end": "2028-01-01", "lang": "sv"})
    assert "dagar" in response.json()["errors"]["__all__"][0]


def test_unknown_year_clock_is_a_bad_parameter(client, data):
    response = client.get(URL, {**YEAR, "yearclock": "nowhere"})
    assert response.status_code == 400
    assert "yearclock" in response.json()["errors"]


def test_swedish_titles(client, data, locales):
    swedish = data["public"].copy_for_translation(locales["sv"])
    swedish.title = "Utdelning av enheter"
    swedish.save()
    response = client.get(URL, {**YEAR, "lang": "sv", "category": "devices"})
    assert titles(response) == ["Utdelning av enheter"]
    assert "/sv/" in response.json()["occurrences"][0]["url"]
