"""Exports: CSV that round-trips through the import, ICS that parses."""

import csv
import datetime
import io

import pytest
from icalendar import Calendar

from kb.tests.factories import RoleFactory, SchoolYearFactory
from yearclock import imports
from yearclock.models import Task
from yearclock.tests.factories import TaskFactory, YearClockFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(locales):
    SchoolYearFactory(start_year=2026)
    clock = YearClockFactory(slug="rusko")
    rehtori = RoleFactory(slug="rehtori")
    TaskFactory(
        year_clock=clock,
        title="Rahoitus",
        visibility=Task.Visibility.PUBLIC,
        category=Task.Category.FINANCE,
        month=1,
        day=15,
        roles=[rehtori],
    )
    TaskFactory(year_clock=clock, title="Salainen", month=2, day=1)
    TaskFactory(
        year_clock=clock,
        title="Kokous",
        visibility=Task.Visibility.PUBLIC,
        rule=Task.Rule.MONTHLY_WEEKDAY,
        nth=1,
        weekday=0,
        month=None,
        day=None,
    )
    return clock


def test_csv_export_round_trips_and_hides_staff_tasks(client, clock):
    response = client.get("/fi/vuosikello/rusko/export.csv?year=2026")
    assert response.status_code == 200
    result = imports.parse(response.content, "csv")
    assert result.ok, result.problems
    by_title = {row.title_fi: row for row in result.rows}
    assert set(by_title) == {"Rahoitus", "Kokous"}
    assert by_title["Rahoitus"].date == datetime.date(2027, 1, 15)
    assert by_title["Rahoitus"].rule == "FREQ=YEARLY"
    assert by_title["Rahoitus"].roles == ["rehtori"]
    assert by_title["Kokous"].rule == "FREQ=MONTHLY;BYDAY=1MO"


def test_ics_export_parses_with_occurrences(client, clock):
    response = client.get("/fi/vuosikello/rusko/export.ics?year=2026")
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = list(calendar.walk("VEVENT"))
    summaries = [str(event["SUMMARY"]) for event in events]
    assert summaries.count("Rahoitus") == 1 and summaries.count("Kokous") == 12
    assert "Salainen" not in summaries
    funding = next(e for e in events if str(e["SUMMARY"]) == "Rahoitus")
    assert funding.decoded("DTSTART") == datetime.date(2027, 1, 15)
    assert funding.decoded("DTEND") == datetime.date(2027, 1, 16)  # exclusive
    assert len({str(e["UID"]) for e in events}) == len(events)


FORMULAS = ['=HYPERLINK("https://example.org","x")', "+358 40 123", "-7 päivää", "@kaikki"]


def test_csv_export_quotes_formulas_and_imports_them_back(client, clock):
    for number, text in enumerate(FORMULAS):
        TaskFactory(
            year_clock=clock,
            title=text,
            description=f"=1+{number}",
            visibility=Task.Visibility.PUBLIC,
            month=3,
            day=number + 1,
        )
    response = client.get("/fi/vuosikello/rusko/export.csv?year=2026")
    rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    cells = [cell for row in rows for cell in row]
    assert "'" + FORMULAS[0] in cells
    assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@"))]
    result = imports.parse(response.content, "csv")
    assert result.ok, result.problems
    by_title = {row.title_fi: row for row in result.rows}
    assert set(FORMULAS) <= set(by_title)
    assert by_title[FORMULAS[0]].description_fi == "=1+0"
