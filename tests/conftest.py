"""Data for the fuzz tests, and the count of fuzz cases at the end of the session."""

import datetime

from django.contrib.auth.models import Permission

import pytest

from guides.tests.factories import GuidePageFactory, site_tree
from kb.models import SchoolBreak
from kb.tests.factories import RoleFactory, SchoolFactory, SchoolYearFactory, staff_user
from yearclock.models import FeedToken, ReminderPreference, Task
from yearclock.tests.factories import TaskFactory, YearClockFactory


@pytest.fixture
def fuzz_site(locales):
    """A small real site: pages, a year clock with tasks, staff, an editor, a feed token."""
    tree = site_tree()
    guide = GuidePageFactory(parent=tree["public"], title="Laitteen käyttö", slug="laite")
    guide.save_revision().publish()
    year = SchoolYearFactory(start_year=2026)
    SchoolBreak.objects.create(
        school_year=year,
        kind=SchoolBreak.Kind.AUTUMN,
        start=datetime.date(2026, 10, 19),
        end=datetime.date(2026, 10, 23),
    )
    rehtori = RoleFactory(slug="rehtori")
    clock = YearClockFactory(slug="rusko")
    school = SchoolFactory(slug="maunu", organisation=clock.organisation)
    public = TaskFactory(
        year_clock=clock,
        title="Laitteiden jako",
        visibility=Task.Visibility.PUBLIC,
        rule=Task.Rule.RRULE,
        rrule="FREQ=MONTHLY;BYDAY=1MO",
        roles=[rehtori],
    )
    staff_task = TaskFactory(year_clock=clock, title="Tietosuoja", month=1, day=15)
    teacher = staff_user(username="opettaja", roles=[rehtori], schools=[school])
    teacher.staff_profile.organisation = clock.organisation
    teacher.staff_profile.save()
    editor = staff_user(username="toimittaja")
    editor.user_permissions.add(
        Permission.objects.get(codename="add_task", content_type__app_label="yearclock")
    )
    for user in (teacher, editor):
        ReminderPreference.for_user(user)
    token, raw = FeedToken.issue(teacher)
    return {
        "guide": guide,
        "clock": clock,
        "public_task": public,
        "staff_task": staff_task,
        "teacher": teacher,
        "editor": editor,
        "token": token,
        "raw_token": raw,
    }


def pytest_terminal_summary(terminalreporter):
    from tests.fuzzing import CASES, SERVER_ERRORS, SLOWEST

    if not CASES:
        return
    terminalreporter.section("fuzz cases")
    for surface, count in sorted(CASES.items()):
        slowest = SLOWEST[surface]
        terminalreporter.write_line(f"{surface:<28} {count:>6} cases, slowest {slowest:.2f} s")
    errors = sum(SERVER_ERRORS.values())
    terminalreporter.write_line(
        f"{'total':<28} {sum(CASES.values()):>6} cases over {len(CASES)} surfaces, "
        f"{errors} answered 5xx"
    )
