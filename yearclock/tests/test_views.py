"""The year-clock page, the task page, marking done, and the user's calendar page."""

import datetime

import pytest
import time_machine

from kb.tests.factories import RoleFactory, SchoolYearFactory, staff_user
from yearclock.models import Completion, FeedToken, ReminderPreference, Task
from yearclock.tests.factories import TaskFactory, YearClockFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.datetime(2026, 10, 5, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture
def clock(locales):
    SchoolYearFactory(start_year=2026)
    return YearClockFactory(slug="rusko", name="Ruskon vuosikello")


@pytest.fixture
def rehtori(locales):
    return RoleFactory(slug="rehtori", name="Rehtori")


@pytest.fixture
def tasks(clock, rehtori):
    public = TaskFactory(
        year_clock=clock,
        title="Laitteiden jako",
        category=Task.Category.DEVICES,
        visibility=Task.Visibility.PUBLIC,
        month=8,
        day=20,
        roles=[rehtori],
    )
    staff = TaskFactory(
        year_clock=clock,
        title="Tietosuojasopimusten tarkistus",
        category=Task.Category.DATA_PROTECTION,
        visibility=Task.Visibility.STAFF,
        month=9,
        day=1,
        roles=[rehtori],
    )
    other = TaskFactory(
        year_clock=clock,
        title="Rahoituksen tarkistus",
        category=Task.Category.FINANCE,
        visibility=Task.Visibility.PUBLIC,
        month=1,
        day=15,
        roles=[RoleFactory(slug="opettaja", name="Opettaja")],
    )
    return {"public": public, "staff": staff, "other": other}


@time_machine.travel(TODAY, tick=False)
def test_anonymous_sees_public_tasks_in_wheel_and_list(client, tasks):
    response = client.get("/fi/vuosikello/rusko/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Laitteiden jako" in html
    assert "Rahoituksen tarkistus" in html
    assert "Tietosuojasopimusten tarkistus" not in html
    assert 'class="wheel"' in html and "wheel__today" in html
    # 20.8. has passed unmarked: overdue; 15.1. is upcoming.
    assert 'data-state="overdue"' in html and 'data-state="upcoming"' in html


@time_machine.travel(TODAY, tick=False)
def test_school_year_selector_shows_the_current_school_year(client, tasks):
    SchoolYearFactory(start_year=2025)
    html = client.get("/fi/vuosikello/rusko/").content.decode()
    assert '<option value="2026" selected>2026–2027</option>' in html
    html = client.get("/fi/vuosikello/rusko/?year=2025").content.decode()
    assert '<option value="2025" selected>2025–2026</option>' in html


@time_machine.travel(TODAY, tick=False)
def test_signed_in_staff_see_staff_tasks(client, tasks):
    client.force_login(staff_user(username="maija"))
    assert "Tietosuojasopimusten tarkistus" in client.get("/fi/vuosikello/rusko/").content.decode()


@time_machine.travel(TODAY, tick=False)
def test_filters_by_role_and_category(client, tasks):
    html = client.get("/fi/vuosikello/rusko/?role=opettaja").content.decode()
    assert "Rahoituksen tarkistus" in html and "Laitteiden jako" not in html
    html = client.get("/fi/vuosikello/rusko/?category=devices").content.decode()
    assert "Laitteiden jako" in html and "Rahoituksen tarkistus" not in html
    # The subscribe link carries the filters and the language.
    assert "/feeds/rusko.ics?category=devices&amp;lang=fi" in html


@time_machine.travel(TODAY, tick=False)
def test_bad_filter_values_do_not_break_the_page(client, tasks):
    response = client.get("/fi/vuosikello/rusko/?role=nobody&year=abc&category=%00")
    assert response.status_code == 200
    assert "Laitteiden jako" in response.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_swedish_page_and_unknown_clock(client, tasks):
    assert client.get("/sv/arshjul/rusko/").status_code == 200
    assert client.get("/fi/vuosikello/ei-ole/").status_code == 404


@time_machine.travel(TODAY, tick=False)
def test_staff_task_page_is_404_for_anonymous(client, tasks):
    staff = tasks["staff"]
    assert client.get(staff.get_absolute_url()).status_code == 404
    public = tasks["public"]
    response = client.get(public.get_absolute_url())
    assert response.status_code == 200
    assert "Mark done" not in response.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_responsible_person_marks_done_and_undoes(client, tasks, rehtori):
    task = tasks["public"]
    client.force_login(staff_user(username="rehtori1", roles=[rehtori]))
    url = task.get_absolute_url()
    response = client.post(url, {"occurrence": "2026-08-20", "note": "Jaettu kaikille"})
    assert response.status_code == 302
    completion = Completion.objects.get(task_key=task.translation_key)
    assert completion.note == "Jaettu kaikille"
    assert completion.occurrence_date == datetime.date(2026, 8, 20)
    html = client.get(url).content.decode()
    assert "Jaettu kaikille" in html
    response = client.post(url, {"occurrence": "2026-08-20", "undo": "1"})
    assert response.status_code == 302
    assert not Completion.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_marking_done_needs_responsibility_and_a_real_occurrence(client, tasks, rehtori):
    task = tasks["public"]
    client.force_login(staff_user(username="teacher"))
    response = client.post(task.get_absolute_url(), {"occurrence": "2026-08-20"})
    assert response.status_code == 403
    client.force_login(staff_user(username="rehtori2", roles=[rehtori]))
    for bad in ("2026-08-21", "not-a-date", ""):
        response = client.post(task.get_absolute_url(), {"occurrence": bad})
        assert response.status_code == 400
    assert not Completion.objects.exists()


def test_anonymous_post_goes_to_login(client, tasks):
    response = client.post(tasks["public"].get_absolute_url(), {"occurrence": "2026-08-20"})
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_my_calendar_shows_a_new_address_once(client, locales):
    user = staff_user(username="maija")
    client.force_login(user)
    assert client.get("/fi/account/calendar/").status_code == 200
    response = client.post("/fi/account/calendar/", {"action": "create", "label": "Outlook"})
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
    assert "<form" not in response.content.decode().split("<main", 1)[1]
    token = FeedToken.objects.get(user=user)
    html = response.content.decode()
    url = html.split('id="new-feed-url" class="feed-url" type="text" readonly value="')[1]
    url = url.split('"')[0]
    raw = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert FeedToken.lookup(raw) == token
    assert raw not in client.get("/fi/account/calendar/").content.decode()
    assert "no-store" in response["Cache-Control"]


def test_rotate_and_revoke(client, locales):
    user = staff_user(username="maija")
    other = staff_user(username="pekka")
    token, raw = FeedToken.issue(user, "Google")
    foreign, _raw = FeedToken.issue(other, "")
    client.force_login(user)
    response = client.post("/fi/account/calendar/", {"action": "rotate", "token": token.pk})
    assert response.status_code == 200
    assert FeedToken.lookup(raw) is None
    new = FeedToken.objects.get(user=user, revoked_at__isnull=True)
    response = client.post("/fi/account/calendar/", {"action": "revoke", "token": new.pk})
    assert response.status_code == 302
    assert not FeedToken.objects.filter(user=user, revoked_at__isnull=True).exists()
    # Someone else's token cannot be touched.
    response = client.post("/fi/account/calendar/", {"action": "revoke", "token": foreign.pk})
    assert response.status_code == 400
    assert FeedToken.objects.get(pk=foreign.pk).is_active
    assert client.post("/fi/account/calendar/", {"action": "??"}).status_code == 400


def test_reminder_preferences(client, locales):
    user = staff_user(username="maija")
    client.force_login(user)
    response = client.post(
        "/fi/account/calendar/", {"action": "preferences", "weekly_digest": "on"}
    )
    assert response.status_code == 302
    preference = ReminderPreference.objects.get(user=user)
    assert preference.weekly_digest and not preference.email_reminders


def test_account_page_links_to_the_calendar(client, locales):
    client.force_login(staff_user(username="maija"))
    assert "/fi/account/calendar/" in client.get("/fi/account/").content.decode()


def test_calendar_needs_sign_in(client, locales):
    assert client.get("/fi/account/calendar/").status_code == 302


def test_account_page_shows_the_calendar_section_through_the_hook(client, django_user_model):
    user = django_user_model.objects.create_user("olli", password="x")
    client.force_login(user)
    html = client.get("/fi/account/").content.decode()
    # kb's account page names no app; the year clock adds its part by the hook.
    assert 'id="account-calendar-heading"' in html
    assert 'href="/fi/account/calendar/"' in html
