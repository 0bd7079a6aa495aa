"""Register the service register's e-mail jobs with django-q2 (idempotent; run after migrate).

- daily at 7.00 local time: e-mail the responsible people about agreements ending and
  impact assessments falling due (services.reminders.send_due_reminders);
- every 5 minutes: send what is pending (outcomes of requests), recover and retry.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from kb.outbox import schedule_jobs

DAILY_NAME = "services: daily reminders"
RETRY_NAME = "services: pending and failed e-mail"


def register_schedules(now=None):
    return schedule_jobs(
        (DAILY_NAME, "services.reminders.send_due_reminders"),
        (RETRY_NAME, "services.reminders.send_pending"),
        at=datetime.time(7, 0),
        every_minutes=5,
        now=now,
    )


class Command(BaseCommand):
    help = "Register the service register's e-mail jobs with django-q2 (safe to run again)."

    def handle(self, *args, **options):
        daily, retry = register_schedules()
        self.stdout.write(
            f"{daily.name}: next run {timezone.localtime(daily.next_run):%Y-%m-%d %H:%M}\n"
            f"{retry.name}: every {retry.minutes} minutes"
        )
