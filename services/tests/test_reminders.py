"""E-mail from the register through a real SMTP server on loopback (aiosmtpd), with a frozen
clock: agreements ending and reviews falling due reach their owner once; failures retry
with the same Message-ID; a stopped worker's rows are recovered."""

import datetime

from django.utils import timezone

import pytest
import time_machine

from services.models import EmailDelivery
from services.reminders import LIMITS, OUTBOX, send_due_reminders, send_pending
from services.tests.conftest import at
from services.tests.factories import (
    AgreementFactory,
    AssessmentFactory,
    DecisionFactory,
    DigitalServiceFactory,
    in_use,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def run(day, hour=7, job=send_due_reminders):
    with time_machine.travel(at(day, hour), tick=False):
        return job()


def subjects(inbox):
    # Python's parser keeps the folding space before a long encoded Subject.
    return [message["Subject"].strip() for message in inbox.messages]


@pytest.fixture
def owner(people):
    return people["expert"]


@pytest.fixture
def sanapeli(municipalities, owner, settings):
    settings.SERVICE_REMINDER_WINDOW_DAYS = 60
    service = DigitalServiceFactory(slug="sanapeli", name_fi="Sanapeli", name_sv="Ordspelet")
    DecisionFactory(service=service, owner=owner)
    agreement = AgreementFactory(service=service, valid_until=D(2026, 12, 31))
    AssessmentFactory(service=service, next_review=D(2027, 8, 1))
    return agreement


def test_an_ending_agreement_is_emailed_to_its_owner_once(inbox, sanapeli, owner):
    run(D(2026, 10, 31))  # 61 days before: outside the window
    assert inbox.messages == []
    run(D(2026, 11, 1))
    run(D(2026, 11, 1), hour=9)  # a second run the same day
    run(D(2026, 11, 2))
    run(D(2026, 11, 2), job=send_pending)
    assert subjects(inbox) == ["Tietosuojasopimus päättymässä: Sanapeli"]
    (message,) = inbox.messages
    assert message["To"] == "daniel@rusko.example"
    text = message.get_body(("plain",)).get_content()
    assert "Tietosuojasopimus päättyy 31.12.2026." in text
    assert "/fi/palvelut/sanapeli/" in text
    assert message["Message-ID"].startswith("<services.")
    assert EmailDelivery.objects.get().status == EmailDelivery.Status.SENT


def test_several_things_falling_due_make_one_email(inbox, sanapeli, owner):
    other = DigitalServiceFactory(slug="lukulaksy", name_fi="Lukuläksy")
    DecisionFactory(service=other, owner=owner)
    AssessmentFactory(service=other, next_review=D(2026, 11, 30))
    run(D(2026, 11, 20))
    assert subjects(inbox) == ["Palvelurekisteri: 2 erääntyvää asiaa"]
    text = inbox.messages[0].get_body(("plain",)).get_content()
    assert "Sanapeli" in text and "Lukuläksy" in text
    assert "Vaikutustenarviointi on tarkistettava 30.11.2026 mennessä." in text


def test_swedish_owners_get_swedish_email(inbox, sanapeli, owner):
    profile = owner.staff_profile
    profile.language = "sv"
    profile.save()
    run(D(2026, 11, 15))
    assert subjects(inbox) == ["Dataskyddsavtal löper ut: Ordspelet"]
    assert (
        "Dataskyddsavtalet upphör 31.12.2026."
        in inbox.messages[0].get_body(("plain",)).get_content()
    )


def test_smtp_failure_is_retried_with_the_same_message_id(inbox, sanapeli, caplog):
    inbox.refuse = 1
    run(D(2026, 11, 1))
    delivery = EmailDelivery.objects.get()
    assert delivery.status == EmailDelivery.Status.FAILED
    assert "451" in delivery.last_error
    first_id = delivery.message_id
    assert first_id
    run(D(2026, 11, 1), hour=7, job=send_pending)  # too early for a retry
    assert inbox.messages == []
    with time_machine.travel(at(D(2026, 11, 1), 7) + datetime.timedelta(minutes=20), tick=False):
        send_pending()
    (message,) = inbox.messages
    assert message["Message-ID"] == first_id
    delivery.refresh_from_db()
    assert delivery.status == EmailDelivery.Status.SENT and delivery.attempts == 2


def test_a_renewed_agreement_is_not_reminded_for_its_old_date(inbox, sanapeli):
    inbox.refuse = 5
    run(D(2026, 11, 1))
    assert EmailDelivery.objects.get().status == EmailDelivery.Status.FAILED
    sanapeli.valid_until = D(2028, 12, 31)
    sanapeli.save()
    inbox.refuse = 0
    with time_machine.travel(at(D(2026, 11, 2)), tick=False):
        send_due_reminders()
    assert inbox.messages == []
    assert EmailDelivery.objects.get().status == EmailDelivery.Status.SKIPPED


def test_services_not_in_use_and_ownerless_ones_are_not_reminded(inbox, municipalities, owner):
    retired = DigitalServiceFactory(slug="musapaja")
    DecisionFactory(service=retired, owner=owner, status="retired", reasons_fi="Lopetettu.")
    AgreementFactory(service=retired, valid_until=D(2026, 12, 1))
    ownerless, _agreement, _assessment = in_use()
    AgreementFactory._meta.model.objects.filter(service=ownerless.service).update(
        valid_until=D(2026, 12, 1)
    )
    run(D(2026, 11, 20))
    assert inbox.messages == []
    assert not EmailDelivery.objects.exists()


def test_a_stopped_workers_rows_are_recovered(inbox, sanapeli, owner):
    with time_machine.travel(at(D(2026, 11, 1)), tick=False):
        from services.reminders import plan_reminders

        plan_reminders(timezone.localdate())
        OUTBOX.claim(timezone.now(), LIMITS)  # a worker took the row and stopped
        assert send_pending()["sent"] == 0  # another worker leaves it alone
    assert inbox.messages == []
    later = at(D(2026, 11, 1)) + LIMITS.stale_claim + datetime.timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        send_pending()  # never attempted: back to pending and sent
    assert len(inbox.messages) == 1
    delivery = EmailDelivery.objects.get()
    assert delivery.status == EmailDelivery.Status.SENT and delivery.attempts == 1


def test_a_row_stopped_during_smtp_is_resent_with_its_message_id(inbox, sanapeli):
    with time_machine.travel(at(D(2026, 11, 1)), tick=False):
        from services.reminders import plan_reminders

        plan_reminders(timezone.localdate())
        OUTBOX.claim(timezone.now(), LIMITS)
        row = EmailDelivery.objects.get()
        OUTBOX.record_attempt([row.pk], "<kesken@rusko.example>")
    later = at(D(2026, 11, 1)) + LIMITS.stale_claim + datetime.timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        send_pending()
    (message,) = inbox.messages
    assert message["Message-ID"] == "<kesken@rusko.example>"


def test_the_outcome_of_a_request_goes_through_smtp(
    inbox, people, municipalities, django_capture_on_commit_callbacks
):
    from services import request_review
    from services.models import Decision
    from services.tests.factories import ServiceRequestFactory

    request = ServiceRequestFactory(requested_by=people["teacher"])
    with time_machine.travel(at(D(2026, 11, 24)), tick=False):
        request_review.start_review(request, people["expert"], slug="aanitehdas")
        for kind in ("data_protection", "accessibility", "agreement", "impact_assessment"):
            request_review.resolve_step(request, people["expert"], kind, "done")
        with django_capture_on_commit_callbacks(execute=True):
            request_review.decide(request, people["expert"], Decision(status="approved"))
        send_pending()
    assert subjects(inbox) == ["Pyyntösi: Äänitehdas – Hyväksytty"]
    assert inbox.messages[0]["To"] == "olli@rusko.example"


def test_the_jobs_are_scheduled_once_in_local_time(db):
    from django_q.models import Schedule

    from services.management.commands.services_schedule import register_schedules

    with time_machine.travel(at(D(2026, 3, 28), 8), tick=False):  # the day before DST starts
        daily, retry = register_schedules()
        register_schedules()
    assert Schedule.objects.filter(func__startswith="services.").count() == 2
    assert timezone.localtime(daily.next_run).hour == 7
    assert timezone.localtime(daily.next_run).date() == D(2026, 3, 29)
    assert (retry.func, retry.minutes) == ("services.reminders.send_pending", 5)
