"""Register the reminder jobs as django-q2 schedules (idempotent; run after migrate).

- daily at REMINDER_TIME local time (Q_CLUSTER time_zone is Europe/Helsinki, so
  the hour does not drift at daylight-saving changes): plan and send reminders;
- every 5 minutes: recover deliveries a stopped worker left behind, retry failed ones.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from django_q.models import Schedule

REMINDER_TIME = datetime.time(7, 0)
DAILY_NAME = "yearclock: daily reminders"
RETRY_NAME = "yearclock: retry failed reminders"


def next_local(moment_of_day, now=None):
    now = timezone.localtime(now)
    candidate = now.replace(
        hour=moment_of_day.hour, minute=moment_of_day.minute, second=0, microsecond=0
    )
    return candidate if candidate > now else candidate + datetime.timedelta(days=1)


def register_schedules(now=None):
    """Create or update both schedules; returns them."""
    daily, _created = Schedule.objects.update_or_create(
        name=DAILY_NAME,
        defaults={
            "func": "yearclock.reminders.send_due_reminders",
            "schedule_type": Schedule.DAILY,
            "repeats": -1,
            "next_run": next_local(REMINDER_TIME, now),
        },
    )
    retry, _created = Schedule.objects.update_or_create(
        name=RETRY_NAME,
        defaults={
            "func": "yearclock.reminders.retry_failed",
            "schedule_type": Schedule.MINUTES,
            "minutes": 5,
            "repeats": -1,
            "next_run": timezone.now() + datetime.timedelta(minutes=5),
        },
    )
    return daily, retry


class Command(BaseCommand):
    help = "Register the year-clock reminder jobs with django-q2 (safe to run again)."

    def handle(self, *args, **options):
        daily, retry = register_schedules()
        self.stdout.write(
            f"{daily.name}: next run {timezone.localtime(daily.next_run):%Y-%m-%d %H:%M}\n"
            f"{retry.name}: every {retry.minutes} minutes"
        )
