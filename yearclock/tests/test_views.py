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
        roles=[rehtori, RoleFactory(slug="huoltaja", name="Huoltaja", is_staff_role=False)],
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
    response = client.get("/fi/vuosikello/rusko/?all=1")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Laitteiden jako" in html
    assert "Rahoituksen tarkistus" in html
    assert "Tietosuojasopimusten tarkistus" not in html
    assert 'class="wheel"' in html and "wheel__today" in html
    # 20.8. has passed unmarked, but "overdue" is the staff's word, not a guardian's.
    assert "Myöhässä" not in html and "wheel__mark--overdue" not in html


@time_machine.travel(TODAY, tick=False)
def test_a_guardian_sees_what_concerns_guardians_and_staff_their_states(client, tasks):
    html = client.get("/fi/vuosikello/rusko/").content.decode()
    assert "Laitteiden jako" in html  # names the guardians' role
    assert "Rahoituksen tarkistus" not in html  # a teachers' task
    assert "Koskee: Huoltaja" in html and "Vastuussa: Rehtori" in html
    assert "?all=1" in html  # and everything public is one link away
    client.force_login(staff_user(username="kaisa"))
    html = client.get("/fi/vuosikello/rusko/").content.decode()
    assert "Rahoituksen tarkistus" in html
    assert "Myöhässä" in html and "wheel__mark--overdue" in html


@time_machine.travel(TODAY, tick=False)
def test_staff_start_with_their_role_and_school_and_the_choice_is_remembered(
    client, tasks, rehtori
):
    client.force_login(staff_user(username="rehtori9", roles=[rehtori]))
    html = client.get("/fi/vuosikello/rusko/").content.decode()
    assert '<option value="rehtori" selected>' in html
    assert "Laitteiden jako" in html and "Rahoituksen tarkistus" not in html
    assert "roolisi ja koulusi" in html
    # Choosing "all roles" is remembered for the next visit.
    client.get("/fi/vuosikello/rusko/?role=&year=2026")
    html = client.get("/fi/vuosikello/rusko/").content.decode()
    assert "Rahoituksen tarkistus" in html and "viimeksi valitsemasi" in html
    # "Tämä kuukausi": October has no tasks, so it jumps to the next month that has.
    assert "Tämä kuukausi" in html
    assert 'href="#2027-01"' in html and 'id="2027-01"' in html


def test_this_month_is_the_current_or_next_month_with_tasks():
    from yearclock.views.clock import this_month_anchor

    months = [{"anchor": "2026-09"}, {"anchor": "2026-10"}, {"anchor": "2027-01"}]
    assert this_month_anchor(months, datetime.date(2026, 10, 31)) == "2026-10"
    assert this_month_anchor(months, datetime.date(2026, 11, 1)) == "2027-01"
    assert this_month_anchor(months, datetime.date(2027, 2, 1)) == ""


@time_machine.travel(TODAY, tick=False)
def test_signed_in_staff_are_offered_their_personal_feed(client, tasks):
    html = client.get("/fi/vuosikello/rusko/").content.decode()
    assert 'name="action" value="create"' not in html
    client.force_login(staff_user(username="offer"))
    html = client.get("/fi/vuosikello/rusko/").content.decode()
    assert 'action="/fi/tili/kalenteri/"' in html and 'name="action" value="create"' in html
    response = client.post("/fi/tili/kalenteri/", {"action": "create", "label": "Rusko"})
    assert FeedToken.objects.get().label == "Rusko"
    assert "/feeds/personal/" in response.content.decode()


@time_machine.travel(TODAY, tick=False)
def test_feed_addresses_follow_the_site_address_or_in_debug_the_request(client, tasks, settings):
    settings.SITE_BASE_URL = "https://vuosikello.example"
    settings.SITE_BASE_URL_IS_SET = True
    html = client.get("/fi/vuosikello/rusko/").content.decode()
    assert ">https://vuosikello.example/feeds/rusko.ics?lang=fi</textarea>" in html
    assert 'href="webcal://vuosikello.example/feeds/rusko.ics?lang=fi"' in html
    # A developer's server on another port, SITE_BASE_URL unset: the request's host.
    settings.SITE_BASE_URL = "http://localhost:8000"
    settings.SITE_BASE_URL_IS_SET = False
    settings.DEBUG = True
    html = client.get("/fi/vuosikello/rusko/", SERVER_PORT="8123", HTTP_HOST="localhost:8123")
    html = html.content.decode()
    assert ">http://localhost:8123/feeds/rusko.ics?lang=fi</textarea>" in html
    assert "localhost:8000" not in html
    # Outside debug the Host header is never trusted for this.
    settings.DEBUG = False
    html = client.get("/fi/vuosikello/rusko/", HTTP_HOST="localhost:8123").content.decode()
    assert ">http://localhost:8000/feeds/rusko.ics?lang=fi</textarea>" in html


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
    assert response.status_code == 302 and "/fi/kirjaudu/" in response["Location"]


def test_my_calendar_shows_a_new_address_once(client, locales):
    user = staff_user(username="maija")
    client.force_login(user)
    assert client.get("/fi/tili/kalenteri/").status_code == 200
    response = client.post("/fi/tili/kalenteri/", {"action": "create", "label": "Outlook"})
    assert response.status_code == 200
    assert response["Referrer-Policy"] == "no-referrer"
    assert "<form" not in response.content.decode().split("<main", 1)[1]
    token = FeedToken.objects.get(user=user)
    html = response.content.decode()
    url = html.split('id="new-feed-url" class="feed-url" type="text" readonly value="')[1]
    url = url.split('"')[0]
    raw = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert FeedToken.lookup(raw) == token
    assert raw not in client.get("/fi/tili/kalenteri/").content.decode()
    assert "no-store" in response["Cache-Control"]


def test_rotate_and_revoke(client, locales):
    user = staff_user(username="maija")
    other = staff_user(username="pekka")
    token, raw = FeedToken.issue(user, "Google")
    foreign, _raw = FeedToken.issue(other, "")
    client.force_login(user)
    response = client.post("/fi/tili/kalenteri/", {"action": "rotate", "token": token.pk})
    assert response.status_code == 200
    assert FeedToken.lookup(raw) is None
    new = FeedToken.objects.get(user=user, revoked_at__isnull=True)
    response = client.post("/fi/tili/kalenteri/", {"action": "revoke", "token": new.pk})
    assert response.status_code == 302
    assert not FeedToken.objects.filter(user=user, revoked_at__isnull=True).exists()
    # Someone else's token cannot be touched.
    response = client.post("/fi/tili/kalenteri/", {"action": "revoke", "token": foreign.pk})
    assert response.status_code == 400
    assert FeedToken.objects.get(pk=foreign.pk).is_active
    assert client.post("/fi/tili/kalenteri/", {"action": "??"}).status_code == 400


def test_reminder_preferences(client, locales):
    user = staff_user(username="maija")
    client.force_login(user)
    response = client.post("/fi/tili/kalenteri/", {"action": "preferences", "weekly_digest": "on"})
    assert response.status_code == 302
    preference = ReminderPreference.objects.get(user=user)
    assert preference.weekly_digest and not preference.email_reminders


def test_account_page_links_to_the_calendar(client, locales):
    client.force_login(staff_user(username="maija"))
    assert "/fi/tili/kalenteri/" in client.get("/fi/tili/").content.decode()


def test_calendar_needs_sign_in(client, locales):
    assert client.get("/fi/tili/kalenteri/").status_code == 302


def test_account_page_shows_the_calendar_section_through_the_hook(client, django_user_model):
    user = django_user_model.objects.create_user("olli", password="x")
    client.force_login(user)
    html = client.get("/fi/tili/").content.decode()
    # kb's account page names no app; the year clock adds its part by the hook.
    assert 'id="account-calendar-heading"' in html
    assert 'href="/fi/tili/kalenteri/"' in html


@time_machine.travel(TODAY, tick=False)
def test_a_date_more_than_a_week_ahead_cannot_be_marked_done(client, tasks, rehtori):
    task = tasks["other"]  # 15.1.2027, with TODAY 5.10.2026
    task.roles.add(rehtori)
    client.force_login(staff_user(username="rehtori3", roles=[rehtori]))
    response = client.post(task.get_absolute_url(), {"occurrence": "2027-01-15"})
    assert response.status_code == 400
    assert "voi merkitä tehdyksi 8.1.2027 alkaen" in response.content.decode()
    assert not Completion.objects.exists()
    # The page offers no form for it either, only the notice.
    html = client.get(task.get_absolute_url() + "?date=2027-01-15").content.decode()
    assert 'name="note"' not in html and "yli viikko" in html
    # A positive control: an open past date of another task is offered and accepted.
    public = tasks["public"]
    html = client.get(public.get_absolute_url()).content.decode()
    assert 'name="occurrence" value="2026-08-20"' in html and 'name="note"' in html
    assert client.post(public.get_absolute_url(), {"occurrence": "2026-08-20"}).status_code == 302


@time_machine.travel(TODAY, tick=False)
def test_task_page_highlights_the_date_and_has_one_address_per_language(client, tasks, locales):
    from wagtail.models import Locale

    task = tasks["public"]
    html = client.get(task.get_absolute_url() + "?date=2026-08-20").content.decode()
    assert html.count('aria-current="date"') == 1
    assert 'id="occurrence-2026-08-20"' in html
    assert "Myöhässä" not in html and "Tulossa" not in html  # no status words for guardians
    swedish = task.copy_for_translation(Locale.objects.get(language_code="sv"))
    swedish.save()
    # The Finnish task's number under /sv/ redirects to the Swedish task's own address.
    response = client.get(task.get_absolute_url("sv") + "?date=2026-08-20")
    assert response.status_code == 301
    assert response["Location"] == swedish.get_absolute_url("sv") + "?date=2026-08-20"
    assert client.get(swedish.get_absolute_url("sv")).status_code == 200


def test_calendar_page_has_finnish_and_swedish_addresses(client, locales):
    client.force_login(staff_user(username="maija"))
    assert client.get("/fi/tili/kalenteri/").status_code == 200
    assert client.get("/sv/konto/kalender/").status_code == 200
    # The English address of before moves permanently.
    for old, new in [
        ("/fi/account/calendar/", "/fi/tili/kalenteri/"),
        ("/sv/account/calendar/", "/sv/konto/kalender/"),
    ]:
        response = client.get(old)
        assert response.status_code == 301 and response["Location"] == new
