"""SEQUENCE rises once per save even when two editors save the same task at once."""

import threading
import time

from django.db import connection, connections, transaction

import pytest

from yearclock.models import Task
from yearclock.tests.factories import TaskFactory

# serialized_rollback: a flush with post-migrate would give the next such test new content types.
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_concurrent_saves_both_count(locales):
    if connection.vendor != "postgresql":
        pytest.skip("needs row locks between two connections (runs on PostgreSQL)")
    task = TaskFactory()
    first_saved, release = threading.Event(), threading.Event()
    errors = []

    def first():
        try:
            with transaction.atomic():
                Task.objects.get(pk=task.pk).save()
                first_saved.set()
                release.wait(10)
        except Exception as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
        finally:
            connections.close_all()

    def second():
        try:
            first_saved.wait(10)
            Task.objects.get(pk=task.pk).save()  # waits for the first one's commit
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    first_saved.wait(10)
    time.sleep(0.5)  # the second save is now waiting on the first one's row lock
    release.set()
    for thread in threads:
        thread.join(20)
    assert errors == []
    # A read-modify-write (max + 1) would give 1: both read 0 before either committed.
    assert Task.objects.get(pk=task.pk).sequence == 2
