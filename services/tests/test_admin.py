"""Editors in Wagtail's admin: the dashboard's "falling due" panel, the register's snippets,
the year-clock links chosen by task title."""

import datetime

from django.contrib.auth.models import Permission

import pytest
import time_machine

from services.models import YearClockLink
from services.tests.conftest import at, client_for
from services.tests.factories import AgreementFactory, DecisionFactory, DigitalServiceFactory
from yearclock.tests.factories import TaskFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(D(2026, 11, 24)), tick=False):
        yield


def editor(user):
    user.is_staff = True
    user.save()
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return client_for(user)


def test_dashboard_lists_what_falls_due_in_the_editors_municipality(
    municipalities, people, settings
):
    settings.SERVICE_REMINDER_WINDOW_DAYS = 60
    ending = DigitalServiceFactory(slug="sanapeli", name_fi="Sanapeli")
    DecisionFactory(service=ending)
    AgreementFactory(service=ending, valid_until=D(2026, 12, 20))
    later = DigitalServiceFactory(slug="vihkopilvi", name_fi="Vihkopilvi")
    DecisionFactory(service=later)
    AgreementFactory(service=later, valid_until=D(2027, 6, 1))
    elsewhere = DigitalServiceFactory(
        slug="lainaamo", name_fi="Lainaamo", organisation=municipalities["kangasala"]
    )
    DecisionFactory(service=elsewhere)
    AgreementFactory(service=elsewhere, valid_until=D(2026, 12, 1))
    html = editor(people["expert"]).get("/admin/").content.decode()
    assert "Palvelurekisteri: erääntyvät" in html
    assert "Sanapeli" in html and "20.12.2026" in html
    assert "Vihkopilvi" not in html  # outside the 60-day window
    assert "Lainaamo" not in html  # another municipality's
    teacher_dashboard = editor(people["teacher"]).get("/admin/").content.decode()
    assert "Palvelurekisteri: erääntyvät" not in teacher_dashboard  # no right to decisions


def test_year_clock_links_are_chosen_by_task(admin_client, municipalities):
    task = TaskFactory(title="Tietosuojasopimusten voimassaolon tarkistus")
    form = admin_client.get("/admin/snippets/services/yearclocklink/add/").content.decode()
    assert "Tietosuojasopimusten voimassaolon tarkistus" in form
    response = admin_client.post(
        "/admin/snippets/services/yearclocklink/add/",
        {"task": str(task.translation_key), "purpose": "check"},
    )
    assert response.status_code == 302
    assert YearClockLink.objects.get().task_key == task.translation_key


@pytest.mark.parametrize(
    "url",
    [
        "/admin/snippets/services/digitalservice/",
        "/admin/snippets/services/decision/",
        "/admin/snippets/services/dataprocessingagreement/",
        "/admin/snippets/services/impactassessment/",
        "/admin/snippets/services/schoolyearcheck/",
        "/admin/snippets/services/servicerequest/",
        "/admin/snippets/services/emaildelivery/",
        "/admin/snippets/services/digitalservice/add/",
        "/admin/snippets/services/impactassessment/add/",
    ],
)
def test_every_register_screen_opens(admin_client, municipalities, url):
    DecisionFactory()
    assert admin_client.get(url).status_code == 200
