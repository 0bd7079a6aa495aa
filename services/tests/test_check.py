"""The start-of-year check: every service in use, checked for the school year by someone;
when the last one is checked, the year clock's task counts as done."""

import datetime

import pytest
import time_machine

from kb.tests.factories import RoleFactory, staff_user
from services.models import SchoolYearCheck, YearClockLink
from services.tests.conftest import at, client_for
from services.tests.factories import DecisionFactory, DigitalServiceFactory, in_use, region
from yearclock.models import Completion, Task
from yearclock.tests.factories import TaskFactory, YearClockFactory

pytestmark = pytest.mark.django_db
D = datetime.date
CHECK = "/fi/palvelut/tarkistus/"


@pytest.fixture(autouse=True)
def start_of_year():
    with time_machine.travel(at(D(2026, 8, 20)), tick=False):
        yield


@pytest.fixture
def register(municipalities, school_years, people):
    rusko, kangasala = municipalities["rusko"], municipalities["kangasala"]
    words, _agreement, _assessment = in_use(
        DigitalServiceFactory(slug="sanapeli", name_fi="Sanapeli")
    )
    maths = DigitalServiceFactory(
        slug="laskuluotain", name_fi="Laskuluotain", organisation=region()
    )
    in_use(maths, rusko, status="conditions", conditions_fi="Ei kilpailutilaa.")
    in_use(maths, kangasala)
    reviewed = DigitalServiceFactory(slug="kielikaveri", name_fi="Kielikaveri")
    DecisionFactory(service=reviewed, status="review")
    return {"words": words.service, "maths": maths, "reviewed": reviewed}


@pytest.fixture
def check_tasks(municipalities, people):
    """The year clock's start-of-year task in Rusko and in Kangasala, linked to the check."""
    digi = RoleFactory(slug="digitalisaation-asiantuntija")
    tasks = {}
    for slug, organisation in municipalities.items():
        clock = YearClockFactory(slug=slug, organisation=organisation)
        tasks[slug] = TaskFactory(
            year_clock=clock,
            title="Tietosuojasopimusten voimassaolon tarkistus",
            rule=Task.Rule.TERM,
            anchor=Task.Anchor.AUTUMN_TERM_START,
            offset_days=7,
            roles=[digi],
        )
        YearClockLink.objects.get_or_create(task_key=tasks[slug].translation_key, purpose="check")
    return tasks


def post_check(client, service, **findings):
    prefix = f"s{service.pk}"
    data = {"service": service.pk, f"{prefix}-notes": findings.pop("notes", "")}
    for name in ("agreement_valid", "assessment_current", "safeguards_done"):
        if findings.get(name, True):
            data[f"{prefix}-{name}"] = "on"
    return client.post(f"{CHECK}?year=2026", data)


def test_the_checklist_lists_every_service_in_use_in_the_municipality(register, people):
    html = client_for(people["expert"]).get(CHECK).content.decode()
    assert "Sanapeli" in html and "Laskuluotain" in html
    assert "Kielikaveri" not in html  # under review: not in use
    assert "0/2 palvelua tarkistettu" in html
    kangasala = client_for(people["other_expert"]).get(CHECK).content.decode()
    assert "Laskuluotain" in kangasala and "Sanapeli" not in kangasala


def test_checking_the_last_service_marks_the_year_clock_task_done(register, people, check_tasks):
    expert = client_for(people["expert"])
    response = post_check(expert, register["words"], notes="Sopimus tarkistettu.")
    assert response.status_code == 302
    assert response["Location"].endswith("?year=2026#service-sanapeli")
    check = SchoolYearCheck.objects.get(service=register["words"])
    assert check.checked_by == people["expert"] and check.school_year.start_year == 2026
    assert check.state["agreement"]["valid_until"] == "2027-05-31"
    assert check.state["decision"]["status"] == "approved"
    assert not Completion.objects.exists()  # one service still unchecked

    post_check(expert, register["maths"], safeguards_done=False, notes="Yksi suojatoimi kesken.")
    completion = Completion.objects.get()
    assert completion.task_key == check_tasks["rusko"].translation_key
    assert completion.occurrence_date == D(2026, 8, 19)  # autumn term 12.8. + 7 days
    assert completion.done_by == people["expert"]
    assert not Completion.objects.filter(task_key=check_tasks["kangasala"].translation_key).exists()
    html = expert.get(f"{CHECK}?year=2026").content.decode()
    assert "2/2 palvelua tarkistettu" in html
    assert "Kaikki käytössä olevat palvelut on tarkistettu lukuvuodelle 2026–2027" in html

    post_check(expert, register["maths"], notes="Suojatoimi tehty.")  # a recheck changes no count
    assert Completion.objects.count() == 1
    assert SchoolYearCheck.objects.get(service=register["maths"]).safeguards_done


def test_the_task_is_left_for_its_people_when_the_checker_may_not_mark_it(
    register, people, check_tasks
):
    from services.tests.conftest import grant

    checker = grant(staff_user(username="rehtori"), "add_schoolyearcheck")  # no role on the task
    client = client_for(checker)
    post_check(client, register["words"])
    post_check(client, register["maths"])
    assert SchoolYearCheck.objects.filter(checked_by=checker).count() == 2
    assert not Completion.objects.exists()


def test_only_checkers_of_the_municipality_check(register, people):
    assert client_for(people["teacher"]).get(CHECK).status_code == 403
    assert client_for(None).get(CHECK).status_code == 302
    response = post_check(client_for(people["other_expert"]), register["words"])
    assert response.status_code == 400  # not in use in Kangasala
    assert not SchoolYearCheck.objects.exists()


@pytest.mark.parametrize(
    ("query", "data"),
    [
        ("?year=abc", None),
        ("?year=1999", None),
        ("?year=²", None),
        ("?year=2026", {"service": "²"}),
        ("?year=2026", {"service": "99999999999999999999"}),
        ("?year=2026", {"service": ""}),
    ],
)
def test_bad_input_is_a_400_not_a_500(register, people, query, data):
    client = client_for(people["expert"])
    response = client.post(CHECK + query, data) if data is not None else client.get(CHECK + query)
    assert response.status_code == 400
    assert not SchoolYearCheck.objects.exists()


def test_a_service_under_review_cannot_be_checked(register, people):
    response = post_check(client_for(people["expert"]), register["reviewed"])
    assert response.status_code == 400
    assert "ei ole käytössä" in response.content.decode()


def test_last_years_checklist_shows_last_years_checks(register, people, school_years):
    SchoolYearCheck.objects.create(
        service=register["words"],
        organisation=register["words"].organisation,
        school_year=school_years[2025],
        agreement_valid=True,
        assessment_current=True,
        safeguards_done=True,
        checked_by=people["expert"],
    )
    client = client_for(people["expert"])
    assert "1/2 palvelua tarkistettu" in client.get(f"{CHECK}?year=2025").content.decode()
    assert "0/2 palvelua tarkistettu" in client.get(f"{CHECK}?year=2026").content.decode()
