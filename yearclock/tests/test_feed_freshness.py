"""Feeds stay fresh across processes, with the per-process and the database cache.

A real server process (`manage.py runserver --noreload` on the test database)
serves the feeds; this process edits tasks, as an editor's request in another
worker would. The versions a cached feed is keyed on live in the database, so the
server must answer with the edit at once, with either cache.
"""

import gzip
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.core.management import call_command
from django.db import connection

import pytest

from kb.tests.factories import SchoolYearFactory
from yearclock.models import Task
from yearclock.tests.factories import TaskFactory, YearClockFactory

ROOT = Path(__file__).resolve().parents[2]
# serialized_rollback: the flush afterwards leaves the tables empty for the next test that
# restores the migrated data (the browser tests), instead of re-creating content types.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url():
    data = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{data['NAME']}"
    return (
        f"postgres://{data['USER']}:{data['PASSWORD']}@{data['HOST']}:{data['PORT']}/{data['NAME']}"
    )


@pytest.fixture(params=["memory cache", "database cache"])
def server(request, settings):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kb.settings.test",
        "DATABASE_URL": database_url(),
    }
    if request.param == "database cache":
        table = "yearclock_test_feed_cache"
        settings.CACHES = {
            **settings.CACHES,  # the page cache's alias stays (kb.page_cache purges on saves)
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": table,
            },
        }
        call_command("createcachetable", verbosity=0)
        env["CACHE_LOCATION"] = table
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("the server did not start: " + process.stderr.read().decode()[-2000:])
            time.sleep(0.2)
    yield f"http://127.0.0.1:{port}", request.param
    process.terminate()
    process.wait(timeout=10)


def fetch(url, **headers):
    """(status, headers, body) from the server; 304 is an answer, not an error."""
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - loopback
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_an_edit_in_another_process_reaches_the_served_feed_at_once(server, locales):
    base, kind = server
    SchoolYearFactory()
    clock = YearClockFactory(slug="freshness")
    weekly = {"rule": Task.Rule.RRULE, "rrule": "FREQ=WEEKLY;BYDAY=MO"}
    public = {"year_clock": clock, "visibility": Task.Visibility.PUBLIC, **weekly}
    edited = TaskFactory(title="Alkuperäinen otsikko", **public)
    hidden = TaskFactory(title="Pian vain henkilöstölle", **public)
    deleted = TaskFactory(title="Pian poistettu", **public)
    url = f"{base}/feeds/{clock.slug}.ics"

    status, headers, body = fetch(url)
    assert status == 200
    for title in ("Alkuperäinen otsikko", "Pian vain henkilöstölle", "Pian poistettu"):
        assert title.encode() in body
    first_etag = headers["ETag"]
    assert fetch(url, **{"If-None-Match": first_etag})[0] == 304  # served from its cache

    edited.title = "Muutettu otsikko"
    edited.save()
    status, headers, body = fetch(url, **{"If-None-Match": first_etag})
    assert status == 200
    assert b"Muutettu otsikko" in body and b"Alkuperainen" not in body
    assert "Alkuperäinen otsikko".encode() not in body

    hidden.visibility = Task.Visibility.STAFF
    hidden.save()
    deleted.delete()
    status, headers, body = fetch(url)
    assert status == 200
    assert "Pian vain henkilöstölle".encode() not in body
    assert b"Pian poistettu" not in body
    assert b"Muutettu otsikko" in body
    assert fetch(url, **{"If-None-Match": first_etag})[0] == 200  # never 304 again

    status, zipped_headers, zipped = fetch(url, **{"Accept-Encoding": "gzip"})
    assert zipped_headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped) == body
    assert zipped_headers["ETag"] != headers["ETag"]
    assert "Accept-Encoding" in zipped_headers["Vary"]
    if kind == "database cache":
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM yearclock_test_feed_cache")
            assert cursor.fetchone()[0] > 0  # the server's renders are shared here
