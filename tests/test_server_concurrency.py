"""Concurrent editors, staff and readers against the real server: nothing fails, nothing is lost.

gunicorn (gunicorn.conf.py: 2 workers x 4 threads) serves the test database. For a
few seconds, editors save tasks through Wagtail's admin, staff create calendar
addresses and mark occurrences done, and readers load pages, all at once. With
SQLite that is the case that answered "500 database is locked" before WAL, the
busy timeout and IMMEDIATE transactions (kb.settings.base.SQLITE_OPTIONS).
"""

import datetime
import http.client
import threading
import time
import urllib.parse
from html.parser import HTMLParser

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

import pytest

from kb.tests.factories import SchoolYearFactory
from tests.server import database_url, gunicorn
from yearclock.models import Completion, FeedToken, Task
from yearclock.selectors import current_start_year
from yearclock.tests.factories import TaskFactory, YearClockFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SECONDS = 4  # at least; and until every writer has written MINIMUM times (2 busy cores)
MINIMUM = 3
LIMIT = 90
CSRF = "k" * 32  # a CSRF secret of our choosing, sent as cookie and header
EDITORS, TOKEN_MAKERS, COMPLETERS, READERS = 3, 2, 2, 3


class FormFields(HTMLParser):
    """The fields a browser would submit from each of the page's forms."""

    def __init__(self):
        super().__init__()
        self.forms, self.fields, self._select, self._textarea = [], [], None, None

    def form_with(self, name):
        return next(form for form in self.forms if any(k == name for k, _v in form))

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.fields = []
            self.forms.append(self.fields)
        elif tag == "input" and a.get("name") and a.get("type") not in {"submit", "button", "file"}:
            if a.get("type") not in {"checkbox", "radio"} or "checked" in a:
                self.fields.append((a["name"], a.get("value") or ""))
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value") or ""))
        elif tag == "textarea" and a.get("name"):
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append(tuple(self._textarea))
            self._textarea = None


class Session:
    """One signed-in person's HTTP connection to the server, with the CSRF cookie."""

    def __init__(self, base, user=None):
        self.host = urllib.parse.urlsplit(base).netloc
        self.cookie = f"{settings.CSRF_COOKIE_NAME}={CSRF}"
        if user is not None:
            client = Client()
            client.force_login(user)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            self.cookie += f"; {settings.SESSION_COOKIE_NAME}={session}"

    def request(self, method, path, fields=None):
        connection = http.client.HTTPConnection(self.host, timeout=60)
        headers = {"Cookie": self.cookie, "X-CSRFToken": CSRF}
        body = None
        if fields is not None:
            body = urllib.parse.urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            return response.status, response.read().decode(errors="replace")
        finally:
            connection.close()


class Load:
    """Runs the workers for SECONDS and collects every answer."""

    def __init__(self):
        self.started = self.stop_at = 0
        self.answers = []  # (kind, status)
        self.problems = []
        self.lock = threading.Lock()

    def run(self, workers):
        """Each worker is a callable returning its step (after preparing, e.g. a GET)."""
        steps = [worker() for worker in workers]
        self.started = time.monotonic()
        self.stop_at = self.started + SECONDS
        threads = [threading.Thread(target=self.repeat, args=(step,)) for step in steps]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=LIMIT + 60)

    def repeat(self, step):
        done = 0
        try:
            while time.monotonic() - self.started < LIMIT and (
                time.monotonic() < self.stop_at or done < MINIMUM
            ):
                step(done)
                done += 1
        except Exception as error:  # noqa: BLE001 - reported by the test as a failure
            with self.lock:
                self.problems.append(repr(error))

    def note(self, kind, status, body=""):
        with self.lock:
            self.answers.append((kind, status))
            if status >= 500:
                self.problems.append(f"{kind}: {status} {body[:300]}")


@pytest.fixture
def scene(locales):
    today = timezone.localdate()
    start_year = current_start_year(today)
    SchoolYearFactory(start_year=start_year)
    clock = YearClockFactory(slug="kuormitus")
    daily = {"rule": Task.Rule.RRULE, "rrule": "FREQ=DAILY", "year_clock": clock}
    public = {"visibility": Task.Visibility.PUBLIC, **daily}
    User = get_user_model()
    people = [
        User.objects.create_superuser(f"henkilo{n}", f"henkilo{n}@example.org", "x")
        for n in range(EDITORS + TOKEN_MAKERS + COMPLETERS)
    ]
    edited = [TaskFactory(title=f"Muokattava {n}", **public) for n in range(EDITORS)]
    done = [TaskFactory(title=f"Kuitattava {n}", **public) for n in range(COMPLETERS)]
    return {"clock": clock, "people": people, "edited": edited, "done": done, "today": today}


def test_concurrent_writers_and_readers_never_fail_or_lose_a_write(scene):
    env = {"DJANGO_SETTINGS_MODULE": "kb.settings.test", "DATABASE_URL": database_url(connection)}
    load = Load()
    saved_titles = {}  # task pk -> the last title the admin accepted
    tokens, completions = [], []
    people = iter(scene["people"])
    with translation.override("fi"):
        clock_path = reverse("yearclock:year_clock", kwargs={"slug": scene["clock"].slug})
        calendar_path = reverse("yearclock:calendar")
        task_paths = [
            reverse("yearclock:task", kwargs={"slug": scene["clock"].slug, "pk": t.pk})
            for t in scene["done"]
        ]

    with gunicorn(env) as (base, server):

        def editor(task):
            session = Session(base, next(people))
            path = reverse("wagtailsnippets_yearclock_task:edit", args=[task.pk])
            status, page = session.request("GET", path)
            assert status == 200, (status, page[:300])
            parser = FormFields()
            parser.feed(page)
            fields = [(k, v) for k, v in parser.form_with("title") if k != "title"]

            def step(n):
                title = f"Muokattava {task.pk} versio {n}"
                status, body = session.request("POST", path, [*fields, ("title", title)])
                load.note("task save", status, body)
                if status == 302:
                    saved_titles[task.pk] = title

            return step

        def token_maker(number):
            session = Session(base, next(people))

            def step(n):
                label = f"kalenteri {number}-{n}"
                fields = {"action": "create", "label": label}
                status, body = session.request("POST", calendar_path, fields)
                load.note("feed token", status, body)
                if status == 200 and "webcal://" in body:
                    tokens.append(label)

            return step

        def completer(task, path):
            session = Session(base, next(people))

            def step(n):
                day = scene["today"] + datetime.timedelta(days=n)
                fields = {"occurrence": day.isoformat(), "note": "tehty"}
                status, body = session.request("POST", path, fields)
                load.note("completion", status, body)
                if status == 302:
                    completions.append((task.pk, day))

            return step

        def reader(number):
            session = Session(base)
            paths = [clock_path, "/fi/", "/healthz", task_paths[0]]

            def step(n):
                status, body = session.request("GET", paths[(number + n) % len(paths)])
                load.note("read", status, body)

            return step

        workers = [lambda t=task: editor(t) for task in scene["edited"]]
        workers += [lambda n=n: token_maker(n) for n in range(TOKEN_MAKERS)]
        workers += [
            lambda t=t, p=p: completer(t, p) for t, p in zip(scene["done"], task_paths, strict=True)
        ]
        workers += [lambda n=n: reader(n) for n in range(READERS)]
        load.run(workers)
        log = server.output_tail()

    assert load.problems == [], f"{load.problems[:5]}\n{log}"
    statuses = {}
    for kind, status in load.answers:
        statuses.setdefault(kind, []).append(status)
    # Every kind of writer got through, several times: the check below is about real writes.
    assert statuses["task save"].count(302) >= EDITORS * MINIMUM, statuses["task save"]
    assert len(tokens) >= TOKEN_MAKERS * MINIMUM
    assert len(completions) >= COMPLETERS * MINIMUM
    assert set(statuses["read"]) == {200}
    for pk, title in saved_titles.items():
        assert Task.objects.get(pk=pk).title == title
    assert set(FeedToken.objects.values_list("label", flat=True)) >= set(tokens)
    stored = set(Completion.objects.values_list("task_id", "occurrence_date"))
    assert stored >= set(completions)
