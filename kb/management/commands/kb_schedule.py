"""Register the accessibility-feedback reminder jobs with django-q2 (idempotent)."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from kb.feedback import register_schedules


class Command(BaseCommand):
    help = "Register the accessibility-feedback reminder jobs with django-q2 (safe to run again)."

    def handle(self, *args, **options):
        daily, retry = register_schedules()
        self.stdout.write(
            f"{daily.name}: next run {timezone.localtime(daily.next_run):%Y-%m-%d %H:%M}\n"
            f"{retry.name}: every {retry.minutes} minutes"
        )
