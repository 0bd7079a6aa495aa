"""When tasks happen: occurrences of tasks within stored school years.

The dates come from yearclock.recurrence (pure: a rule and a school year's dates
in, dates out, bounded); this module adds what needs the database: the stored
school years with their term dates and breaks, completions, and the move of
weekend and public-holiday dates to the next working day.

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
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kb.models import SchoolYear, school_year_dates, school_year_start
from yearclock import recurrence
from yearclock.holidays_fi import next_working_day
from yearclock.models import Completion, Task, occurrence_key
from yearclock.permissions import can_mark_done

HELSINKI = ZoneInfo("Europe/Helsinki")
TIMED_DEFAULT_LENGTH = datetime.timedelta(hours=1)
DIGITS = re.compile(r"[0-9]{1,9}")


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
        """Record that this occurrence is done.

        Raises PermissionDenied for anyone `permissions.can_mark_done` refuses. Marking twice
        updates the note and keeps the first who/when. The completion belongs to the
        occurrence's identity, so it stays when the task's date is edited.
        """
        self._check_rights(user)
        completion, created = Completion.objects.get_or_create(
            occurrence_key=self.key,
            defaults={
                "task": self.task,
                "task_key": self.task.translation_key,
                "occurrence_date": self.original_date,
                "done_by": user,
                "note": note,
                "school_year": SchoolYear.objects.for_date(self.original_date),
            },
        )
        if not created and note and completion.note != note:
            completion.note = note
            completion.save(update_fields=["note"])
        return completion

    def undo(self, user):
        self._check_rights(user)
        Completion.objects.filter(occurrence_key=self.key).delete()

    def _check_rights(self, user):
        if not can_mark_done(user, self.task):
            raise PermissionDenied(_("You are not responsible for this task."))


def year_dates(school_year):
    """The plain value of a stored school year (or an unsaved stand-in) for recurrence."""
    return recurrence.SchoolYearDates(
        start_year=school_year.start_year,
        autumn_term_start=school_year.autumn_term_start,
        autumn_term_end=school_year.autumn_term_end,
        spring_term_start=school_year.spring_term_start,
        spring_term_end=school_year.spring_term_end,
        breaks=tuple((item.start, item.end) for item in school_year_breaks(school_year)),
    )


def original_dates(task, school_year, dates=None):
    """The rule's dates within one school year (1.8.–31.7.), before moving.

    `dates` is `year_dates(school_year)` when the caller has it already.
    """
    return recurrence.dates_in(recurrence.Rule.of(task), dates or year_dates(school_year))


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
    Only the school years recurrence computes are returned (none for the year 1).
    """
    first = max(school_year_start(start), recurrence.FIRST_START_YEAR)
    last = min(school_year_start(end), recurrence.LAST_START_YEAR)
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
    values = [(year, year_dates(year)) for year in years]
    found = []
    for task in tasks:
        for year, dates in values:
            for ordinal, original in enumerate(original_dates(task, year, dates), 1):
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
    years = school_years_between(original_date, original_date)
    dates = original_dates(task, years[0]) if years else []
    if original_date not in dates:
        return None
    ordinal = dates.index(original_date) + 1
    occurrence = build_occurrence(task, years[0], original_date, ordinal=ordinal)
    return attach_completions([occurrence])[0]


def mark_done(task, original_date, user, note=""):
    """Mark the occurrence of `task` on `original_date` done (ValueError: no such date)."""
    return existing_occurrence(task, original_date).mark_done(user, note)


def undo_done(task, original_date, user):
    existing_occurrence(task, original_date).undo(user)


def existing_occurrence(task, original_date):
    occurrence = occurrence_on(task, original_date)
    if occurrence is None:
        raise ValueError(f"{task} has no occurrence on {original_date}")
    return occurrence


def occurrence_by_key(task, key):
    """The occurrence of `task` with identity `key` as its rule stands now, or None."""
    prefix = f"{task.translation_key}:"
    series, _sep, ordinal = key.removeprefix(prefix).partition("-")
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
    if not key.startswith(prefix) or not DIGITS.fullmatch(ordinal):
        return None
    if series == "once":
        if task.rule != Task.Rule.ONCE or not task.once_date:
            return None
        first = task.once_date
    elif DIGITS.fullmatch(series) and task.rule != Task.Rule.ONCE:
        if not recurrence.FIRST_START_YEAR <= int(series) <= recurrence.LAST_START_YEAR:
            return None
        first, _last = school_year_dates(int(series))
    else:
        return None
    years = school_years_between(first, first)
    dates = original_dates(task, years[0]) if years else []
    index = int(ordinal) - 1
    if not 0 <= index < len(dates):
        return None
    occurrence = build_occurrence(task, years[0], dates[index], ordinal=index + 1)
    return attach_completions([occurrence])[0]


def overdue_occurrences(tasks, today=None, lookback_days=365):
    """Occurrences not done whose deadline has passed, oldest first."""
    today = today or timezone.localdate()
    found = occurrences_for(tasks, today - datetime.timedelta(days=lookback_days), today)
    return [item for item in found if not item.is_done and item.deadline < today]
