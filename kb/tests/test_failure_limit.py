"""Failure counts are shared and atomic: two processes counting at once lose nothing."""

import os
import sqlite3
import subprocess
import sys
import textwrap

from django.conf import settings
from django.db import connection

import pytest

from kb.models import FailureCount
from kb.security import FailureLimit

PER_PROCESS = 100
COUNTER = textwrap.dedent(
    """
    import os, pathlib, sys, time
    import django
    django.setup()
    from kb.security import FailureLimit

    start = pathlib.Path(sys.argv[1])
    while not start.exists():  # both processes begin together
        time.sleep(0.01)
    limit = FailureLimit("race", limit=10**6, window=10**9)
    print(" ".join(str(limit.record("192.0.2.1")) for _ in range(int(sys.argv[2]))))
    """
)


def database_url(tmp_path):
    """A database both processes can open: a file for SQLite, the test database otherwise."""
    if connection.vendor == "sqlite":
        path = tmp_path / "counts.sqlite3"
        with connection.schema_editor(collect_sql=True) as editor:
            editor.create_model(FailureCount)
        with sqlite3.connect(path) as database:
            for statement in editor.collected_sql:
                database.execute(statement)
        return f"sqlite:///{path}", path
    options = connection.settings_dict
    url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**options)
    return url, None


def counted(path):
    if path is None:
        return FailureCount.objects.get(counter="race").failures
    with sqlite3.connect(path) as database:
        return database.execute("SELECT failures FROM kb_failurecount").fetchone()[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_processes_counting_at_once_lose_no_failure(tmp_path):
    url, path = database_url(tmp_path)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "kb.settings.test"}
    start = tmp_path / "start"
    processes = [
        subprocess.Popen(  # noqa: S603 (our own interpreter, fixed script)
            [sys.executable, "-c", COUNTER, str(start), str(PER_PROCESS)],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    start.touch()
    seen = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        seen.append([int(number) for number in out.split()])
    # Every increment returned a different count, and the total is the sum.
    assert sorted(seen[0] + seen[1]) == list(range(1, 2 * PER_PROCESS + 1))
    assert counted(path) == 2 * PER_PROCESS


@pytest.mark.django_db
def test_counts_are_per_limit_address_and_window(settings):
    feed = FailureLimit("feed-token", limit=3, window=600)
    other = FailureLimit("login", limit=3, window=600)
    assert [feed.record("192.0.2.1") for _ in range(3)] == [1, 2, 3]
    assert feed.retry_after("192.0.2.1") > 0
    assert feed.retry_after("192.0.2.2") == 0
    assert other.retry_after("192.0.2.1") == 0
    assert other.record("192.0.2.1") == 1
