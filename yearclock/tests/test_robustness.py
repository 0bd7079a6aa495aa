"""Issue 7's inputs that hung or answered 500: each now gets a clear, translated answer.

Every test here failed (or hung) before the fix it names.
"""

import datetime
import io
import re
import zipfile
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

import pytest
import time_machine
from openpyxl import Workbook

from conftest import time_limit
from kb.tests.factories import RoleFactory, SchoolYearFactory, staff_user
from yearclock import imports
from yearclock.models import FeedToken, Task
from yearclock.occurrences import occurrence_by_key
from yearclock.tests.factories import TaskFactory, YearClockFactory

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 9, 1, 12, tzinfo=ZoneInfo("Europe/Helsinki"))
HEADER = ";".join(imports.COLUMNS)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def clock(locales):
    SchoolYearFactory(start_year=2026)
    RoleFactory(slug="rehtori")
    return YearClockFactory(slug="rusko")


def task_url(task, language="fi", **query):
    with translation.override(language):
        url = reverse("yearclock:task", kwargs={"slug": task.year_clock.slug, "pk": task.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


# -- rules ----------------------------------------------------------------------------


@pytest.mark.parametrize("rule", ["FREQ=YEARLY;INTERVAL=0", "FREQ=MONTHLY;BYDAY=+9MO"])
def test_the_task_form_refuses_a_rule_that_hung_or_crashed(clock, rule):
    task = TaskFactory.build(year_clock=clock, rule=Task.Rule.RRULE, rrule=rule)
    with time_limit(5), translation.override("fi"), pytest.raises(ValidationError) as error:
        task.full_clean()
    assert error.value.message_dict["rrule"][0].startswith("Tätä sääntöä ei voi käyttää.")
    assert Task.objects.count() == 0


def test_the_admin_form_refuses_interval_zero(client, clock):
    admin = staff_user(username="admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    data = {
        "year_clock": clock.pk,
        "title": "Joka vuosi",
        "category": "administration",
        "visibility": "public",
        "rule": "rrule",
        "rrule": "FREQ=YEARLY;INTERVAL=0",
        "weekday": "0",
        "offset_days": "0",
        "duration_days": "1",
        "reminder_days": "7,1",
        "locale": clock.locale_id,
    }
    with time_limit(10):
        response = client.post("/admin/snippets/yearclock/task/add/", data)
    assert response.status_code == 200  # the form again, with the error
    assert "INTERVAL" in response.content.decode()
    assert Task.objects.count() == 0


@pytest.mark.parametrize("rule", ["FREQ=YEARLY;INTERVAL=0", "FREQ=MONTHLY;BYDAY=+9MO"])
def test_pages_with_a_stored_bad_rule_still_answer(client, clock, rule):
    task = TaskFactory(year_clock=clock, visibility=Task.Visibility.PUBLIC)
    Task.objects.filter(pk=task.pk).update(rule=Task.Rule.RRULE, rrule=rule)  # from before
    urls = [
        task_url(task),
        reverse("yearclock:year_clock", kwargs={"slug": clock.slug}),
        reverse("yearclock_feeds:public", kwargs={"slug": clock.slug}),
        "/api/v1/occurrences?start=2026-08-01&end=2027-07-31",
    ]
    with time_limit(10):
        for url in urls:
            assert client.get(url).status_code == 200, url


# -- out-of-range and non-ASCII numbers -----------------------------------------------


@pytest.mark.parametrize("year", ["0", "10000", "²", "٢٠٢٦", "99999999999999999999", "1899"])
def test_task_page_explains_a_bad_year(client, clock, year):
    task = TaskFactory(year_clock=clock, visibility=Task.Visibility.PUBLIC)
    response = client.get(task_url(task, year=year))
    assert response.status_code == 400
    assert "Valitse lukuvuosi väliltä 1900–2199" in response.content.decode()
    swedish = client.get(task_url(task, "sv", year=year))
    assert "Välj ett läsår mellan 1900 och 2199" in swedish.content.decode()
    assert client.get(task_url(task, year="2027")).status_code == 200


@pytest.mark.parametrize(
    "start, end",
    [("9999-12-31", "9999-12-31"), ("0001-01-01", "0001-01-02"), ("2200-08-01", "2200-08-02")],
)
def test_api_dates_at_the_calendar_limits(client, clock, start, end):
    response = client.get(f"/api/v1/occurrences?start={start}&end={end}&lang=sv")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["start"] == ["Ange ett datum mellan 1900-08-01 och 2200-07-31."]


def test_calendar_token_id_of_non_ascii_digits(client, clock):
    user = staff_user()
    token, _raw = FeedToken.issue(user)
    client.force_login(user)
    url = reverse("yearclock:calendar")
    response = client.post(url, {"action": "revoke", "token": "²"})
    assert response.status_code == 400
    assert "Kalenteriosoitetta ei enää ole." in response.content.decode()
    token.refresh_from_db()
    assert token.is_active
    assert client.post(url, {"action": "revoke", "token": str(token.pk)}).status_code == 302


def test_calendar_label_with_a_nul_byte(client, clock):
    user = staff_user()
    client.force_login(user)
    response = client.post(reverse("yearclock:calendar"), {"action": "create", "label": "a\x00b"})
    assert response.status_code == 400
    assert "Tyhjiä merkkejä (null) ei sallita." in response.content.decode()
    assert FeedToken.objects.count() == 0


# -- imports ----------------------------------------------------------------------------


def xlsx(workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_without_a_worksheet(clock):
    source = zipfile.ZipFile(io.BytesIO(xlsx(Workbook())))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "xl/workbook.xml":
                data = re.sub(rb"<sheets>.*</sheets>", b"<sheets/>", data)
            archive.writestr(member, data)
    with translation.override("sv"):
        result = imports.import_file(clock, buffer.getvalue(), "xlsx")
    assert [problem.message for problem in result.problems] == ["Arbetsboken har inget kalkylblad."]


def test_xlsx_that_unpacks_to_too_much_is_refused_before_parsing(clock):
    workbook = Workbook()
    workbook.active.append(imports.COLUMNS)
    buffer = io.BytesIO(xlsx(workbook))
    strings = "".join(f"<si><t>rivi {n}</t></si>" for n in range(600_000))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "xl/sharedStrings.xml",
            f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{strings}</sst>',
        )
    data = buffer.getvalue()
    assert len(data) < 3_000_000
    with time_limit(5), translation.override("fi"):
        result = imports.import_file(clock, data, "xlsx")
    (problem,) = result.problems
    assert "enintään 10 Mt" in problem.message


@pytest.mark.parametrize(
    "line, column",
    [
        ("DTSTART;VALUE=PERIOD:20260901T090000Z/20260901T100000Z", "DTSTART"),
        ("DTSTART;VALUE=TIME:090000", "DTSTART"),
        ("DTSTART;VALUE=DURATION:PT1H", "DTSTART"),
        ("DTSTART;VALUE=DATE:00010101", "DTSTART"),
    ],
)
def test_ics_start_of_another_value_type(clock, line, column):
    data = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//test//",
            "BEGIN:VEVENT",
            "UID:1",
            "SUMMARY:Arviointi",
            line,
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    ).encode()
    result = imports.import_file(clock, data, "ics")
    assert [(p.row, p.column) for p in result.problems] == [(1, column)]
    assert Task.objects.count() == 0


def test_nul_bytes_and_overlong_cells_are_refused_with_the_cell(clock):
    rows = [
        "Nolla\x00tavu;;;;hallinto;1.9.2026;;;;;;;",
        f"{'Pitkä' * 41};;;;hallinto;1.9.2026;;;;;;;",
        "Hyvä;;;;hallinto;1.9.2026;;;;;;;",
    ]
    data = ("\n".join([HEADER, *rows]) + "\n").encode()
    with translation.override("fi"):
        result = imports.import_file(clock, data, "csv")
    assert [(p.row, p.column) for p in result.problems] == [(2, "title_fi"), (3, "title_fi")]
    assert "NUL" in result.problems[0].message
    assert "enintään 200 merkkiä" in result.problems[1].message
    assert Task.objects.count() == 0  # all or nothing: the good row is not saved either


def test_the_error_report_stays_short(client, clock):
    editor = staff_user(username="editor")
    editor.user_permissions.add(
        Permission.objects.get(codename="add_task", content_type__app_label="yearclock"),
        Permission.objects.get(codename="access_admin"),
    )
    client.force_login(editor)
    bad_date = "x" * 400
    rows = [f"Rivi {n};;;;hallinto;{bad_date};;;;;{bad_date};;" for n in range(2000)]
    data = ("\n".join([HEADER, *rows]) + "\n").encode()
    upload = SimpleUploadedFile("vuosikello.csv", data, content_type="text/csv")
    response = client.post(reverse("yearclock_import"), {"year_clock": clock.pk, "file": upload})
    assert response.status_code == 400
    content = response.content.decode()
    assert len(content) < 100_000
    assert content.count("<tr><td>") == imports.MAX_PROBLEMS
    assert "… ja 3900 muuta ongelmaa." in content
    assert Task.objects.count() == 0


def test_a_huge_column_name_is_cut_in_the_report(clock):
    header = HEADER + ";" + "x" * 100_000
    result = imports.parse(f"{header}\nRivi;;;;hallinto;1.9.2026;;;;;;;;\n".encode(), "csv")
    (problem,) = result.problems
    assert problem.row == 1 and problem.column.startswith("xxx")
    assert len(problem.column) <= 60 and len(problem.message) <= 1000


@pytest.mark.parametrize("series", ["2026-²", "²-1", "99999-1", "1850-1", "once-x"])
def test_a_malformed_occurrence_key_finds_nothing(clock, series):
    task = TaskFactory(year_clock=clock)
    assert occurrence_by_key(task, f"{task.translation_key}:{series}") is None
    assert occurrence_by_key(task, f"{task.translation_key}:2026-1") is not None
