"""Register the service register's e-mail jobs with django-q2 (idempotent; run after migrate).

- daily at 7.00 local time: e-mail the responsible people about agreements ending and
  impact assessments falling due (services.reminders.send_due_reminders);
- every 30 minutes: send what is pending (outcomes of requests) and retry failures.
"""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from django_q.models import Schedule

from yearclock.management.commands.yearclock_schedule import next_local

DAILY_TIME = datetime.time(7, 0)
DAILY_NAME = "services: daily reminders"
RETRY_NAME = "services: pending and failed e-mail"


def register_schedules(now=None):
    daily, _created = Schedule.objects.update_or_create(
        name=DAILY_NAME,
        defaults={
            "func": "services.reminders.send_due_reminders",
            "schedule_type": Schedule.DAILY,
            "repeats": -1,
            "next_run": next_local(DAILY_TIME, now),
        },
    )
    retry, _created = Schedule.objects.update_or_create(
        name=RETRY_NAME,
        defaults={
            "func": "services.reminders.send_pending",
            "schedule_type": Schedule.MINUTES,
            "minutes": 30,
            "repeats": -1,
            "next_run": timezone.now() + datetime.timedelta(minutes=30),
        },
    )
    return daily, retry


class Command(BaseCommand):
    help = "Register the service register's e-mail jobs with django-q2 (safe to run again)."

    def handle(self, *args, **options):
        daily, retry = register_schedules()
        self.stdout.write(
            f"{daily.name}: next run {timezone.localtime(daily.next_run):%Y-%m-%d %H:%M}\n"
            f"{retry.name}: every {retry.minutes} minutes"
        )
