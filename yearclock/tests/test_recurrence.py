"""The pure recurrence module: rules and school-year values in, dates out. No database."""

import datetime

from django.utils import translation

import pytest
import time_machine
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import time_limit
from yearclock import recurrence
from yearclock.recurrence import Rule, SchoolYearDates

YEAR = SchoolYearDates(
    start_year=2026,
    autumn_term_start=datetime.date(2026, 8, 12),
    autumn_term_end=datetime.date(2026, 12, 19),
    spring_term_start=datetime.date(2027, 1, 7),
    spring_term_end=datetime.date(2027, 5, 29),
    breaks=((datetime.date(2026, 10, 19), datetime.date(2026, 10, 23)),),
)


def rrule(text, **more):
    return Rule(kind=recurrence.RRULE, rrule=text, **more)


def test_rules_give_dates_within_the_school_year():
    first_mondays = recurrence.dates_in(
        Rule(kind=recurrence.MONTHLY_WEEKDAY, nth=1, weekday=0), YEAR
    )
    assert len(first_mondays) == 12
    assert first_mondays[0] == datetime.date(2026, 8, 3)
    assert all(day.weekday() == 0 and day.day <= 7 for day in first_mondays)
    week = recurrence.dates_in(Rule(kind=recurrence.WEEK, week=38, weekday=0), YEAR)
    assert week == [datetime.date(2026, 9, 14)]
    term = Rule(kind=recurrence.TERM, anchor="spring_term_end", offset_days=-14)
    assert recurrence.dates_in(term, YEAR) == [datetime.date(2027, 5, 15)]
    once_outside = Rule(kind=recurrence.ONCE, once_date=datetime.date(2025, 5, 1))
    assert recurrence.dates_in(once_outside, YEAR) == []


def test_within_terms_drops_breaks_and_holidays():
    tuesdays = recurrence.dates_in(rrule("FREQ=WEEKLY;BYDAY=TU", within_terms=True), YEAR)
    assert datetime.date(2026, 10, 13) in tuesdays
    assert datetime.date(2026, 10, 20) not in tuesdays  # autumn break
    assert datetime.date(2026, 12, 22) not in tuesdays  # Christmas
    assert min(tuesdays) >= YEAR.autumn_term_start and max(tuesdays) <= YEAR.spring_term_end


def test_a_term_rule_in_a_year_without_term_dates_has_no_date():
    bare = SchoolYearDates(start_year=2026)
    assert recurrence.dates_in(Rule(kind=recurrence.TERM, anchor="autumn_term_start"), bare) == []
    start = Rule(kind=recurrence.TERM, anchor="school_year_start", offset_days=3)
    assert recurrence.dates_in(start, bare) == [datetime.date(2026, 8, 4)]


@pytest.mark.parametrize(
    "text, part",
    [
        ("FREQ=YEARLY;INTERVAL=0", "INTERVAL"),
        ("FREQ=DAILY;INTERVAL=-1", "INTERVAL"),
        ("FREQ=MONTHLY;BYDAY=+9MO", "BYDAY"),
        ("FREQ=YEARLY;BYDAY=+60MO", "BYDAY"),
        ("FREQ=WEEKLY;BYDAY=1MO", "BYDAY"),
        ("FREQ=MONTHLY;BYMONTH=13", "BYMONTH"),
        ("FREQ=MONTHLY;BYMONTHDAY=0", "BYMONTHDAY"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY"),
        ("FREQ=YEARLY;BYWEEKNO=54", "BYWEEKNO"),
        ("FREQ=MONTHLY;BYWEEKNO=5", "BYWEEKNO"),
        ("FREQ=YEARLY;BYYEARDAY=367", "BYYEARDAY"),
        ("FREQ=DAILY;COUNT=0", "COUNT"),
        ("FREQ=DAILY;COUNT=5;UNTIL=20270101", "COUNT"),
        ("FREQ=DAILY;UNTIL=99991231", "UNTIL"),
        ("FREQ=DAILY;UNTIL=20270231", "UNTIL"),
        ("FREQ=DAILY;BYHOUR=9", "BYHOUR"),
        ("FREQ=DAILY;BYEASTER=0", "BYEASTER"),
        ("FREQ=DAILY;FREQ=YEARLY", "FREQ"),
        ("FREQ=HOURLY", "FREQ"),
        ("FREQ=SECONDLY;INTERVAL=0", "FREQ"),
        ("BYDAY=MO", "FREQ"),
        ("FREQ=WEEKLY;WKST=XX", "WKST"),
        ("FREQ=MONTHLY;BYSETPOS=1", "BYSETPOS"),
        ("FREQ=MONTHLY;BYDAY=MO;;", "NIMI=arvo"),
        ("FREQ=DAILY;INTERVAL=²", "INTERVAL"),
        ("FREQ=DAILY\nDTSTART:20260101", "FREQ"),
        ("FREQ=DAILY;" + "BYMONTH=1;" * 60, "liian pitkä"),
    ],
)
def test_malformed_rules_are_refused_with_a_reason(text, part):
    with translation.override("fi"):
        problems = recurrence.rrule_problems(text)
    assert problems, text
    assert part in " ".join(problems)
    # A stored rule like this (from before validation) expands to nothing, quickly.
    with time_limit(2):
        assert recurrence.expand(text, YEAR) == []


def test_reasons_are_translated():
    with translation.override("sv"):
        (problem,) = recurrence.rrule_problems("FREQ=YEARLY;INTERVAL=0")
    assert problem == "INTERVAL ska vara ett heltal från 1 till 1000."
    with translation.override("fi"):
        (problem,) = recurrence.rrule_problems("FREQ=YEARLY;INTERVAL=0")
    assert problem == "INTERVAL on kokonaisluku 1–1000."


@pytest.mark.parametrize(
    "text",
    [
        "FREQ=MONTHLY;BYDAY=1MO",
        "RRULE:FREQ=MONTHLY;BYDAY=-1FR",
        "freq=weekly;byday=tu,th;interval=2",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1",
        "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1",
        "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO",
        "FREQ=DAILY;COUNT=3",
        "FREQ=WEEKLY;UNTIL=20270115T000000Z",
    ],
)
def test_well_formed_rules_pass(text):
    assert recurrence.rrule_problems(text) == []
    assert recurrence.errors(rrule(text)) == {}


def test_count_and_until_limit_a_school_year():
    assert recurrence.expand("FREQ=DAILY;COUNT=3", YEAR) == [
        datetime.date(2026, 8, 1),
        datetime.date(2026, 8, 2),
        datetime.date(2026, 8, 3),
    ]
    until = recurrence.expand("FREQ=MONTHLY;UNTIL=20261001", YEAR)
    assert until == [
        datetime.date(2026, 8, 1),
        datetime.date(2026, 9, 1),
        datetime.date(2026, 10, 1),
    ]
    assert recurrence.expand("FREQ=MONTHLY;UNTIL=20250101", YEAR) == []


def test_a_rule_whose_parts_never_meet_is_refused_and_expands_at_once():
    never = "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"  # dateutil alone scans to year 9999: ~3 s
    with translation.override("sv"):
        found = recurrence.errors(rrule(never))
    assert found == {"rule": "Regeln ger inget datum under något läsår."}
    with time_limit(1):
        for start_year in range(2020, 2030):
            assert recurrence.expand(never, SchoolYearDates(start_year=start_year)) == []


def test_validation_does_not_depend_on_today():
    # 29 February falls in the school year 2027–2028, not in 2026–2027.
    leap_day = Rule(kind=recurrence.YEARLY_DATE, month=2, day=29)
    week_53 = Rule(kind=recurrence.WEEK, week=53, weekday=3)
    for moment in ("2027-06-15", "2027-08-15", "2031-01-01"):
        with time_machine.travel(moment, tick=False):
            assert recurrence.errors(leap_day) == {}, moment
            assert recurrence.errors(week_53) == {}, moment
    assert recurrence.expand("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", YEAR) == []


def test_missing_fields_and_unknown_anchors():
    assert set(recurrence.errors(Rule(kind=recurrence.YEARLY_DATE, month=1))) == {"day"}
    assert set(recurrence.errors(Rule(kind=recurrence.TERM, anchor="easter"))) == {"anchor"}
    assert set(recurrence.errors(Rule(kind=recurrence.TERM, anchor="autumn_term_start"))) == set()
    far = Rule(kind=recurrence.TERM, anchor="spring_term_end", offset_days=200)
    assert set(recurrence.errors(far)) == {"rule"}


def test_school_years_outside_the_supported_range_have_no_dates():
    for start_year in (1, 1899, 2200, 9998):
        assert recurrence.expand("FREQ=DAILY", SchoolYearDates(start_year=start_year)) == []


def test_expansions_are_capped():
    daily = recurrence.expand("FREQ=DAILY", YEAR)
    assert len(daily) == 365 <= recurrence.MAX_DATES


def test_twin_years_have_the_same_calendar():
    for start_year in range(recurrence.FIRST_START_YEAR, recurrence.LAST_START_YEAR + 1):
        offset = recurrence.twin_offset(start_year)
        assert offset.days % 7 == 0
        first = datetime.date(start_year, 8, 1)
        leap_day = datetime.date(start_year + 1, 3, 1) - datetime.timedelta(days=1)
        assert (leap_day + offset).day == leap_day.day
        assert (first + offset).year >= 9901


# Rules built from valid parts that meet in some year (dateutil alone would take
# seconds to give up on the others); the bounded expansion must equal dateutil's own.
PARTS = st.fixed_dictionaries(
    {"FREQ": st.sampled_from(["DAILY", "WEEKLY", "MONTHLY", "YEARLY"])},
    optional={
        "INTERVAL": st.integers(1, 5).map(str),
        "BYMONTH": st.lists(st.integers(1, 12), min_size=1, max_size=3),
        "BYMONTHDAY": st.lists(st.integers(1, 28) | st.integers(-28, -1), min_size=1, max_size=3),
        "BYDAY": st.lists(st.sampled_from(recurrence.WEEKDAYS), min_size=1, max_size=3),
        "BYSETPOS": st.sampled_from(["1", "-1"]),
    },
)


def rule_from(parts):
    if parts["FREQ"] == "WEEKLY":
        parts.pop("BYMONTHDAY", None)
    if "BYSETPOS" in parts and not {"BYMONTH", "BYMONTHDAY", "BYDAY"} & set(parts):
        parts.pop("BYSETPOS")
    return ";".join(
        f"{name}={','.join(map(str, value)) if isinstance(value, list) else value}"
        for name, value in parts.items()
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=PARTS, start_year=st.integers(1990, 2100))
def test_bounded_expansion_equals_dateutil(parts, start_year):
    text = rule_from(parts)
    assert recurrence.rrule_problems(text) == []
    year = SchoolYearDates(start_year=start_year)
    start = datetime.datetime.combine(year.start, datetime.time())
    end = datetime.datetime.combine(year.end, datetime.time())
    with time_limit(10):
        expected = [
            moment.date() for moment in rrulestr(text, dtstart=start).between(start, end, inc=True)
        ]
        assert recurrence.expand(text, year) == expected
