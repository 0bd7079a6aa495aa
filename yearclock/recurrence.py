"""When a rule happens in a school year: pure functions over plain values.

A `Rule` (a task's repeat fields) and a `SchoolYearDates` (the year's bounds, term
dates and breaks) go in, dates come out. No database, no "today": models, forms,
imports and the occurrence lists call this module, and it is unit-tested without
a database (yearclock/tests/test_recurrence.py).

RRULEs are checked part by part against RFC 5545 (`rrule_problems`) and then
built into python-dateutil's `rrule` from the checked values, never from the raw
text, so nothing dateutil would loop on (INTERVAL=0), crash on (BYDAY=+9MO) or
read differently (BYEASTER, COUNT with UNTIL) gets through. Every expansion is
bounded: at most MAX_DATES dates and MAX_SECONDS per school year, and dateutil's
search for a date that never comes is cut short by expanding in a twin year near
9999 with the same calendar (see `twin_offset`).
"""

import calendar
import datetime
import logging
import re
import time
from dataclasses import dataclass, fields, replace
from functools import cache

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dateutil import rrule as du

from kb.models import FIRST_START_YEAR, LAST_START_YEAR, school_year_dates
from kb.row_import import short  # an echo of user text, cut as in every import message

logger = logging.getLogger(__name__)

# Rule kinds: the values of yearclock.models.Task.Rule.
ONCE, YEARLY_DATE, WEEK, MONTHLY_WEEKDAY, TERM, RRULE = (
    "once",
    "yearly_date",
    "week",
    "monthly_weekday",
    "term",
    "rrule",
)
SCHOOL_YEAR_START = "school_year_start"
TERM_ANCHORS = ("autumn_term_start", "autumn_term_end", "spring_term_start", "spring_term_end")
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

MAX_DATES = 400  # per school year; a daily rule gives 366 at most
MAX_SECONDS = 0.5  # per school year; a valid rule takes milliseconds
MAX_RULE_LENGTH = 300  # Task.rrule's max_length


@dataclass(frozen=True)
class Rule:
    """A task's repeat fields (yearclock.models.Task), as plain values."""

    kind: str
    once_date: datetime.date | None = None
    month: int | None = None
    day: int | None = None
    week: int | None = None
    weekday: int = 0
    nth: int | None = None
    anchor: str = ""
    offset_days: int = 0
    rrule: str = ""
    within_terms: bool = False

    @classmethod
    def of(cls, task):
        """The rule of anything with a task's field names (`rule` is the kind)."""
        names = [item.name for item in fields(cls) if item.name != "kind"]
        return cls(kind=task.rule, **{name: getattr(task, name) for name in names})


@dataclass(frozen=True)
class SchoolYearDates:
    """One school year (1.8.–31.7.): term dates and breaks (first, last day), if known."""

    start_year: int
    autumn_term_start: datetime.date | None = None
    autumn_term_end: datetime.date | None = None
    spring_term_start: datetime.date | None = None
    spring_term_end: datetime.date | None = None
    breaks: tuple = ()

    @property
    def start(self):
        return school_year_dates(self.start_year)[0]

    @property
    def end(self):
        return school_year_dates(self.start_year)[1]

    def contains(self, day):
        return self.start <= day <= self.end

    def anchor(self, name):
        if name == SCHOOL_YEAR_START:
            return self.start
        return getattr(self, name) if name in TERM_ANCHORS else None

    def in_term_time(self, day):
        terms = [
            (self.autumn_term_start, self.autumn_term_end),
            (self.spring_term_start, self.spring_term_end),
        ]
        in_term = any(first and last and first <= day <= last for first, last in terms)
        return in_term and not any(first <= day <= last for first, last in self.breaks)


# -- dates --------------------------------------------------------------------------


def rule_text(rule):
    """The RRULE (without DTSTART) for a rule, or None for once and term rules."""
    if rule.kind == YEARLY_DATE:
        return f"FREQ=YEARLY;BYMONTH={rule.month};BYMONTHDAY={rule.day}"
    if rule.kind == WEEK:
        return f"FREQ=YEARLY;BYWEEKNO={rule.week};BYDAY={WEEKDAYS[rule.weekday]};WKST=MO"
    if rule.kind == MONTHLY_WEEKDAY:
        return f"FREQ=MONTHLY;BYDAY={rule.nth}{WEEKDAYS[rule.weekday]}"
    if rule.kind == RRULE:
        text = (rule.rrule or "").strip()
        return text[len("RRULE:") :] if text.upper().startswith("RRULE:") else text
    return None


def dates_in(rule, year):
    """The rule's dates within the school year `year`, before any move to a working day."""
    if rule.kind == ONCE:
        dates = [rule.once_date] if rule.once_date else []
    elif rule.kind == TERM:
        anchor = year.anchor(rule.anchor)
        dates = [anchor + datetime.timedelta(days=rule.offset_days or 0)] if anchor else []
    else:
        dates = expand(rule_text(rule), year)
    dates = [day for day in dates if year.contains(day)]
    if rule.within_terms:
        dates = [day for day in dates if year.in_term_time(day)]
    return dates


def expand(text, year):
    """Dates of the RRULE `text` from 1.8. to 31.7. of `year`; [] for a rule we refuse."""
    if not FIRST_START_YEAR <= year.start_year <= LAST_START_YEAR:
        return []
    try:
        parts = parse_rrule(text)
    except RuleError:
        logger.warning("Refusing to expand the stored rule %r", text)
        return []
    offset = twin_offset(year.start_year)
    start = datetime.datetime.combine(year.start, datetime.time()) + offset
    end = datetime.datetime.combine(year.end, datetime.time()) + offset
    until = parts.pop("until", None)
    if until is not None:
        if until < year.start:
            return []
        if until < year.end:
            parts["until"] = datetime.datetime.combine(until, datetime.time()) + offset
    found = []
    deadline = time.monotonic() + MAX_SECONDS
    try:
        for moment in du.rrule(dtstart=start, **parts):
            if moment > end:
                break
            found.append((moment - offset).date())
            if len(found) >= MAX_DATES or time.monotonic() > deadline:
                logger.warning("Cut the expansion of %r at %d dates", text, len(found))
                break
    except (ValueError, OverflowError):
        pass  # dateutil ran past 31.12.9999 looking for the next date: there is none
    return sorted(set(found))


@cache
def twin_offset(start_year):
    """Days from 1.8. of `start_year` to 1.8. of a year near 9999 with the same calendar.

    dateutil searches forward until it finds a date or passes year 9999, so a rule
    whose parts never meet (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) would scan eight
    millennia, seconds per call. Expanded in a twin school year whose years have
    the same weekdays and leap days as ours, the search ends within 30 years, and
    the dates shift back exactly. Calendars repeat every 28 years between 9901
    and 9999, so a twin always exists.
    """

    def kind(year):
        return datetime.date(year, 1, 1).weekday(), calendar.isleap(year)

    wanted = (kind(start_year), calendar.isleap(start_year + 1))
    for twin in range(9998, 9900, -1):
        if (kind(twin), calendar.isleap(twin + 1)) == wanted:
            return datetime.date(twin, 8, 1) - datetime.date(start_year, 8, 1)
    raise AssertionError(f"no twin year for {start_year}")


# -- RRULE checking -------------------------------------------------------------------


class RuleError(ValueError):
    """A rule we do not expand; `messages` say why, in the active language."""

    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = messages


FREQUENCIES = {"DAILY": du.DAILY, "WEEKLY": du.WEEKLY, "MONTHLY": du.MONTHLY, "YEARLY": du.YEARLY}
NUMBER = re.compile(r"[+-]?[0-9]{1,4}")
BYDAY = re.compile(r"(?P<n>[+-]?[0-9]{1,2})?(?P<day>MO|TU|WE|TH|FR|SA|SU)")
DATE = re.compile(r"(?P<date>[0-9]{8})(T[0-9]{6}Z?)?")
# Part -> (dateutil keyword, lowest, highest, negative allowed, frequencies it may go with).
NUMBER_LISTS = {
    "BYMONTH": ("bymonth", 1, 12, False, {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}),
    "BYMONTHDAY": ("bymonthday", 1, 31, True, {"DAILY", "MONTHLY", "YEARLY"}),
    "BYYEARDAY": ("byyearday", 1, 366, True, {"YEARLY"}),
    "BYWEEKNO": ("byweekno", 1, 53, True, {"YEARLY"}),
    "BYSETPOS": ("bysetpos", 1, 366, True, {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}),
}
TIME_PARTS = {"BYHOUR", "BYMINUTE", "BYSECOND"}
KNOWN_PARTS = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST"} | set(NUMBER_LISTS)
MAX_INTERVAL = MAX_COUNT = 1000


def rrule_problems(text):
    """Translated reasons why `text` is not an RRULE we expand; [] when it is one."""
    try:
        parse_rrule(text)
    except RuleError as error:
        return error.messages
    return []


def parse_rrule(text):
    """dateutil `rrule` keywords (and `until` as a date) for `text`; RuleError otherwise."""
    parts, problems = split_parts(text)
    if problems:
        raise RuleError(problems)
    frequency = parts.get("FREQ", "")
    if frequency not in FREQUENCIES:
        raise RuleError([_("The rule needs FREQ=DAILY, WEEKLY, MONTHLY or YEARLY.")])
    keywords = {"freq": FREQUENCIES[frequency]}
    for name, value in parts.items():
        if name != "FREQ":
            problem = read_part(name, value, frequency, keywords)
            if problem:
                problems.append(problem)
    if "COUNT" in parts and "UNTIL" in parts:
        problems.append(_("Use COUNT or UNTIL, not both."))
    if "BYSETPOS" in parts and not any(
        name.startswith("BY") and name != "BYSETPOS" for name in parts
    ):
        problems.append(_("BYSETPOS needs another BY part to pick from, e.g. BYDAY=MO,TU."))
    if problems:
        raise RuleError(problems)
    return keywords


def split_parts(text):
    """({NAME: value}, problems) of a `NAME=value;…` text."""
    text = (text or "").strip()
    if text.upper().startswith("RRULE:"):
        text = text[len("RRULE:") :]
    if not text:
        return {}, [_("Write a rule, e.g. FREQ=MONTHLY;BYDAY=1MO.")]
    if len(text) > MAX_RULE_LENGTH:
        return {}, [_("The rule is too long (at most %(max)d characters).") % {"max": 300}]
    parts, problems = {}, []
    for piece in text.split(";"):
        name, equals, value = piece.partition("=")
        name, value = name.strip().upper(), value.strip().upper()
        shown = short(piece)
        if not equals or not name or not value:
            problems.append(_("“%(part)s” is not of the form NAME=value.") % {"part": shown})
        elif name in TIME_PARTS:
            problems.append(
                _("%(name)s: the time of day is not part of the rule; set the start time.")
                % {"name": name}
            )
        elif name != "FREQ" and name not in KNOWN_PARTS:
            problems.append(_("Unknown rule part “%(name)s”.") % {"name": short(name)})
        elif name in parts:
            problems.append(_("%(name)s is given twice.") % {"name": name})
        else:
            parts[name] = value
    return parts, problems


def read_part(name, value, frequency, keywords):
    """Put one checked part into `keywords`; returns a translated problem or None."""
    if name in ("INTERVAL", "COUNT"):
        if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= MAX_INTERVAL:
            return _("%(name)s must be a whole number from 1 to %(max)d.") % {
                "name": name,
                "max": MAX_INTERVAL,
            }
        keywords[name.lower()] = int(value)
    elif name == "UNTIL":
        until = read_until(value)
        if until is None:
            return _("UNTIL must be a date from %(first)s to %(last)s, e.g. 20270615.") % {
                "first": FIRST_START_YEAR,
                "last": LAST_START_YEAR + 1,
            }
        keywords["until"] = until
    elif name == "WKST":
        if value not in WEEKDAYS:
            return _("WKST must be one of MO, TU, WE, TH, FR, SA, SU.")
        keywords["wkst"] = WEEKDAYS.index(value)
    elif name == "BYDAY":
        return read_byday(value, frequency, keywords)
    else:
        keyword, low, high, negative, frequencies = NUMBER_LISTS[name]
        if frequency not in frequencies:
            return _("%(name)s cannot be used with FREQ=%(freq)s.") % {
                "name": name,
                "freq": frequency,
            }
        numbers = read_numbers(value, low, high, negative)
        if numbers is None:
            low_text = f"{-high}…{-low}, {low}" if negative else str(low)
            return _("%(name)s takes whole numbers from %(low)s to %(high)d.") % {
                "name": name,
                "low": low_text,
                "high": high,
            }
        keywords[keyword] = numbers
    return None


def read_numbers(value, low, high, negative):
    numbers = []
    for item in value.split(","):
        if not NUMBER.fullmatch(item):
            return None
        number = int(item)
        if not (low <= number <= high or (negative and -high <= number <= -low)):
            return None
        numbers.append(number)
    return sorted(set(numbers))


def read_until(value):
    match = DATE.fullmatch(value)
    if not match:
        return None
    try:
        until = datetime.datetime.strptime(match["date"], "%Y%m%d").date()
    except ValueError:
        return None
    return until if FIRST_START_YEAR <= until.year <= LAST_START_YEAR + 1 else None


def read_byday(value, frequency, keywords):
    """BYDAY=MO,1TU,-1FR: an ordinal only in monthly (±1–5) and yearly (±1–53) rules."""
    highest = {"MONTHLY": 5, "YEARLY": 53}.get(frequency, 0)
    days = []
    for item in value.split(","):
        match = BYDAY.fullmatch(item)
        nth = int(match["n"]) if match and match["n"] else None
        if not match or (nth is not None and not (1 <= abs(nth) <= highest)):
            if highest:
                return _(
                    "BYDAY takes weekdays MO–SU, with an optional number from 1 to %(max)d "
                    "or -1 to -%(max)d before them, e.g. 1MO or -1FR."
                ) % {"max": highest}
            return _("BYDAY takes weekdays MO–SU without numbers when FREQ=%(freq)s.") % {
                "freq": frequency
            }
        weekday = getattr(du, match["day"])
        days.append(weekday(nth) if nth else weekday)
    keywords["byweekday"] = list(dict.fromkeys(days))
    return None


# -- validation -----------------------------------------------------------------------

# The fields each kind of rule reads (the task form shows only these), and of them
# the ones it cannot do without.
FIELDS = {
    ONCE: ["once_date"],
    YEARLY_DATE: ["day", "month"],
    WEEK: ["week", "weekday"],
    MONTHLY_WEEKDAY: ["nth", "weekday"],
    TERM: ["anchor", "offset_days"],
    RRULE: ["rrule"],
}
REQUIRED = {
    ONCE: ["once_date"],
    YEARLY_DATE: ["month", "day"],
    WEEK: ["week"],
    MONTHLY_WEEKDAY: ["nth"],
    TERM: ["anchor"],
    RRULE: ["rrule"],
}


def errors(rule):
    """{field: translated message} for a rule that is incomplete, malformed or never happens.

    Whether a rule happens is checked against `representative_years()`, the same
    every day: a rule is valid if it gives a date in a school year of some calendar
    (a 29 February needs a leap year, week 53 a long year). COUNT and UNTIL limit
    when a rule happens, not whether it can, so they are only checked for form.
    """
    found = {
        name: _("This field is required for the chosen repeat rule.")
        for name in REQUIRED.get(rule.kind, [])
        if getattr(rule, name) in (None, "")
    }
    if found or rule.kind == ONCE:
        return found
    if rule.kind == RRULE:
        problems = rrule_problems(rule.rrule)
        if problems:
            summary = _(
                "This is not a rule we can use. Write an RFC 5545 RRULE with "
                "FREQ=DAILY, WEEKLY, MONTHLY or YEARLY, e.g. FREQ=MONTHLY;BYDAY=1MO."
            )
            return {"rrule": " ".join([summary, *problems])}
    elif rule.kind == TERM and rule.anchor not in (*TERM_ANCHORS, SCHOOL_YEAR_START):
        return {"anchor": _("Choose what the date is counted from.")}
    pattern = without_limits(rule)
    if not any(dates_in(pattern, year) for year in representative_years()):
        return {"rule": _("This rule gives no date in any school year.")}
    return {}


def validate(rule):
    """Raise ValidationError({field: message}) when `errors(rule)` finds anything."""
    found = errors(rule)
    if found:
        raise ValidationError(found)


def without_limits(rule):
    if rule.kind != RRULE:
        return rule
    parts, _problems = split_parts(rule.rrule)
    kept = [f"{name}={value}" for name, value in parts.items() if name not in {"COUNT", "UNTIL"}]
    return replace(rule, rrule=";".join(kept))


@cache
def representative_years():
    """One school year for each kind of calendar, with typical Finnish term dates and breaks.

    A school year's dates depend on the weekday of 1.8. and on whether its spring
    has a 29 February; 2001–2028 hold every combination. Terms: 12.8.–21.12. and
    7.1.–31.5.; breaks in the autumn (mid-October) and winter (late February).
    """
    years, seen = [], set()
    for start_year in range(2001, 2029):
        kind = (datetime.date(start_year, 1, 1).weekday(), calendar.isleap(start_year))
        kind += (calendar.isleap(start_year + 1),)
        if kind in seen:
            continue
        seen.add(kind)
        spring = start_year + 1
        years.append(
            SchoolYearDates(
                start_year=start_year,
                autumn_term_start=datetime.date(start_year, 8, 12),
                autumn_term_end=datetime.date(start_year, 12, 21),
                spring_term_start=datetime.date(spring, 1, 7),
                spring_term_end=datetime.date(spring, 5, 31),
                breaks=(
                    (datetime.date(start_year, 10, 15), datetime.date(start_year, 10, 21)),
                    (datetime.date(spring, 2, 20), datetime.date(spring, 2, 26)),
                ),
            )
        )
    return tuple(years)
