"""Reminders through a real SMTP server on loopback (aiosmtpd): once, retried, caught up."""

import datetime
import email
import socket
from email import policy
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Permission

import pytest
import time_machine
from aiosmtpd.controller import Controller

from kb.tests.factories import RoleFactory, SchoolYearFactory, staff_user
from yearclock import occurrences
from yearclock.models import ReminderDelivery, ReminderPreference, Task
from yearclock.reminders import claim, retry_failed, send_due_reminders
from yearclock.tests.factories import TaskFactory, YearClockFactory

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
        occurrences.mark_done(task, datetime.date(2027, 1, 15), user, "Tehty etuajassa")
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


# -- once: claims, recovery, Message-ID, connections ------------------------------------


class Sessions(Inbox):
    """Also counts SMTP connections (each EHLO/HELO opens a session)."""

    def __init__(self):
        super().__init__()
        self.connections = 0

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.connections += 1
        session.host_name = hostname
        return responses


@pytest.fixture
def sessions(inbox, settings):
    handler = Sessions()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.EMAIL_PORT = controller.port
    yield handler
    controller.stop()


def test_one_smtp_connection_per_batch(sessions, task, principal):
    for n in range(4):
        staff_user(roles=[principal], email=f"rehtori{n}@rusko.example")
    run(datetime.date(2027, 1, 8))
    assert len(sessions.messages) == 4
    assert sessions.connections == 1


def test_each_message_carries_the_message_id_of_its_delivery_row(inbox, task, principal):
    staff_user(roles=[principal])
    run(datetime.date(2027, 1, 8))
    (message,) = inbox.messages
    delivery = ReminderDelivery.objects.get()
    assert message["Message-ID"] == delivery.message_id
    assert message["Message-ID"].startswith(f"<yearclock.{delivery.pk}.")


def test_a_claim_is_not_an_attempt_and_an_abandoned_claim_is_recovered(inbox, task, principal):
    from django.utils import timezone

    from yearclock.reminders import plan_reminders

    staff_user(roles=[principal])
    start = at(datetime.date(2027, 1, 8))
    for minutes in range(0, 30, 5):  # a worker claims the row and dies, six times over
        with time_machine.travel(start + datetime.timedelta(minutes=minutes), tick=False):
            plan_reminders(timezone.localdate())
            claim(timezone.now())
    delivery = ReminderDelivery.objects.get()
    assert delivery.attempts == 0
    with time_machine.travel(start + datetime.timedelta(minutes=31), tick=False):
        summary = retry_failed()  # 6 minutes after the last claim: recovered within minutes
    assert summary["sent"] == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (ReminderDelivery.Status.SENT, 1)
    assert len(inbox.messages) == 1


def test_a_send_cut_short_is_resent_once_with_the_same_message_id(inbox, task, principal, caplog):
    staff_user(roles=[principal])
    run(datetime.date(2027, 1, 8))
    delivery = ReminderDelivery.objects.get()
    first_id = delivery.message_id
    # As if the worker had died after handing the message over, before the reply:
    ReminderDelivery.objects.filter(pk=delivery.pk).update(
        status=ReminderDelivery.Status.SENDING,
        claimed_at=delivery.attempted_at,
    )
    later = at(datetime.date(2027, 1, 8)) + datetime.timedelta(minutes=6)
    with time_machine.travel(later, tick=False):
        retry_failed()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (ReminderDelivery.Status.SENT, 2)
    assert [m["Message-ID"] for m in inbox.messages] == [first_id, first_id]
    assert "worker stopped while sending" in caplog.text


def test_given_up_and_stuck_deliveries_are_logged_and_on_the_dashboard(
    client, inbox, task, principal, caplog
):
    from kb.tests.factories import UserFactory

    staff_user(roles=[principal])
    inbox.refuse = 100
    day = at(datetime.date(2027, 1, 8))
    with time_machine.travel(day, tick=False):
        send_due_reminders()
    for hours in range(1, 12):
        with time_machine.travel(day + datetime.timedelta(hours=hours), tick=False):
            retry_failed()
    delivery = ReminderDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == (ReminderDelivery.Status.FAILED, 5)
    assert "failed (attempt 5/5)" in caplog.text
    assert any(r.levelname == "ERROR" for r in caplog.records)
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    with time_machine.travel(day + datetime.timedelta(hours=12), tick=False):
        client.force_login(admin)
        response = client.get("/admin/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Muistutussähköpostit, jotka vaativat huomiota" in page
    assert "Luovuttu 5 yrityksen jälkeen" in page
    editor = UserFactory(username="reader", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    with time_machine.travel(day + datetime.timedelta(hours=12), tick=False):
        client.force_login(editor)
        response = client.get("/admin/")
    assert response.status_code == 200  # positive control: the dashboard, without the panel
    assert "Luovuttu" not in response.content.decode()


def test_a_moved_occurrence_is_reminded_for_its_new_date(inbox, task, principal):
    staff_user(roles=[principal])
    run(datetime.date(2027, 1, 8))  # 7 days before 15.1.
    with time_machine.travel(at(datetime.date(2027, 1, 9)), tick=False):
        task.day = 20
        task.save()
    run(datetime.date(2027, 1, 13))  # 7 days before 20.1.
    run(datetime.date(2027, 1, 14))  # the old 1-day reminder is not due: the date moved
    assert len(inbox.messages) == 2
    assert "20.1.2027" in inbox.messages[1].get_body(("plain",)).get_content()
    keys = set(ReminderDelivery.objects.values_list("occurrence_key", flat=True))
    assert len(keys) == 1  # the same occurrence, reminded for each date it had


def test_smtp_without_a_short_timeout_fails_the_system_check(settings):
    from kb.outbox import email_timeout

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_TIMEOUT = 20
    assert email_timeout(None) == []
    settings.EMAIL_TIMEOUT = None
    assert [error.id for error in email_timeout(None)] == ["kb.E001"]
