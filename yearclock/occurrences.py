"""When tasks happen: RFC 5545 rules expanded within each school year.

Every rule is turned into an RRULE and expanded by python-dateutil between 1.8.
and 31.7. of a school year; term-relative rules take their date from
kb.SchoolYear. Then `within_terms` drops dates outside the terms and in school
breaks, and `move_to_working_day` moves weekend and public-holiday dates forward.

An occurrence's identity (`key`: the iCalendar UID, the completion and the
reminder records) is its task, its school year and its place among the task's
dates in that year: "the 3rd monthly review of 2026–2027", "this year's data
protection check" (a one-off task has one occurrence ever). Moving it to a
working day, or editing the task's date, time or term offset, keeps the key:
subscribers see an update (SEQUENCE rises), not a deletion and a new event, and
a completion stays with the occurrence it was made for.

Local times (RFC 5545 3.3.5): a time that does not exist (03:30 on the last
Sunday of March) is read with the offset before the gap, i.e. 04:30 summer time;
a time that occurs twice (03:30 on the last Sunday of October) is the first one,
summer time. Times are stored resolved, so every reader sees the same instant.
"""

import dataclasses
import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrulestr

from kb.models import SchoolYear, school_year_dates, school_year_start
from yearclock.holidays_fi import next_working_day
from yearclock.models import Completion, Task, occurrence_key

HELSINKI = ZoneInfo("Europe/Helsinki")
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
ALLOWED_FREQUENCIES = {DAILY, WEEKLY, MONTHLY, YEARLY}
TIMED_DEFAULT_LENGTH = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Occurrence:
    """One dated instance of a task."""

    task: Task
    original_date: datetime.date  # the rule's date, before any move to a working day
    start: datetime.date | datetime.datetime
    end: datetime.date | datetime.datetime  # exclusive, as iCalendar DTEND
    all_day: bool
    school_year: SchoolYear
    completion: Completion | None = None
    ordinal: int = 1  # place among the task's dates in its school year, from 1

    @property
    def series(self):
        """The school year's start year, or "once" for a one-off task."""
        return "once" if self.task.rule == Task.Rule.ONCE else self.school_year.start_year

    @property
    def key(self):
        return occurrence_key(self.task.translation_key, self.series, self.ordinal)

    @property
    def start_date(self):
        return self.start if self.all_day else self.start.astimezone(HELSINKI).date()

    @property
    def deadline(self):
        """The last day of the occurrence: when it should be done."""
        if self.all_day:
            return self.end - datetime.timedelta(days=1)
        return self.end.astimezone(HELSINKI).date()

    @property
    def moved(self):
        return self.start_date != self.original_date

    @property
    def is_done(self):
        return self.completion is not None

    @property
    def is_overdue(self):
        return not self.is_done and self.deadline < timezone.localdate()

    def mark_done(self, user, note=""):
        return self.task.mark_done(self.original_date, user, note)


def rule_text(task):
    """The RRULE (without DTSTART) for a task's repeat rule, or None for once/term rules."""
    if task.rule == Task.Rule.YEARLY_DATE:
        return f"FREQ=YEARLY;BYMONTH={task.month};BYMONTHDAY={task.day}"
    if task.rule == Task.Rule.WEEK:
        return f"FREQ=YEARLY;BYWEEKNO={task.week};BYDAY={WEEKDAYS[task.weekday]};WKST=MO"
    if task.rule == Task.Rule.MONTHLY_WEEKDAY:
        return f"FREQ=MONTHLY;BYDAY={task.nth}{WEEKDAYS[task.weekday]}"
    if task.rule == Task.Rule.RRULE:
        text = task.rrule.strip()
        return text[len("RRULE:") :] if text.upper().startswith("RRULE:") else text
    return None


def parse_rule(text, dtstart):
    """A dateutil rrule for `text`; ValueError for anything we will not expand."""
    if not text or "\n" in text or "DTSTART" in text.upper():
        raise ValueError("invalid rule")
    try:
        rule = rrulestr(text, dtstart=dtstart)
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise ValueError(str(error)) from error
    if getattr(rule, "_freq", None) not in ALLOWED_FREQUENCIES:
        raise ValueError("frequency must be daily, weekly, monthly or yearly")
    return rule


def anchor_date(task, school_year):
    if task.anchor == Task.Anchor.SCHOOL_YEAR_START:
        return school_year.start_date
    return getattr(school_year, task.anchor, None) if task.anchor else None


def original_dates(task, school_year):
    """The rule's dates within one school year (1.8.–31.7.), before moving."""
    if task.rule == Task.Rule.ONCE:
        dates = [task.once_date] if task.once_date else []
    elif task.rule == Task.Rule.TERM:
        anchor = anchor_date(task, school_year)
        dates = [anchor + datetime.timedelta(days=task.offset_days)] if anchor else []
    else:
        start = datetime.datetime.combine(school_year.start_date, datetime.time())
        end = datetime.datetime.combine(school_year.end_date, datetime.time())
        try:
            rule = parse_rule(rule_text(task), start)
            dates = [moment.date() for moment in rule.between(start, end, inc=True)]
        except (ValueError, TypeError):
            dates = []
    dates = [day for day in dates if school_year.contains(day)]
    if task.within_terms:
        breaks = school_year_breaks(school_year)  # once, not per date
        dates = [day for day in dates if in_term_time(day, school_year, breaks)]
    return dates


def in_term_time(day, school_year, breaks=None):
    terms = [
        (school_year.autumn_term_start, school_year.autumn_term_end),
        (school_year.spring_term_start, school_year.spring_term_end),
    ]
    in_term = any(first and last and first <= day <= last for first, last in terms)
    if breaks is None:
        breaks = school_year_breaks(school_year)
    on_break = any(item.start <= day <= item.end for item in breaks)
    return in_term and not on_break


def school_year_breaks(school_year):
    if school_year.pk is None:
        return []
    return list(school_year.breaks.all())


def local_moment(day, moment_of_day):
    """`moment_of_day` on `day` in Helsinki, resolved as RFC 5545 reads it.

    fold=0 gives both rules: in the spring gap zoneinfo uses the offset before
    the change, and of a repeated autumn time the first; the round trip through
    UTC turns a time in the gap into the one that exists (03:30 -> 04:30).
    """
    wall = datetime.datetime.combine(day, moment_of_day, tzinfo=HELSINKI)
    return wall.astimezone(datetime.UTC).astimezone(HELSINKI)


def timed_span(day, start_time, end_time):
    """(start, end) of a timed occurrence; lengths are real elapsed time."""
    start = local_moment(day, start_time)
    if end_time is None:
        return start, (start.astimezone(datetime.UTC) + TIMED_DEFAULT_LENGTH).astimezone(HELSINKI)
    end = local_moment(day, end_time)
    if end <= start:  # the spring gap swallowed the span: keep its length on the clock
        length = datetime.datetime.combine(day, end_time) - datetime.datetime.combine(
            day, start_time
        )
        end = (start.astimezone(datetime.UTC) + length).astimezone(HELSINKI)
    return start, end


def build_occurrence(task, school_year, original, completion=None, ordinal=1):
    day = next_working_day(original) if task.move_to_working_day else original
    if task.all_day:
        start = day
        end = day + datetime.timedelta(days=task.duration_days or 1)
    else:
        start, end = timed_span(day, task.start_time, task.end_time)
    return Occurrence(
        task=task,
        original_date=original,
        start=start,
        end=end,
        all_day=task.all_day,
        school_year=school_year,
        completion=completion,
        ordinal=ordinal,
    )


def school_years_between(start, end):
    """School years overlapping [start, end]; unsaved stand-ins where none is stored.

    A stand-in has no term dates, so term-relative tasks have no occurrence in it.
    """
    first, last = school_year_start(start), school_year_start(end)
    stored = {
        year.start_year: year
        for year in SchoolYear.objects.filter(start_year__range=(first, last)).prefetch_related(
            "breaks"
        )
    }
    return [
        stored.get(number) or SchoolYear(start_year=number) for number in range(first, last + 1)
    ]


def occurrences_for(tasks, start, end, *, with_completions=True, school_years=None):
    """Occurrences of `tasks` whose (moved) start date lies in [start, end], by start.

    `tasks` should hold one translation per task (see TaskQuerySet.localized);
    `school_years` may be passed in to avoid a query when called in a loop.
    """
    tasks = list(tasks)
    years = school_years if school_years is not None else school_years_between(start, end)
    found = []
    for task in tasks:
        for year in years:
            for ordinal, original in enumerate(original_dates(task, year), 1):
                occurrence = build_occurrence(task, year, original, ordinal=ordinal)
                if start <= occurrence.start_date <= end:
                    found.append(occurrence)
    if with_completions and found:
        found = attach_completions(found)
    found.sort(key=lambda item: (item.start_date, item.all_day is False, sort_moment(item)))
    return found


def sort_moment(occurrence):
    if occurrence.all_day:
        return (datetime.time(), occurrence.task.title)
    return (occurrence.start.astimezone(HELSINKI).time(), occurrence.task.title)


def attach_completions(occurrences):
    completions = {
        completion.occurrence_key: completion
        for completion in Completion.objects.filter(
            occurrence_key__in={item.key for item in occurrences}
        ).select_related("done_by")
    }
    return [dataclasses.replace(item, completion=completions.get(item.key)) for item in occurrences]


def occurrence_on(task, original_date):
    """The occurrence of `task` whose original date is `original_date`, or None."""
    year = school_years_between(original_date, original_date)[0]
    dates = original_dates(task, year)
    if original_date not in dates:
        return None
    ordinal = dates.index(original_date) + 1
    return attach_completions([build_occurrence(task, year, original_date, ordinal=ordinal)])[0]


def occurrence_by_key(task, key):
    """The occurrence of `task` with identity `key` as its rule stands now, or None."""
    prefix = f"{task.translation_key}:"
    series, _sep, ordinal = key.removeprefix(prefix).partition("-")
    if not key.startswith(prefix) or not ordinal.isdigit():
        return None
    if series == "once":
        if task.rule != Task.Rule.ONCE or not task.once_date:
            return None
        year = school_years_between(task.once_date, task.once_date)[0]
    elif series.isdigit() and task.rule != Task.Rule.ONCE:
        first, _last = school_year_dates(int(series))
        year = school_years_between(first, first)[0]
    else:
        return None
    dates = original_dates(task, year)
    index = int(ordinal) - 1
    if not 0 <= index < len(dates):
        return None
    occurrence = build_occurrence(task, year, dates[index], ordinal=index + 1)
    return attach_completions([occurrence])[0]


def overdue_occurrences(tasks, today=None, lookback_days=365):
    """Occurrences not done whose deadline has passed, oldest first."""
    today = today or timezone.localdate()
    found = occurrences_for(tasks, today - datetime.timedelta(days=lookback_days), today)
    return [item for item in found if not item.is_done and item.deadline < today]


def validate_rule(task):
    """Raise a ValidationError (field -> message) when the rule is incomplete or yields nothing.

    Checked against the current school year (a stand-in without term dates if none
    is stored). One-off dates only need a date.
    """
    required = {
        Task.Rule.ONCE: ["once_date"],
        Task.Rule.YEARLY_DATE: ["month", "day"],
        Task.Rule.WEEK: ["week"],
        Task.Rule.MONTHLY_WEEKDAY: ["nth"],
        Task.Rule.TERM: ["anchor"],
        Task.Rule.RRULE: ["rrule"],
    }
    errors = {
        name: _("This field is required for the chosen repeat rule.")
        for name in required.get(task.rule, [])
        if getattr(task, name) in (None, "")
    }
    if errors:
        raise ValidationError(errors)
    if task.rule == Task.Rule.ONCE:
        return
    if task.rule == Task.Rule.RRULE:
        try:
            parse_rule(rule_text(task), datetime.datetime(2000, 8, 1))
        except ValueError:
            raise ValidationError(
                {
                    "rrule": _(
                        "This is not a rule we can use. Write an RFC 5545 RRULE with "
                        "FREQ=DAILY, WEEKLY, MONTHLY or YEARLY, e.g. FREQ=MONTHLY;BYDAY=1MO."
                    )
                }
            ) from None
    today = timezone.localdate()
    year = school_years_between(today, today)[0]
    if task.rule == Task.Rule.TERM and anchor_date(task, year) is None:
        raise ValidationError(
            {
                "anchor": _("Enter the term dates of the school year %(label)s first.")
                % {"label": year.label}
            }
        )
    if not original_dates(task, year):
        raise ValidationError(
            {
                "rule": _("This rule gives no date in the school year %(label)s.")
                % {"label": year.label}
            }
        )
