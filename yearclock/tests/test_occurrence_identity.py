"""An occurrence keeps its identity (UID, completion, reminders) when its task is edited;
local times that do not exist or occur twice are read one way."""

import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

import icalendar
import pytest
import time_machine

from kb.tests.factories import SchoolYearFactory, staff_user
from yearclock import ics
from yearclock.models import Completion, Task
from yearclock.occurrences import mark_done, occurrences_for, timed_span, undo_done
from yearclock.tests.factories import TaskFactory, YearClockFactory

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = datetime.datetime(2026, 9, 1, 12, 0, tzinfo=HELSINKI)
pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(locales):
    with time_machine.travel(NOW, tick=False):
        SchoolYearFactory(start_year=2026)
        SchoolYearFactory(start_year=2027)
        yield YearClockFactory(slug="rusko")


def events(client, clock, language="fi"):
    with time_machine.travel(NOW, tick=False):
        url = reverse("yearclock_feeds:public", kwargs={"slug": clock.slug}) + f"?lang={language}"
        response = client.get(url)
    assert response.status_code == 200
    return {
        str(event["UID"]): event
        for event in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    }


@pytest.mark.parametrize(
    "before, after",
    [
        ({"rule": Task.Rule.YEARLY_DATE, "month": 1, "day": 15}, {"day": 22}),
        (
            {"rule": Task.Rule.TERM, "anchor": Task.Anchor.SPRING_TERM_END, "offset_days": -14},
            {"offset_days": -7},
        ),
        (
            {"rule": Task.Rule.MONTHLY_WEEKDAY, "nth": 1, "weekday": 0},
            {"weekday": 2, "start_time": datetime.time(9)},
        ),
        (
            {"rule": Task.Rule.ONCE, "once_date": datetime.date(2027, 7, 20)},
            {"once_date": datetime.date(2027, 8, 20)},
        ),
    ],
)
def test_editing_date_time_or_offset_keeps_uids_and_raises_sequence(client, clock, before, after):
    task = TaskFactory(year_clock=clock, visibility=Task.Visibility.PUBLIC, **before)
    first = events(client, clock)
    assert first
    for name, value in after.items():
        setattr(task, name, value)
    with time_machine.travel(NOW + datetime.timedelta(minutes=5), tick=False):
        task.save()
    second = events(client, clock)
    # Only the window's edge may gain or lose one (Monday -> Wednesday).
    assert len(first.keys() ^ second.keys()) <= 1
    assert len(first.keys() & second.keys()) >= len(first) - 1
    for uid in first.keys() & second.keys():
        assert second[uid]["SEQUENCE"] > first[uid]["SEQUENCE"]
    assert [e["DTSTART"].dt for e in second.values()] != [e["DTSTART"].dt for e in first.values()]


def test_a_completion_stays_with_its_occurrence_when_the_date_moves(clock):
    user = staff_user()
    user.is_superuser = True
    user.save()
    task = TaskFactory(year_clock=clock, rule=Task.Rule.YEARLY_DATE, month=1, day=15)
    with time_machine.travel(NOW, tick=False):
        mark_done(task, datetime.date(2027, 1, 15), user, "Tehty")
        task.day = 22
        task.save()
        (occurrence,) = occurrences_for(
            [task], datetime.date(2027, 1, 1), datetime.date(2027, 1, 31)
        )
    assert occurrence.original_date == datetime.date(2027, 1, 22)
    assert occurrence.is_done and occurrence.completion.note == "Tehty"
    assert Completion.objects.get().occurrence_key == occurrence.key
    with time_machine.travel(NOW, tick=False):
        undo_done(task, datetime.date(2027, 1, 22), user)
    assert not Completion.objects.exists()


def test_deleting_the_finnish_task_removes_it_from_the_finnish_feed(client, clock, locales):
    kept = TaskFactory(year_clock=clock, visibility=Task.Visibility.PUBLIC, title="Pysyy")
    task = TaskFactory(year_clock=clock, visibility=Task.Visibility.PUBLIC, title="Poistuu")
    for source in (kept, task):
        swedish = source.copy_for_translation(locales["sv"])
        swedish.title = f"{source.title} på svenska"
        swedish.save()
    titles = {str(e["SUMMARY"]) for e in events(client, clock).values()}
    assert titles == {"Pysyy", "Poistuu"}
    task.delete()
    for language, expected in (("fi", {"Pysyy"}), ("sv", {"Pysyy på svenska"})):
        titles = {str(e["SUMMARY"]) for e in events(client, clock, language).values()}
        assert titles == expected


# -- local times on the daylight-saving Sundays ----------------------------------------


def test_a_repeated_local_time_is_the_first_and_written_in_utc():
    # 25.10.2026: 04:00 summer time becomes 03:00; 03:30 happens twice.
    start, end = timed_span(datetime.date(2026, 10, 25), datetime.time(3, 30), None)
    assert start.astimezone(datetime.UTC) == datetime.datetime(
        2026, 10, 25, 0, 30, tzinfo=datetime.UTC
    )
    assert end - start == datetime.timedelta(0)  # same wall clock: 03:30 again ...
    assert end.astimezone(datetime.UTC) - start.astimezone(datetime.UTC) == datetime.timedelta(
        hours=1
    )
    assert ics.date_or_time("DTSTART", start) == b"DTSTART:20261025T003000Z\r\n"
    assert ics.date_or_time("DTEND", end) == b"DTEND:20261025T013000Z\r\n"
    ordinary = timed_span(datetime.date(2026, 10, 25), datetime.time(9), None)[0]
    assert ics.date_or_time("DTSTART", ordinary) == (
        b"DTSTART;TZID=Europe/Helsinki:20261025T090000\r\n"
    )


def test_a_local_time_that_does_not_exist_moves_forward_by_the_gap():
    # 28.3.2027: 03:00 normal time becomes 04:00 summer time; 03:30 does not exist.
    start, end = timed_span(datetime.date(2027, 3, 28), datetime.time(3, 30), datetime.time(3, 45))
    assert (start.hour, start.minute, start.utcoffset()) == (4, 30, datetime.timedelta(hours=3))
    assert end - start == datetime.timedelta(minutes=15)
    assert ics.date_or_time("DTSTART", start) == (
        b"DTSTART;TZID=Europe/Helsinki:20270328T043000\r\n"
    )
    span = timed_span(datetime.date(2027, 3, 28), datetime.time(2, 30), datetime.time(4, 30))
    assert span[1].astimezone(datetime.UTC) - span[0].astimezone(datetime.UTC) == (
        datetime.timedelta(hours=1)
    )


def test_vtimezone_onsets_agree_with_zoneinfo_for_decades():
    calendar = icalendar.Calendar.from_ical(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
        + ics.vtimezone("Europe/Helsinki", 2020, 2040)
        + b"END:VCALENDAR\r\n"
    )
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert "COMMENT" not in vtimezone
    rules = {
        (tuple(sub["RRULE"]["BYMONTH"]), tuple(sub["RRULE"]["BYDAY"]))
        for sub in vtimezone.subcomponents
    }
    assert rules == {((3,), ("-1SU",)), ((10,), ("-1SU",))}
    zone = vtimezone.to_tz()
    moment = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    while moment.year < 2040:
        assert moment.astimezone(zone).utcoffset() == moment.astimezone(HELSINKI).utcoffset()
        moment += datetime.timedelta(hours=5)


def test_vtimezone_lists_each_change_when_the_rule_is_irregular():
    body = ics.vtimezone("Europe/Moscow", 2010, 2015).decode()
    assert "RRULE" not in body and "RDATE" not in body
    assert body.count("DTSTART:") == len(ics.transitions(ZoneInfo("Europe/Moscow"), 2010, 2015))
