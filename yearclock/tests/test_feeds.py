"""Calendar feeds: valid for independent parsers, filtered, private where they must be."""

import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

import icalendar
import pytest
import recurring_ical_events
import time_machine

from kb.tests.factories import RoleFactory, SchoolFactory, SchoolYearFactory, staff_user
from yearclock.feeds import feed_window
from yearclock.models import FeedToken, Task
from yearclock.occurrences import occurrences_for
from yearclock.tests.factories import TaskFactory, YearClockFactory

HELSINKI = ZoneInfo("Europe/Helsinki")
NOW = datetime.datetime(2026, 9, 1, 12, 0, tzinfo=HELSINKI)

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def clock(locales, frozen):
    SchoolYearFactory(start_year=2026)
    SchoolYearFactory(
        start_year=2027,
        autumn_term_start=datetime.date(2027, 8, 11),
        autumn_term_end=datetime.date(2027, 12, 21),
        spring_term_start=datetime.date(2028, 1, 8),
        spring_term_end=datetime.date(2028, 6, 1),
    )
    return YearClockFactory(slug="rusko")


def get_feed(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/calendar")
    return response, icalendar.Calendar.from_ical(response.content)


def feed_url(clock, **params):
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return reverse("yearclock_feeds:public", kwargs={"slug": clock.slug}) + (
        f"?{query}" if query else ""
    )


def test_round_trip_has_calendar_properties_and_exclusive_all_day_end(client, clock):
    TaskFactory(
        year_clock=clock,
        visibility=Task.Visibility.PUBLIC,
        title="Laitteiden palautus",
        rule=Task.Rule.ONCE,
        once_date=datetime.date(2026, 10, 15),
        alarm_minutes=60,
    )
    response, calendar = get_feed(client, feed_url(clock))
    assert icalendar.Calendar.from_ical(calendar.to_ical()).to_ical() == calendar.to_ical()
    assert "METHOD" not in calendar  # PUBLISH would need an ORGANIZER (RFC 5546)
    assert calendar["X-WR-CALNAME"] == clock.name
    assert "X-WR-CALDESC" in calendar
    assert b"\r\nX-PUBLISHED-TTL:PT6H\r\n" in response.content
    assert b"\r\nREFRESH-INTERVAL;VALUE=DURATION:PT6H\r\n" in response.content
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Helsinki"]
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert "COMMENT" not in vtimezone  # not allowed there (RFC 5545 3.6.5)
    (event,) = calendar.walk("VEVENT")
    assert event["DTSTART"].dt == datetime.date(2026, 10, 15)
    assert event["DTEND"].dt == datetime.date(2026, 10, 16)  # exclusive
    for name in ("UID", "DTSTAMP", "LAST-MODIFIED", "SEQUENCE", "URL"):
        assert name in event
    assert "http://testserver" not in event["DESCRIPTION"]
    assert event["DESCRIPTION"].count("http") >= 1
    # The alarm comes after the event's own properties.
    raw = event.to_ical().decode()
    assert raw.index("BEGIN:VALARM") > raw.index("DTSTART")
    assert raw.index("BEGIN:VALARM") > raw.index("UID")
    (alarm,) = event.walk("VALARM")
    assert alarm["TRIGGER"].dt == -datetime.timedelta(minutes=60)


def test_timed_events_carry_tzid_and_survive_daylight_saving_changes(client, clock):
    # Monthly on the last Monday at 9.00: spans the autumn (25.10.2026) and the
    # spring (28.3.2027) daylight-saving changes.
    task = TaskFactory(
        year_clock=clock,
        visibility=Task.Visibility.PUBLIC,
        rule=Task.Rule.RRULE,
        rrule="FREQ=WEEKLY;BYDAY=MO",
        start_time=datetime.time(9, 0),
        end_time=datetime.time(10, 30),
        move_to_working_day=False,
    )
    response, calendar = get_feed(client, feed_url(clock))
    assert b"DTSTART;TZID=Europe/Helsinki:" in response.content
    start, end = feed_window()
    expected = {
        (item.start, item.end)
        for item in occurrences_for([task], start, end, with_completions=False)
    }
    window = (
        datetime.datetime.combine(start, datetime.time(), tzinfo=HELSINKI),
        datetime.datetime.combine(end, datetime.time(23, 59), tzinfo=HELSINKI),
    )
    expanded = {
        (event["DTSTART"].dt, event["DTEND"].dt)
        for event in recurring_ical_events.of(calendar).between(*window)
    }
    assert expanded == expected
    assert len(expected) > 60
    utc_hours = {moment.astimezone(datetime.UTC).hour for moment, _end in expanded}
    assert utc_hours == {6, 7}  # 9.00 EEST and 9.00 EET
    before = datetime.datetime(2026, 10, 19, 9, tzinfo=HELSINKI)
    after = datetime.datetime(2026, 10, 26, 9, tzinfo=HELSINKI)
    elapsed = after.astimezone(datetime.UTC) - before.astimezone(datetime.UTC)
    assert elapsed == datetime.timedelta(days=7, hours=1)
    assert {before, after} <= {moment for moment, _end in expanded}


def test_all_day_occurrences_equal_recurring_ical_events(client, clock):
    tasks = [
        TaskFactory(year_clock=clock, visibility=Task.Visibility.PUBLIC, month=1, day=15),
        TaskFactory(
            year_clock=clock,
            visibility=Task.Visibility.PUBLIC,
            rule=Task.Rule.TERM,
            anchor=Task.Anchor.SPRING_TERM_END,
            offset_days=-14,
            duration_days=5,
        ),
        TaskFactory(
            year_clock=clock,
            visibility=Task.Visibility.PUBLIC,
            rule=Task.Rule.MONTHLY_WEEKDAY,
            nth=1,
            weekday=0,
            within_terms=True,
        ),
    ]
    _response, calendar = get_feed(client, feed_url(clock))
    start, end = feed_window()
    expected = {
        (item.task.title, item.start, item.end)
        for item in occurrences_for(tasks, start, end, with_completions=False)
    }
    expanded = {
        (str(event["SUMMARY"]), event["DTSTART"].dt, event["DTEND"].dt)
        for event in recurring_ical_events.of(calendar).between(start, end)
    }
    assert expanded == expected
    assert len({uid for uid in (e["UID"] for e in calendar.walk("VEVENT"))}) == len(expected)


def test_staff_tasks_never_appear_in_public_feeds(client, clock):
    TaskFactory(year_clock=clock, title="Julkinen", visibility=Task.Visibility.PUBLIC)
    TaskFactory(year_clock=clock, title="Henkilöstön", visibility=Task.Visibility.STAFF)
    _response, calendar = get_feed(client, feed_url(clock))
    titles = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert titles == {"Julkinen"}


def test_filters_and_swedish(client, clock, locales):
    principal = RoleFactory(slug="rehtori")
    teacher = RoleFactory(slug="opettaja")
    school = SchoolFactory(slug="vahto", organisation=clock.organisation)
    public = {"year_clock": clock, "visibility": Task.Visibility.PUBLIC}
    for_principal = TaskFactory(title="Rehtorille", roles=[principal], **public)
    TaskFactory(title="Opettajille", roles=[teacher], **public)
    TaskFactory(
        title="Vahdolle",
        roles=[teacher],
        schools=[school],
        category=Task.Category.DEVICES,
        **public,
    )
    translation = for_principal.copy_for_translation(locales["sv"])
    translation.title = "Till rektorn"
    translation.save()

    def titles(**params):
        _response, calendar = get_feed(client, feed_url(clock, **params))
        return {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}

    assert titles(role="rehtori") == {"Rehtorille"}
    assert titles(role="rehtori", lang="sv") == {"Till rektorn"}
    assert titles(lang="sv") == {"Till rektorn", "Opettajille", "Vahdolle"}
    assert titles(category="devices") == {"Vahdolle"}
    assert titles(school="vahto") == {"Rehtorille", "Opettajille", "Vahdolle"}


@pytest.mark.parametrize(
    "params, message",
    [
        ({"lang": "de"}, "fi"),
        ({"role": "nobody"}, "nobody"),
        ({"category": "<script>"}, "script"),
        ({"school": "../etc"}, "etc"),
    ],
)
def test_bad_parameters_give_400_with_a_translated_message(client, clock, params, message):
    response = client.get(feed_url(clock, **params))
    assert response.status_code == 400
    assert message in response.content.decode()


def test_unknown_category_message_is_in_swedish(client, clock):
    response = client.get(feed_url(clock, category="x", lang="sv"))
    assert response.status_code == 400
    assert response.content.decode().startswith("Okänd kategori")


def test_unknown_clock_is_404(client, clock):
    response = client.get(reverse("yearclock_feeds:public", kwargs={"slug": "nowhere"}))
    assert response.status_code == 404


def test_etag_and_last_modified_give_304_and_change_with_the_task(client, clock):
    task = TaskFactory(year_clock=clock, visibility=Task.Visibility.PUBLIC)
    url = feed_url(clock)
    first = client.get(url)
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    _response, calendar = get_feed(client, url)
    assert {event["SEQUENCE"] for event in calendar.walk("VEVENT")} == {0}

    with time_machine.travel(NOW + datetime.timedelta(minutes=5), tick=False):
        task.title = "Uusi otsikko"
        task.save()
        changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag
    calendar = icalendar.Calendar.from_ical(changed.content)
    assert {event["SEQUENCE"] for event in calendar.walk("VEVENT")} == {1}
    assert {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")} == {"Uusi otsikko"}


def test_personal_feed_has_staff_tasks_for_the_users_roles(client, clock):
    principal = RoleFactory(slug="rehtori")
    RoleFactory(slug="opettaja")
    user = staff_user(roles=[principal], language="sv")
    TaskFactory(year_clock=clock, title="Oma", roles=[principal])
    TaskFactory(year_clock=clock, title="Muiden", roles=[RoleFactory(slug="opettaja")])
    _token, raw = FeedToken.issue(user)
    url = reverse("yearclock_feeds:personal", kwargs={"token": raw})
    response, calendar = get_feed(client, url)
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["Cache-Control"].startswith("private")
    assert {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")} == {"Oma"}
    assert calendar["X-WR-CALNAME"] == "Mitt årshjul"


def test_revoked_or_tampered_tokens_get_404_and_leak_nothing(client, clock):
    user = staff_user(roles=[RoleFactory()])
    TaskFactory(year_clock=clock, title="Salainen", roles=[RoleFactory()])
    token, raw = FeedToken.issue(user)
    url = reverse("yearclock_feeds:personal", kwargs={"token": raw})
    assert client.get(url).status_code == 200
    token.revoke()
    revoked = client.get(url)
    tampered = client.get(url.replace(raw, raw[:-1] + ("A" if raw[-1] != "A" else "B")))
    garbage = client.get("/feeds/personal/" + "x" * 500 + ".ics")
    for response in (revoked, tampered, garbage):
        assert response.status_code == 404
        assert response["Referrer-Policy"] == "no-referrer"
        assert b"Salainen" not in response.content
    assert revoked.content == tampered.content


def test_rotated_token_replaces_the_old_one(client, clock):
    user = staff_user(roles=[RoleFactory()])
    token, raw = FeedToken.issue(user)
    new_token, new_raw = token.rotate()
    old_url = reverse("yearclock_feeds:personal", kwargs={"token": raw})
    new_url = reverse("yearclock_feeds:personal", kwargs={"token": new_raw})
    assert client.get(old_url).status_code == 404
    assert client.get(new_url).status_code == 200
    assert new_raw != raw and len(new_raw) >= 43  # 256 bits in base64url
    assert raw not in str(FeedToken.objects.values_list("token_hash", flat=True))
