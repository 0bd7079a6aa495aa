"""The feed judge: independent readers must see exactly the occurrences our code lists.

Every demo feed (public, filtered, personal; fi and sv), fetched at the start of
two school years, is read by python icalendar + recurring-ical-events, Mozilla's
ical.js (Thunderbird), node-ical and libical (Evolution; also its restriction
check), and each reader's events are compared instant by instant (UTC seconds;
dates for all-day events) with `occurrences_for`. The demo has timed tasks across
both daylight-saving changes; tasks at 03:30 on the changes' Sundays are added.

ical.js and node-ical come from npm (tests/judge/package.json; `npm ci --prefix
tests/judge`), libical from Debian's libical-dev; without them the test skips on
a laptop and fails in CI (REQUIRE_SERVICES=1).
"""

import datetime
import json
import shutil
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.urls import reverse

import icalendar
import pytest
import recurring_ical_events
import time_machine

from conftest import require_service
from kb import demo as kb_demo
from kb.models import Role
from yearclock import demo, feeds
from yearclock.models import FeedToken, Task, YearClock
from yearclock.occurrences import occurrences_for

HELSINKI = ZoneInfo("Europe/Helsinki")
JUDGE = Path(__file__).resolve().parents[2] / "tests" / "judge"
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def node_judge():
    node = shutil.which("node")
    if not node or not (JUDGE / "node_modules" / "ical.js").is_dir():
        require_service("node and tests/judge/node_modules (npm ci --prefix tests/judge)")
    return node


@pytest.fixture(scope="session")
def libical_checker(tmp_path_factory):
    compiler, pkg_config = shutil.which("cc"), shutil.which("pkg-config")
    flags = None
    if compiler and pkg_config:
        found = subprocess.run(
            [pkg_config, "--cflags", "--libs", "libical"], capture_output=True, text=True
        )
        flags = found.stdout.split() if found.returncode == 0 else None
    if not flags:
        require_service("a C compiler and Debian's libical-dev")
    binary = tmp_path_factory.mktemp("libical") / "libical_check"
    subprocess.run(
        [compiler, "-o", str(binary), str(JUDGE / "libical_check.c"), *flags], check=True
    )
    return binary


def value(moment):
    if isinstance(moment, datetime.datetime):
        return int(moment.timestamp())
    return moment.isoformat()


def expected_events(tasks, window, host):
    return sorted(
        (f"{item.key}@{host}", value(item.start), value(item.end), item.task.title)
        for item in occurrences_for(tasks, *window, with_completions=False)
    )


def python_events(body, window):
    calendar = icalendar.Calendar.from_ical(body)
    start = datetime.datetime.combine(window[0], datetime.time(), tzinfo=HELSINKI)
    end = datetime.datetime.combine(window[1], datetime.time(23, 59), tzinfo=HELSINKI)
    return sorted(
        (str(e["UID"]), value(e["DTSTART"].dt), value(e["DTEND"].dt), str(e["SUMMARY"]))
        for e in recurring_ical_events.of(calendar).between(start, end)
    )


def node_events(node, path, window):
    start = datetime.datetime.combine(window[0], datetime.time(), tzinfo=HELSINKI)
    end = datetime.datetime.combine(window[1], datetime.time(23, 59), tzinfo=HELSINKI)
    output = subprocess.run(
        [node, str(JUDGE / "expand.mjs"), str(path), start.isoformat(), end.isoformat()],
        capture_output=True,
        text=True,
        check=True,
        cwd=JUDGE,
    ).stdout
    found = json.loads(output)
    return {name: sorted(tuple(row) for row in rows) for name, rows in found.items()}


def libical_events(binary, path):
    lines = subprocess.run(
        [str(binary), str(path)], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    errors = [line for line in lines if line.startswith("ERROR\t")]
    events = []
    for line in lines:
        if line.startswith("ERROR\t"):
            continue
        uid, start, end = line.split("\t")
        events.append((uid, *(int(v) if v.isdigit() else v for v in (start, end))))
    return errors, sorted(events)


def without_titles(events):
    return sorted(event[:3] for event in events)


def dst_edge_tasks(clock):
    """03:30 on the last Sunday of October (occurs twice) and of March (does not exist)."""
    common = {
        "year_clock": clock,
        "locale": clock.locale,
        "category": Task.Category.DEVICES,
        "visibility": Task.Visibility.PUBLIC,
        "rule": Task.Rule.RRULE,
        "move_to_working_day": False,
        "start_time": datetime.time(3, 30),
    }
    Task.objects.create(title="Yö lokakuussa", rrule="FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", **common)
    Task.objects.create(
        title="Yö maaliskuussa",
        rrule="FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        end_time=datetime.time(3, 45),
        **common,
    )


def demo_feeds(client, clock):
    """(name, url, tasks, language) of every kind of feed the demo offers."""
    # rehtori reads Finnish, digiasiantuntija Swedish (kb.demo.STAFF_USERS).
    users = {
        name: get_user_model().objects.get(username=name)
        for name in ("rehtori", "digiasiantuntija")
    }
    base = reverse("yearclock_feeds:public", kwargs={"slug": clock.slug})
    teacher = Role.objects.get(slug="opettaja", locale__language_code="fi")
    result = []
    for language in ("fi", "sv"):
        everything = feeds.FeedFilter(language=language)
        result.append((f"public {language}", f"{base}?lang={language}", everything, language, None))
        filtered = feeds.FeedFilter(
            language=language, roles=(teacher.slug,), categories=("devices", "pedagogy")
        )
        url = f"{base}?lang={language}&role={teacher.slug}&category=devices,pedagogy"
        result.append((f"filtered {language}", url, filtered, language, None))
    for name, user in users.items():
        _token, raw = FeedToken.issue(user)
        url = reverse("yearclock_feeds:personal", kwargs={"token": raw})
        result.append((f"personal {name}", url, None, None, user))
    return result


def feed_tasks(clock, feed_filter, user):
    if user is None:
        return feeds.public_feed_tasks(clock, feed_filter)
    language = user.staff_profile.language
    return feeds.personal_feed_tasks(user, language)


@pytest.mark.parametrize("today", [datetime.date(2026, 8, 3), datetime.date(2027, 8, 2)])
def test_every_reader_sees_every_occurrence_of_every_demo_feed(
    client, locales, node_judge, libical_checker, tmp_path, today
):
    moment = datetime.datetime.combine(today, datetime.time(8), tzinfo=HELSINKI)
    with time_machine.travel(moment, tick=False):
        kb_demo.load()
        demo.load()
        clock = YearClock.objects.get(slug="rusko", locale__language_code="fi")
        dst_edge_tasks(clock)
        window = feeds.feed_window()
        host = feeds.settings.SITE_BASE_URL.split("://", 1)[-1].split("/", 1)[0]
        checked, timed = 0, set()
        for name, url, feed_filter, _language, user in demo_feeds(client, clock):
            response = client.get(url)
            assert response.status_code == 200, (name, response.content[:200])
            path = tmp_path / f"{name.replace(' ', '-')}.ics"
            path.write_bytes(response.content)
            expected = expected_events(feed_tasks(clock, feed_filter, user), window, host)
            assert len(expected) > 20, name
            assert python_events(response.content, window) == expected, name
            readers = node_events(node_judge, path, window)
            assert readers["icaljs"] == expected, f"ical.js: {name}"
            assert readers["nodeical"] == expected, f"node-ical: {name}"
            errors, events = libical_events(libical_checker, path)
            assert errors == [], f"libical: {name}"
            assert events == without_titles(expected), f"libical: {name}"
            checked += len(expected)
            timed |= {event[3] for event in expected if isinstance(event[1], int)}
    assert {"Yö lokakuussa", "Yö maaliskuussa", "Laitteiden yöpäivitys"} <= timed
    assert "Digitukituokio opettajille" in timed
    assert checked > 200


def test_demo_has_timed_tasks_across_both_daylight_saving_changes(locales):
    with time_machine.travel(datetime.datetime(2026, 8, 3, 8, tzinfo=HELSINKI), tick=False):
        kb_demo.load()
        demo.load()
    tasks = Task.objects.filter(locale__language_code="fi", start_time__isnull=False)
    found = occurrences_for(tasks, datetime.date(2026, 8, 1), datetime.date(2027, 7, 31))
    offsets = {item.start.utcoffset() for item in found}
    assert offsets == {datetime.timedelta(hours=3), datetime.timedelta(hours=2)}
    nights = {
        item.start.date(): item.end.astimezone(datetime.UTC) - item.start.astimezone(datetime.UTC)
        for item in found
        if item.task.title == "Laitteiden yöpäivitys"
    }
    # 2.30-4.30 on the clock: three hours when summer time ends, one when it starts.
    assert nights[datetime.date(2026, 10, 25)] == datetime.timedelta(hours=3)
    assert nights[datetime.date(2027, 3, 28)] == datetime.timedelta(hours=1)
    assert nights[datetime.date(2027, 1, 31)] == datetime.timedelta(hours=2)


# -- the judge can fail ------------------------------------------------------------------


def old_vtimezone_feed(body, window):
    """The same feed with the VTIMEZONE icalendar's Timezone.from_tzid writes."""
    start = body.index(b"BEGIN:VTIMEZONE")
    end = body.index(b"END:VTIMEZONE\r\n") + len(b"END:VTIMEZONE\r\n")
    old = icalendar.Timezone.from_tzid(
        "Europe/Helsinki",
        first_date=window[0] - datetime.timedelta(days=366),
        last_date=window[1] + datetime.timedelta(days=366),
    ).to_ical()
    return body[:start] + old + body[end:]


def test_judge_catches_the_vtimezone_ical_js_misreads(
    client, locales, node_judge, libical_checker, tmp_path
):
    with time_machine.travel(datetime.datetime(2026, 9, 1, 8, tzinfo=HELSINKI), tick=False):
        kb_demo.load()
        demo.load()
        clock = YearClock.objects.get(slug="rusko", locale__language_code="fi")
        window = feeds.feed_window()
        body = client.get(reverse("yearclock_feeds:public", kwargs={"slug": clock.slug})).content
    good, bad = tmp_path / "good.ics", tmp_path / "bad.ics"
    good.write_bytes(body)
    bad.write_bytes(old_vtimezone_feed(body, window))
    assert (
        node_events(node_judge, bad, window)["icaljs"]
        != (node_events(node_judge, good, window)["icaljs"])
    )
    # libical rejects what RFC 5545 and iTIP do not allow.
    with_method = body.replace(b"VERSION:2.0\r\n", b"VERSION:2.0\r\nMETHOD:PUBLISH\r\n")
    bad.write_bytes(with_method)
    errors, _events = libical_events(libical_checker, bad)
    assert errors
    assert libical_events(libical_checker, good)[0] == []
