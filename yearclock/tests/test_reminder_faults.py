"""Fault injection: reminder workers killed at random points against a real SMTP server.

Each round starts a worker process (`send_due_reminders` on the test database) and
kills it with SIGKILL at one point: at a random moment (planning, claiming,
between messages), when it opens a mail transaction (before sending), after the
server stored a message but before the reply reaches the worker, or just after
the reply. Then a worker runs undisturbed. Counted: every reminder arrived (none
lost), and the only duplicates are messages the server had taken when the worker
died (the window SMTP cannot close), each with the Message-ID of the first copy.
"""

import datetime
import email
import os
import random
import signal
import subprocess
import sys
import threading
import time
from email import policy
from pathlib import Path

from django.db import connection
from django.utils import timezone

import pytest
from aiosmtpd.controller import Controller

from kb.tests.factories import RoleFactory, SchoolYearFactory, staff_user
from yearclock.models import ReminderDelivery, Task
from yearclock.tests.factories import TaskFactory, YearClockFactory
from yearclock.tests.test_feed_freshness import database_url
from yearclock.tests.test_reminders import free_port

ROOT = Path(__file__).resolve().parents[2]
# serialized_rollback: the flush afterwards leaves the tables empty for the next test that
# restores the migrated data (the browser tests), instead of re-creating content types.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The worker: real code; only the waits are shortened so the test runs in seconds,
# and attempts are not capped (giving up is tested on its own).
WORKER = """
import datetime
import django
django.setup()
from kb.outbox import Limits
from yearclock import reminders
from yearclock.models import ReminderDelivery
ReminderDelivery.limits = Limits(stale_claim=datetime.timedelta(seconds=1), max_attempts=1000)
print("ready", flush=True)
reminders.send_due_reminders()
"""
STALE_WAIT = 1.2


class FaultySmtp:
    """Stores messages; kills the current worker at the planned point."""

    def __init__(self):
        self.messages = []
        self.victim = None
        self.plan = None  # (point, message number in this round)
        self.count = 0
        self.kills = []
        self.lock = threading.Lock()

    def start_round(self, victim, plan):
        with self.lock:
            self.victim, self.plan, self.count = victim, plan, 0

    def kill(self, point):
        with self.lock:
            if self.victim is not None:
                os.kill(self.victim.pid, signal.SIGKILL)
                self.kills.append(point)
                self.victim = None

    def planned(self, point):
        return self.plan is not None and self.plan == (point, self.count)

    async def handle_MAIL(self, server, session, envelope, address, mail_options):
        self.count += 1
        if self.planned("before send"):
            self.kill("before send")
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        if self.planned("before the reply"):
            self.kill("before the reply")
        elif self.planned("after the reply"):
            delay = random.uniform(0, 0.02)
            threading.Timer(delay, self.kill, args=("after the reply",)).start()
        return "250 OK"


@pytest.fixture
def smtp():
    handler = FaultySmtp()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield handler, controller.port
    controller.stop()


def start_worker(port):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kb.settings.base",
        "DJANGO_SECRET_KEY": "fault-injection-test-only",
        "DATABASE_URL": database_url(),
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(port),
        "EMAIL_TIMEOUT": "5",
        "LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        [sys.executable, "-c", WORKER],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "ready", process.stderr.read()[-3000:]
    return process


def reminders_due_tomorrow(count):
    """`count` people get one message each; some of them about two tasks."""
    today = timezone.localdate()
    SchoolYearFactory(start_year=today.year if today.month >= 8 else today.year - 1)
    principal, teacher = RoleFactory(slug="rehtori"), RoleFactory(slug="opettaja")
    clock = YearClockFactory()
    tomorrow = today + datetime.timedelta(days=1)
    once = {
        "year_clock": clock,
        "rule": Task.Rule.ONCE,
        "once_date": tomorrow,
        "move_to_working_day": False,
        "reminder_days": "1",
    }
    TaskFactory(title="Tietosuojasopimusten tarkistus", roles=[principal], **once)
    TaskFactory(title="Laitteiden jako", roles=[teacher], **once)
    for n in range(count):
        roles = [principal, teacher] if n % 3 == 0 else [principal]
        staff_user(roles=roles, email=f"henkilo{n}@rusko.example")


def test_killed_workers_lose_no_reminder_and_duplicate_only_in_the_smtp_window(smtp, locales):
    handler, port = smtp
    people = 12
    reminders_due_tomorrow(people)
    generator = random.Random(8)
    points = ["at a random moment", "before send", "before the reply", "after the reply"]
    plans = [("before the reply", 2), ("before send", 1)]  # each kind at least once
    plans += [(generator.choice(points), generator.randint(1, 4)) for _ in range(4)]
    for point, number in plans:
        worker = start_worker(port)
        handler.start_round(worker, None if point == "at a random moment" else (point, number))
        if point == "at a random moment":
            time.sleep(generator.uniform(0, 0.4))
            handler.kill(point)
        try:
            worker.wait(timeout=60)
        finally:
            if worker.poll() is None:
                worker.kill()
        time.sleep(STALE_WAIT)  # the claims of a dead worker become stale
    handler.start_round(start_worker(port), None)
    assert handler.victim.wait(timeout=60) == 0, handler.victim.stderr.read()[-3000:]

    connection.close()  # see the worker's commits on a fresh connection
    rows = list(ReminderDelivery.objects.all())
    assert len(rows) == people + people // 3 + (1 if people % 3 else 0)
    assert {row.status for row in rows} == {ReminderDelivery.Status.SENT}  # none lost
    row_ids = {row.message_id for row in rows}
    inbox_ids = [message["Message-ID"] for message in handler.messages]
    assert set(inbox_ids) == row_ids  # every copy is a row's one Message-ID
    recipients = {message["To"] for message in handler.messages}
    assert len(recipients) == people
    duplicates = len(inbox_ids) - len(set(inbox_ids))
    in_window = handler.kills.count("before the reply") + handler.kills.count("after the reply")
    assert handler.kills.count("before the reply") <= duplicates <= in_window
    assert handler.kills.count("before the reply") >= 1
    assert handler.kills.count("before send") >= 1
    # A message killed before it was sent reached the server exactly once.
    for message_id in set(inbox_ids):
        copies = [m for m in handler.messages if m["Message-ID"] == message_id]
        assert len({m["To"] for m in copies}) == 1
        assert len({m["Subject"] for m in copies}) == 1
