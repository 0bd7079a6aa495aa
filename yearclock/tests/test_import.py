"""Importing into the database: all-or-nothing, per-row errors, the editor's view."""

import datetime

from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from kb.tests.factories import RoleFactory, SchoolYearFactory, staff_user
from yearclock import imports
from yearclock.models import Task
from yearclock.occurrences import occurrences_for
from yearclock.tests.factories import YearClockFactory

pytestmark = pytest.mark.django_db
HEADER = ";".join(imports.COLUMNS)


def csv_file(*rows):
    return ("\n".join([HEADER, *rows]) + "\n").encode()


@pytest.fixture
def clock(locales):
    SchoolYearFactory(start_year=2026)
    RoleFactory(slug="rehtori")
    RoleFactory(slug="tvt-vastaava")
    return YearClockFactory(slug="rusko")


GOOD = (
    "Laitteiden jako;Utdelning av enheter;Jaa laitteet;Dela ut;laitteet;20.8.2026;;FREQ=YEARLY;"
    "tvt-vastaava;;public;no;7"
)
MONTHLY = "Raporttikatselmus;;;;hallinto;7.9.2026;;FREQ=MONTHLY;rehtori;;staff;no;"


def test_valid_file_creates_tasks_with_translations(clock):
    result = imports.import_file(clock, csv_file(GOOD, MONTHLY), "csv")
    assert result.ok, result.problems
    assert len(result.created) == 2
    task = Task.objects.get(title="Laitteiden jako")
    assert (task.rule, task.month, task.day) == ("yearly_date", 8, 20)
    assert task.category == Task.Category.DEVICES
    assert list(task.roles.values_list("slug", flat=True)) == ["tvt-vastaava"]
    swedish = Task.objects.get(title="Utdelning av enheter")
    assert swedish.locale.language_code == "sv"
    assert swedish.year_clock.locale.language_code == "sv"
    monthly = Task.objects.get(title="Raporttikatselmus")
    dates = [
        o.original_date
        for o in occurrences_for([monthly], datetime.date(2026, 8, 1), datetime.date(2027, 7, 31))
    ]
    # Every month on the 7th, in every school year (the rule is anchored to 1.8.).
    assert len(dates) == 12 and all(day.day == 7 for day in dates)


def test_unknown_role_rolls_back_everything(clock):
    bad = GOOD.replace("tvt-vastaava", "keittiömestari").replace("Laitteiden jako", "Toinen")
    result = imports.import_file(clock, csv_file(GOOD, bad, MONTHLY), "csv")
    assert not result.ok
    assert [(p.row, p.column) for p in result.problems] == [(3, "roles")]
    assert "keittiömestari" in result.problems[0].message
    assert not Task.objects.exists()


def test_unknown_category_and_model_validation_are_reported_per_row(clock):
    rows = [
        GOOD.replace("laitteet", "urheilu"),
        'Mahdoton;;;;hallinto;1.9.2026;;"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30";;;staff;no;',
    ]
    result = imports.import_file(clock, csv_file(*rows), "csv")
    assert [(p.row, p.column) for p in result.problems][0] == (2, "category")
    assert any(p.row == 3 for p in result.problems)
    assert not Task.objects.exists()


def test_ics_import_uses_default_category(clock):
    ics = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//\r\nBEGIN:VEVENT\r\nUID:1@t\r\n"
        b"SUMMARY:Digitiimi\r\nDTSTART;VALUE=DATE:20260909\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert not imports.import_file(clock, ics, "ics").ok
    result = imports.import_file(clock, ics, "ics", default_category="administration")
    assert result.ok, result.problems
    assert Task.objects.get().once_date == datetime.date(2026, 9, 9)


IMPORT = "/admin/yearclock/import/"


def editor(locales, language="fi"):
    from wagtail.users.models import UserProfile

    user = staff_user(username="toimittaja")
    user.user_permissions.add(
        Permission.objects.get(codename="add_task", content_type__app_label="yearclock"),
        Permission.objects.get(codename="access_admin"),
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def test_import_view_for_editors_only(client, clock, locales):
    teacher = staff_user(username="opettaja")
    teacher.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(teacher)
    refused = client.get(IMPORT)  # Wagtail's admin sends a refused user to the dashboard
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    client.force_login(editor(locales))
    assert client.get(IMPORT).status_code == 200


def test_the_old_public_addresses_lead_to_the_admin(client, locales):
    for old in ("/fi/vuosikello/tuonti/", "/sv/arshjul/import/"):
        response = client.get(old)
        assert response.status_code == 302 and response["Location"] == IMPORT


def test_import_view_reports_rows_in_the_editors_language(client, clock, locales):
    client.force_login(editor(locales, "sv"))
    upload = SimpleUploadedFile("vuosikello.csv", csv_file(GOOD.replace("20.8.2026", "32.8.")))
    response = client.post(IMPORT, {"year_clock": clock.pk, "file": upload, "default_category": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ingenting importerades" in html and "är inte ett datum" in html
    assert not Task.objects.exists()
    upload = SimpleUploadedFile("vuosikello.csv", csv_file(GOOD))
    response = client.post(IMPORT, {"year_clock": clock.pk, "file": upload})
    assert response.status_code == 200
    assert Task.objects.filter(locale__language_code="fi").count() == 1


def test_import_view_rejects_other_files(client, clock, locales):
    client.force_login(editor(locales))
    upload = SimpleUploadedFile("notes.pdf", b"%PDF-1.4")
    response = client.post(IMPORT, {"year_clock": clock.pk, "file": upload})
    assert response.status_code == 400


def test_template_download_parses_cleanly(client, clock):
    response = client.get("/fi/vuosikello/tuonti/template.csv")
    assert response["Content-Type"].startswith("text/csv")
    result = imports.parse(response.content, "csv")
    assert result.ok, result.problems
