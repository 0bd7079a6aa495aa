"""Reminders through a real SMTP server on loopback (aiosmtpd): once, retried, caught up."""

import datetime
import email
import socket
from email import policy
from zoneinfo import ZoneInfo

import pytest
import time_machine
from aiosmtpd.controller import Controller

from yearclock.models import ReminderDelivery, ReminderPreference, Task
from yearclock.reminders import claim, retry_failed, send_due_reminders
from yearclock.tests.factories import (
    RoleFactory,
    SchoolYearFactory,
    TaskFactory,
    YearClockFactory,
    staff_user,
)

HELSINKI = ZoneInfo("Europe/Helsinki")
pytestmark = pytest.mark.django_db


def at(day, hour=7):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=HELSINKI)


def run(day, hour=7, job=send_due_reminders):
    with time_machine.travel(at(day, hour), tick=False):
        return job()


class Inbox:
    """An SMTP handler that keeps messages and can refuse the next ones."""

    def __init__(self):
        self.messages = []
        self.refuse = 0

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            self.refuse -= 1
            return "451 4.3.0 Mailbox temporarily unavailable"
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox(settings):
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    yield handler
    controller.stop()


@pytest.fixture
def principal(locales):
    return RoleFactory(slug="rehtori", name="Rehtori")


@pytest.fixture
def task(principal):
    """Data-protection check on Friday 15.1.2027, reminders 7 and 1 days before."""
    with time_machine.travel(at(datetime.date(2026, 9, 1)), tick=False):
        SchoolYearFactory(start_year=2026)
        return TaskFactory(
            year_clock=YearClockFactory(),
            title="Tietosuojasopimusten tarkistus",
            roles=[principal],
            month=1,
            day=15,
        )


def subjects(inbox):
    return [message["Subject"] for message in inbox.messages]


def test_reminders_arrive_seven_and_one_day_before_exactly_once(inbox, task, principal):
    user = staff_user(roles=[principal], email="rehtori@rusko.example")
    run(datetime.date(2027, 1, 7))  # 8 days before: nothing yet
    assert inbox.messages == []
    run(datetime.date(2027, 1, 8))
    run(datetime.date(2027, 1, 8), hour=9)  # a re-run the same day
    run(datetime.date(2027, 1, 8), job=retry_failed)
    assert subjects(inbox) == ["Muistutus: Tietosuojasopimusten tarkistus"]
    (message,) = inbox.messages
    assert message["To"] == user.email
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "7 päivän päästä" in text
    assert "15.1.2027" in text
    assert 'href="http' in html
    run(datetime.date(2027, 1, 14))
    run(datetime.date(2027, 1, 14), hour=12)
    assert len(inbox.messages) == 2
    assert "1 päivän päästä" in inbox.messages[1].get_body(("plain",)).get_content()
    assert ReminderDelivery.objects.filter(status=ReminderDelivery.Status.SENT).count() == 2


def test_a_second_worker_finds_nothing_to_send(inbox, task, principal):
    staff_user(roles=[principal])
    with time_machine.travel(at(datetime.date(2027, 1, 8)), tick=False):
        from django.utils import timezone

        from yearclock.reminders import plan_reminders

        plan_reminders(timezone.localdate())
        claim(timezone.now())  # worker A took the rows and is still sending
        summary = send_due_reminders()  # worker B
    assert summary["sent"] == 0
    assert inbox.messages == []
    assert ReminderDelivery.objects.get().status == ReminderDelivery.Status.SENDING


def test_smtp_failure_is_recorded_and_retried(inbox, task, principal, caplog):
    staff_user(roles=[principal])
    inbox.refuse = 1
    run(datetime.date(2027, 1, 8))
    delivery = ReminderDelivery.objects.get()
    assert delivery.status == ReminderDelivery.Status.FAILED
    assert delivery.attempts == 1
    assert "451" in delivery.last_error
    assert "failed (attempt 1/5)" in caplog.text
    assert inbox.messages == []
    run(datetime.date(2027, 1, 8), hour=7, job=retry_failed)  # too early to retry
    assert inbox.messages == []
    with time_machine.travel(at(datetime.date(2027, 1, 8)) + datetime.timedelta(minutes=20)):
        retry_failed()
    delivery.refresh_from_db()
    assert delivery.status == ReminderDelivery.Status.SENT
    assert delivery.attempts == 2
    assert len(inbox.messages) == 1


def test_catch_up_after_downtime_sends_only_the_nearest_reminder(inbox, task, principal):
    staff_user(roles=[principal])
    run(datetime.date(2027, 1, 5))  # nothing due yet; then the workers were down
    run(datetime.date(2027, 1, 11))  # 4 days before: the 7-day reminder is caught up
    assert len(inbox.messages) == 1
    assert "4 päivän päästä" in inbox.messages[0].get_body(("plain",)).get_content()
    run(datetime.date(2027, 1, 14))
    assert len(inbox.messages) == 2
    ReminderDelivery.objects.all().delete()
    inbox.messages.clear()
    run(datetime.date(2027, 1, 14))  # down over both: only "tomorrow", the 7 is skipped
    assert len(inbox.messages) == 1
    skipped = ReminderDelivery.objects.get(offset_days=7)
    assert skipped.status == ReminderDelivery.Status.SKIPPED


def test_past_occurrences_and_done_ones_are_not_reminded(inbox, task, principal):
    user = staff_user(roles=[principal])
    run(datetime.date(2027, 1, 16))  # the day after: past
    assert inbox.messages == []
    with time_machine.travel(at(datetime.date(2027, 1, 10)), tick=False):
        task.mark_done(datetime.date(2027, 1, 15), user, "Tehty etuajassa")
    run(datetime.date(2027, 1, 14))
    assert inbox.messages == []


def test_pending_reminder_whose_occurrence_passed_is_skipped(inbox, task, principal):
    staff_user(roles=[principal])
    inbox.refuse = 10
    run(datetime.date(2027, 1, 14))
    tomorrow = ReminderDelivery.objects.filter(offset_days=1)
    assert tomorrow.get().status == ReminderDelivery.Status.FAILED
    inbox.refuse = 0
    run(datetime.date(2027, 1, 16), job=retry_failed)
    assert inbox.messages == []
    assert tomorrow.get().status == ReminderDelivery.Status.SKIPPED


def test_emails_are_in_the_recipients_language(inbox, task, principal, locales):
    translation = task.copy_for_translation(locales["sv"])
    translation.title = "Granskning av dataskyddsavtal"
    translation.save()
    staff_user(roles=[principal], language="sv", email="rektor@rusko.example")
    staff_user(roles=[principal], language="fi", email="rehtori@rusko.example")
    run(datetime.date(2027, 1, 8))
    by_address = {message["To"]: message for message in inbox.messages}
    swedish = by_address["rektor@rusko.example"]
    assert swedish["Subject"] == "Påminnelse: Granskning av dataskyddsavtal"
    assert "om 7 dagar" in swedish.get_body(("plain",)).get_content()
    assert by_address["rehtori@rusko.example"]["Subject"].startswith("Muistutus:")


def test_opted_out_users_and_other_roles_get_nothing(inbox, task, principal):
    user = staff_user(roles=[principal])
    ReminderPreference.objects.create(user=user, email_reminders=False)
    staff_user(roles=[RoleFactory(slug="opettaja")])
    run(datetime.date(2027, 1, 8))
    assert inbox.messages == []


def test_weekly_digest_once_a_week(inbox, task, principal):
    user = staff_user(roles=[principal])
    ReminderPreference.objects.create(user=user, email_reminders=False, weekly_digest=True)
    TaskFactory(
        year_clock=task.year_clock,
        title="Viikkopalaveri",
        roles=[principal],
        rule=Task.Rule.RRULE,
        rrule="FREQ=WEEKLY;BYDAY=WE",
    )
    run(datetime.date(2027, 1, 11))  # Monday
    run(datetime.date(2027, 1, 12))
    assert subjects(inbox) == ["Vuosikello: viikkosi"]
    text = inbox.messages[0].get_body(("plain",)).get_content()
    assert "Viikkopalaveri" in text and "Tietosuojasopimusten tarkistus" in text
    run(datetime.date(2027, 1, 18))
    assert len(inbox.messages) == 2
