"""Domain queries of the year clock: what a reader may see, as plain rows.

Everything that turns tasks into dated rows lives here, so the wheel, its list
alternative, the exports and the open API cannot disagree.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kb.models import SchoolYear, StaffProfile, school_year_start
from yearclock import occurrences as occurrence_api
from yearclock.models import Completion, Task, YearClock

STATE_LABELS = {
    "done": _("Done"),
    "overdue": _("Overdue"),
    "upcoming": _("Upcoming"),
}


@dataclass
class Row:
    """One occurrence as a reader sees it."""

    task: Task
    occurrence: object  # yearclock.occurrences.Occurrence
    date: datetime.date  # after any move to a working day
    original_date: datetime.date  # the key of a completion
    end: datetime.date  # last day (inclusive)
    state: str = "upcoming"
    completion: Completion | None = None
    roles: list = field(default_factory=list)
    schools: list = field(default_factory=list)

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    @property
    def category_label(self):
        return self.task.get_category_display()

    @property
    def role_groups(self):
        """Staff roles are responsible for the task; guardians and pupils are told of it
        (the nightly device update is not the guardians' job)."""
        groups = [
            (_("Responsible"), [role for role in self.roles if role.is_staff_role]),
            (_("Concerns"), [role for role in self.roles if not role.is_staff_role]),
        ]
        return [{"label": label, "roles": roles} for label, roles in groups if roles]


def find_year_clock(slug, language):
    """The year clock in `language` when translated, else in the default language."""
    clocks = {c.locale.language_code: c for c in YearClock.objects.filter(slug=slug)}
    return (
        clocks.get(language)
        or clocks.get(settings.LANGUAGE_CODE)
        or next(iter(clocks.values()), None)
    )


def visible_tasks(reader, year_clock=None, role="", school="", category=""):
    """Tasks `reader` may see (kb.access), narrowed by the page's filters."""
    tasks = Task.objects.visible_to(reader)
    if year_clock is not None:
        tasks = tasks.in_year_clock(year_clock)
    if role:
        tasks = tasks.for_roles([role])
    if school:
        tasks = tasks.for_schools([school])
    if category:
        tasks = tasks.filter(category=category)
    return tasks


def concerning_guardians(tasks):
    """Tasks that name a guardian's (non-staff) role, or no role at all: what a guardian
    needs, without the staff's weekly routines that happen to be public."""
    return tasks.filter(Q(roles__isnull=True) | Q(roles__is_staff_role=False)).distinct()


def reader_defaults(user, year_clock):
    """{"role": slug, "school": slug} of a signed-in person's first role and their first
    school in the year clock's organisation: where their year clock starts."""
    profile = StaffProfile.objects.filter(user=user).first() if user.is_authenticated else None
    if profile is None:
        return {}
    defaults = {}
    role = profile.roles.order_by("pk").first()
    if role is not None:
        defaults["role"] = role.slug
    school = (
        profile.schools.filter(
            organisation__translation_key=year_clock.organisation.translation_key
        )
        .order_by("pk")
        .first()
    )
    if school is not None:
        defaults["school"] = school.slug
    return defaults


def current_start_year(today=None):
    return school_year_start(today or timezone.localdate())


def offered_start_years(today=None):
    """School years in the database plus the current one, oldest first."""
    years = set(SchoolYear.objects.values_list("start_year", flat=True))
    years.add(current_start_year(today))
    return sorted(years)


def rows_between(tasks, language, start, end, today=None):
    """Occurrences of `tasks` (a queryset) from `start` to `end`, in `language`, dated."""
    today = today or timezone.localdate()
    localized = tasks.localized(language)
    names = NameCache()
    rows = []
    for occurrence in occurrence_api.occurrences_for(localized, start, end):
        if occurrence.is_done:
            state = "done"
        elif occurrence.deadline < today:
            state = "overdue"
        else:
            state = "upcoming"
        task = occurrence.task
        rows.append(
            Row(
                task=task,
                occurrence=occurrence,
                date=occurrence.start_date,
                original_date=occurrence.original_date,
                end=occurrence.deadline,
                state=state,
                completion=occurrence.completion,
                roles=[names.get(role) for role in task.roles.all()],
                schools=[names.get(school) for school in task.schools.all()],
            )
        )
    return rows


class NameCache:
    """Roles and schools in the reader's language, one query per distinct item."""

    def __init__(self):
        self.seen = {}

    def get(self, item):
        key = (type(item), item.pk)
        if key not in self.seen:
            self.seen[key] = item.localized
        return self.seen[key]
