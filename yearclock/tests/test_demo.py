"""The demo loader: Rusko's year clock with at least 25 tasks in Finnish and Swedish."""

import datetime

import pytest
import time_machine

from kb import demo as kb_demo
from yearclock import demo
from yearclock.models import Completion, Task, YearClock
from yearclock.occurrences import occurrences_for, overdue_occurrences

pytestmark = pytest.mark.django_db


def test_demo_creates_a_bilingual_rusko_year_clock_once():
    kb_demo.load()
    assert demo.load() == len(demo.TASKS) + len(demo.KANGASALA_TASKS) >= 25
    assert demo.load() == 0  # idempotent
    fi = YearClock.objects.get(slug="rusko", locale__language_code="fi")
    sv = YearClock.objects.get(slug="rusko", locale__language_code="sv")
    assert sv.name == "Rusko årshjul"
    assert Task.objects.filter(year_clock=fi).count() == len(demo.TASKS)
    assert Task.objects.filter(year_clock=sv).count() == len(demo.TASKS)
    swedish = Task.objects.filter(year_clock=sv).localized("sv")
    assert all(task.locale.language_code == "sv" for task in swedish)
    assert all(task.roles.exists() for task in swedish)


def test_every_demo_task_happens_in_the_school_year():
    kb_demo.load()
    demo.load()
    tasks = Task.objects.filter(locale__language_code="fi")
    found = occurrences_for(tasks, datetime.date(2026, 8, 1), datetime.date(2027, 7, 31))
    assert {o.task.pk for o in found} == set(tasks.values_list("pk", flat=True))
    meetings = [o for o in found if o.task.title == "Digitiimin kokous"]
    assert len(meetings) == 4


@time_machine.travel(datetime.datetime(2026, 11, 23, 10, 0, tzinfo=datetime.UTC), tick=False)
def test_demo_marks_past_work_done_but_leaves_some_overdue():
    kb_demo.load()
    demo.load()
    done = Completion.objects.count()
    assert done > 0
    assert not Completion.objects.filter(occurrence_date__gt=datetime.date(2026, 11, 9)).exists()
    demo.load()
    assert Completion.objects.count() == done  # idempotent on the same day
    clock = YearClock.objects.get(slug="rusko", locale__language_code="fi")
    overdue = overdue_occurrences(Task.objects.filter(year_clock=clock).localized("fi"))
    assert demo.LEFT_OVERDUE.issubset({o.task.title for o in overdue})
    recent = datetime.date(2026, 11, 9)
    assert all(o.original_date > recent for o in overdue if o.task.title not in demo.LEFT_OVERDUE)
