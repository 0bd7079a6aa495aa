"""Register the reminder jobs as django-q2 schedules (idempotent; run after migrate).

- daily at REMINDER_TIME local time (Q_CLUSTER time_zone is Europe/Helsinki, so
  the hour does not drift at daylight-saving changes): plan and send reminders;
- every 5 minutes: recover deliveries a stopped worker left behind, retry failed ones.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from kb.outbox import schedule_jobs

REMINDER_TIME = datetime.time(7, 0)
DAILY_NAME = "yearclock: daily reminders"
RETRY_NAME = "yearclock: retry failed reminders"


def register_schedules(now=None):
    """Create or update both schedules; returns them."""
    return schedule_jobs(
        (DAILY_NAME, "yearclock.reminders.send_due_reminders"),
        (RETRY_NAME, "yearclock.reminders.retry_failed"),
        at=REMINDER_TIME,
        every_minutes=5,
        now=now,
    )


class Command(BaseCommand):
    help = "Register the year-clock reminder jobs with django-q2 (safe to run again)."

    def handle(self, *args, **options):
        daily, retry = register_schedules()
        self.stdout.write(
            f"{daily.name}: next run {timezone.localtime(daily.next_run):%Y-%m-%d %H:%M}\n"
            f"{retry.name}: every {retry.minutes} minutes"
        )
