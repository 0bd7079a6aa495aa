"""Reminder scheduling for 5,000 users × 300 tasks: time, queries, peak memory.

Run: python bench/reminders.py   (own temporary SQLite database; a few minutes on 2 cores)

Measured: `plan_reminders` (select every due occurrence and recipient, create the
pending delivery records) on its first run and on an idempotent re-run, against a
naive per-user loop (tasks for the user, occurrences, one exists() and one insert per
reminder) measured in the same run on a sample of users and scaled to 5,000.

Seconds are given twice: plain (what a worker spends) and instrumented (with query
capture and tracemalloc on, which slow Python down; the figures reported before
the bulk insert was written out were instrumented).
"""

import time
import tracemalloc

from django.db import connection
from django.test.utils import CaptureQueriesContext

from harness import run_in_test_database  # sets Django up (test settings)

USERS = 5000
TASKS = 300
NAIVE_SAMPLE = 50


def plain(call):
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def measure(call):
    tracemalloc.start()
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = call()
        elapsed = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, len(queries), peak, result


def populate():
    import datetime

    from django.contrib.auth import get_user_model

    from wagtail.models import Locale

    from kb.models import Organisation, Role, SchoolYear, StaffProfile
    from yearclock.models import Task, YearClock

    fi = Locale.objects.get_or_create(language_code="fi")[0]
    SchoolYear.objects.create(
        start_year=2026,
        autumn_term_start=datetime.date(2026, 8, 12),
        autumn_term_end=datetime.date(2026, 12, 19),
        spring_term_start=datetime.date(2027, 1, 7),
        spring_term_end=datetime.date(2027, 5, 29),
    )
    organisation = Organisation.objects.create(name="Rusko", slug="rusko", locale=fi)
    roles = [Role.objects.create(name=f"R{n}", slug=f"r-{n}", locale=fi) for n in range(20)]
    clock = YearClock.objects.create(
        name="Rusko", slug="rusko", organisation=organisation, locale=fi
    )
    user_model = get_user_model()
    user_model.objects.bulk_create(
        user_model(username=f"u{n}", email=f"u{n}@rusko.example") for n in range(USERS)
    )
    users = list(user_model.objects.order_by("pk"))
    StaffProfile.objects.bulk_create(
        StaffProfile(user=user, organisation=organisation) for user in users
    )
    through = StaffProfile.roles.through
    profiles = list(StaffProfile.objects.order_by("pk"))
    through.objects.bulk_create(
        through(staffprofile_id=profile.pk, role_id=roles[i % 20].pk)
        for i, profile in enumerate(profiles)
    )
    kinds = [
        {"rule": Task.Rule.YEARLY_DATE, "month": 9, "day": 10},
        {"rule": Task.Rule.MONTHLY_WEEKDAY, "nth": 2, "weekday": 2},
        {"rule": Task.Rule.RRULE, "rrule": "FREQ=WEEKLY;BYDAY=TH", "within_terms": True},
        {"rule": Task.Rule.WEEK, "week": 38},
    ]
    Task.objects.bulk_create(
        Task(
            year_clock=clock,
            locale=fi,
            title=f"Tehtävä {n}",
            category=Task.Category.values[n % 6],
            **kinds[n % len(kinds)],
        )
        for n in range(TASKS)
    )
    task_roles = Task.roles.through
    task_roles.objects.bulk_create(
        task_roles(task_id=task.pk, role_id=roles[i % 20].pk)
        for i, task in enumerate(Task.objects.order_by("pk"))
    )
    return users


def naive(users, today):
    """One user at a time, as a straightforward cron script would do it."""
    import datetime

    from yearclock.models import ReminderDelivery, Task
    from yearclock.occurrences import occurrences_for

    created = 0
    for user in users:
        tasks = Task.objects.for_user(user).localized("fi")
        for item in occurrences_for(tasks, today, today + datetime.timedelta(days=7)):
            for offset in item.task.reminder_offsets:
                if item.start_date - datetime.timedelta(days=offset) > today:
                    continue
                key = item.key
                exists = ReminderDelivery.objects.filter(
                    occurrence_key=key, recipient=user, offset_days=offset
                ).exists()
                if not exists:
                    ReminderDelivery.objects.create(
                        occurrence_key=key,
                        task_key=item.task.translation_key,
                        occurrence_date=item.original_date,
                        starts_on=item.start_date,
                        recipient=user,
                        offset_days=offset,
                        status="naive",
                    )
                    created += 1
    return created


def main():
    import datetime

    from yearclock.models import ReminderDelivery
    from yearclock.reminders import plan_reminders

    users = populate()
    today = datetime.date(2026, 9, 7)
    first_plain = plain(lambda: plan_reminders(today))
    rerun_plain = plain(lambda: plan_reminders(today))
    ReminderDelivery.objects.all().delete()
    first = measure(lambda: plan_reminders(today))
    rerun = measure(lambda: plan_reminders(today))
    planned = ReminderDelivery.objects.count()
    ReminderDelivery.objects.all().delete()
    sample = measure(lambda: naive(users[:NAIVE_SAMPLE], today))
    scale = USERS / NAIVE_SAMPLE

    print(f"{USERS} users × {TASKS} tasks, day {today}: {planned} deliveries planned")
    print(f"{'case':<40}{'seconds':>10}{'instr. s':>10}{'queries':>10}{'peak MiB':>10}")
    rows = [
        ("plan_reminders, first run", first_plain, first),
        ("plan_reminders, re-run (all exist)", rerun_plain, rerun),
        (f"naive loop, {NAIVE_SAMPLE} users (measured)", None, sample),
    ]
    for label, seconds, (elapsed, queries, peak, _result) in rows:
        seconds = f"{seconds:>10.2f}" if seconds is not None else f"{'':>10}"
        print(f"{label:<40}{seconds}{elapsed:>10.2f}{queries:>10}{peak / 2**20:>10.1f}")
    naive_total = sample[0] * scale
    scaled = f"{'naive loop, 5000 users (scaled)':<40}{'':>10}{naive_total:>10.2f}"
    print(f"{scaled}{int(sample[1] * scale):>10}")
    speed_up = naive_total / first[0]
    print(f"speed-up of plan_reminders over the naive loop (instrumented): {speed_up:.1f}×")


if __name__ == "__main__":
    run_in_test_database(main)
