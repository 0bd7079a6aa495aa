"""Planning writes delivery rows in bulk: complete rows, and never a second one per key."""

import datetime
import uuid
from zoneinfo import ZoneInfo

import pytest
import time_machine

from kb.tests.factories import RoleFactory, SchoolYearFactory, staff_user
from yearclock.models import ReminderDelivery
from yearclock.reminders import insert_deliveries, plan_reminders
from yearclock.tests.factories import TaskFactory, YearClockFactory

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = datetime.datetime(2027, 1, 14, 7, tzinfo=HELSINKI)
pytestmark = pytest.mark.django_db

Status = ReminderDelivery.Status


def row(user, key="k:20270115", offset=1, **fields):
    return {
        "kind": ReminderDelivery.Kind.REMINDER,
        "occurrence_key": key,
        "task_key": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "occurrence_date": datetime.date(2027, 1, 15),
        "starts_on": datetime.date(2027, 1, 15),
        "recipient_id": user.pk,
        "offset_days": offset,
        **fields,
    }


def test_inserted_rows_read_back_with_defaults(locales):
    user = staff_user()
    with time_machine.travel(NOW, tick=False):
        insert_deliveries([row(user), row(user, offset=7, status=Status.SKIPPED, last_error="x")])
    pending = ReminderDelivery.objects.get(offset_days=1)
    assert pending.task_key == uuid.UUID("12345678-1234-5678-1234-567812345678")
    assert pending.occurrence_date == pending.starts_on == datetime.date(2027, 1, 15)
    assert (pending.status, pending.attempts, pending.last_error) == (Status.PENDING, 0, "")
    assert pending.claim is None and pending.sent_at is None and pending.next_attempt_at is None
    assert pending.created_at == NOW
    skipped = ReminderDelivery.objects.get(offset_days=7)
    assert (skipped.status, skipped.last_error) == (Status.SKIPPED, "x")


def test_an_existing_row_is_left_alone_and_not_duplicated(locales):
    user = staff_user()
    insert_deliveries([row(user)])
    ReminderDelivery.objects.update(status=Status.SENT)
    # A racing worker (or a re-run) inserts the same key again, with other rows.
    insert_deliveries([row(user), row(user, key="k:20270116"), row(user)])
    assert ReminderDelivery.objects.count() == 2
    assert ReminderDelivery.objects.get(occurrence_key="k:20270115").status == Status.SENT


def test_many_rows_span_several_statements(locales):
    users = [staff_user() for _ in range(3)]
    rows = [row(user, key=f"k:{n}") for n in range(900) for user in users]
    insert_deliveries(rows)
    assert ReminderDelivery.objects.count() == 2700


def test_planning_twice_creates_each_delivery_once(locales):
    SchoolYearFactory(start_year=2026)
    principal = RoleFactory()
    users = [staff_user(roles=[principal]) for _ in range(3)]
    clock = YearClockFactory()
    for day in (15, 20):
        TaskFactory(year_clock=clock, roles=[principal], month=1, day=day, reminder_days="7,1")
    today = datetime.date(2027, 1, 14)
    with time_machine.travel(NOW, tick=False):
        first = plan_reminders(today)
        again = plan_reminders(today)
    assert (first, again) == (9, 0)  # 15.1.: 7 (skipped) and 1; 20.1.: 7 — for 3 people
    keys = set(ReminderDelivery.objects.values_list("occurrence_key", "recipient", "offset_days"))
    assert len(keys) == ReminderDelivery.objects.count() == 9
    recipients = set(ReminderDelivery.objects.values_list("recipient", flat=True))
    assert recipients == {user.pk for user in users}
    assert ReminderDelivery.objects.filter(status=Status.PENDING).count() == 6
