"""Recurrence within school years: rules, term anchors, holidays, breaks, validation."""

import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest
import time_machine

from kb.tests.factories import SchoolBreakFactory, SchoolYearFactory
from yearclock.holidays_fi import is_working_day, next_working_day, public_holidays
from yearclock.models import Task
from yearclock.occurrences import occurrences_for, overdue_occurrences
from yearclock.tests.factories import TaskFactory

pytestmark = pytest.mark.django_db
YEAR = (datetime.date(2026, 8, 1), datetime.date(2027, 7, 31))
NOW = datetime.datetime(2026, 9, 1, 12, tzinfo=ZoneInfo("Europe/Helsinki"))


@pytest.fixture
def school_year(locales):
    with time_machine.travel(NOW, tick=False):
        year = SchoolYearFactory(start_year=2026)
        SchoolBreakFactory(school_year=year)  # autumn break 19.–23.10.2026
        yield year


def dates(task):
    return [item.start for item in occurrences_for([task], *YEAR)]


def test_fixed_date_moves_from_weekend_to_monday(school_year):
    # 15.1.2028 is a Saturday; 15.1.2027 a Friday.
    task = TaskFactory(month=1, day=15)
    assert dates(task) == [datetime.date(2027, 1, 15)]
    moved = TaskFactory(month=5, day=1)  # May Day 2027 is a Saturday and a holiday
    (occurrence,) = occurrences_for([moved], *YEAR)
    assert occurrence.start == datetime.date(2027, 5, 3)
    assert occurrence.original_date == datetime.date(2027, 5, 1)
    assert occurrence.moved
    kept = TaskFactory(month=5, day=1, move_to_working_day=False)
    assert dates(kept) == [datetime.date(2027, 5, 1)]


def test_first_working_day_of_the_autumn_term(school_year):
    task = TaskFactory(rule=Task.Rule.TERM, anchor=Task.Anchor.AUTUMN_TERM_START)
    assert dates(task) == [datetime.date(2026, 8, 12)]


def test_two_weeks_before_the_spring_term_ends_with_a_duration(school_year):
    task = TaskFactory(
        rule=Task.Rule.TERM, anchor=Task.Anchor.SPRING_TERM_END, offset_days=-14, duration_days=5
    )
    (occurrence,) = occurrences_for([task], *YEAR)
    assert occurrence.start == datetime.date(2027, 5, 17)  # 29.5. minus 14 days, a Monday
    assert occurrence.end == datetime.date(2027, 5, 22)  # exclusive
    assert occurrence.deadline == datetime.date(2027, 5, 21)


def test_week_38_and_monthly_first_monday(school_year):
    week = TaskFactory(rule=Task.Rule.WEEK, week=38, weekday=0)
    assert dates(week) == [datetime.date(2026, 9, 14)]
    monthly = TaskFactory(rule=Task.Rule.MONTHLY_WEEKDAY, nth=1, weekday=0)
    found = dates(monthly)
    assert len(found) == 12
    assert all(day.weekday() == 0 and day.day <= 7 for day in found)


def test_within_terms_skips_breaks_and_summer(school_year):
    task = TaskFactory(rule=Task.Rule.RRULE, rrule="FREQ=WEEKLY;BYDAY=TU", within_terms=True)
    found = dates(task)
    assert datetime.date(2026, 10, 20) not in found  # autumn break
    assert datetime.date(2026, 10, 13) in found
    assert all(datetime.date(2026, 8, 12) <= day <= datetime.date(2027, 5, 29) for day in found)
    assert not [
        day for day in found if datetime.date(2026, 12, 20) <= day <= datetime.date(2027, 1, 6)
    ]


def test_timed_occurrences_are_in_helsinki_time(school_year):
    task = TaskFactory(
        rule=Task.Rule.ONCE,
        once_date=datetime.date(2027, 3, 29),
        start_time=datetime.time(9, 0),
        end_time=datetime.time(10, 0),
    )
    (occurrence,) = occurrences_for([task], *YEAR)
    assert occurrence.start.utcoffset() == datetime.timedelta(hours=3)  # summer time
    assert not occurrence.all_day


def test_holidays_have_finnish_and_swedish_names():
    assert public_holidays(2026, "fi")[datetime.date(2026, 12, 6)] == "Itsenäisyyspäivä"
    assert public_holidays(2026, "sv")[datetime.date(2026, 12, 6)] == "Självständighetsdagen"
    assert not is_working_day(datetime.date(2026, 12, 24))
    assert next_working_day(datetime.date(2026, 12, 24)) == datetime.date(2026, 12, 28)


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"month": 2, "day": 30}, "rule"),
        ({"month": None}, "month"),
        ({"rule": Task.Rule.RRULE, "rrule": "FREQ=SECONDLY"}, "rrule"),
        ({"rule": Task.Rule.RRULE, "rrule": "nonsense"}, "rrule"),
        ({"rule": Task.Rule.ONCE}, "once_date"),
        ({"start_time": datetime.time(10), "end_time": datetime.time(9)}, "end_time"),
        ({"reminder_days": "7,x"}, "reminder_days"),
    ],
)
def test_bad_rules_give_translated_errors_and_save_nothing(school_year, fields, field):
    task = TaskFactory.build(**{"rule": Task.Rule.YEARLY_DATE, "month": 1, "day": 15, **fields})
    task.year_clock.organisation.save()
    task.year_clock.save()
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        task.full_clean()
    assert field in error.value.message_dict
    assert Task.objects.count() == 0


def test_rule_without_a_date_in_any_year_says_so_in_finnish(school_year):
    task = TaskFactory.build(month=2, day=30)
    with translation.override("fi"), pytest.raises(ValidationError) as error:
        task.clean()
    assert error.value.message_dict["rule"] == [
        "Tästä säännöstä ei tule yhtään päivää minään lukuvuonna."
    ]


def test_overdue_until_done(school_year):
    task = TaskFactory(month=1, day=15)
    with time_machine.travel(datetime.datetime(2027, 1, 20, 12), tick=False):
        (overdue,) = overdue_occurrences([task])
        assert overdue.is_overdue
        task.owner = None
        from kb.tests.factories import UserFactory

        editor = UserFactory(is_superuser=True)
        overdue.mark_done(editor, "ok")
        assert overdue_occurrences([task]) == []
        (done,) = occurrences_for([task], *YEAR)
        assert done.is_done and not done.is_overdue
        assert done.completion.done_by == editor
