"""The request and review process: a teacher asks, the reviewers take the steps and decide,
the requester is told once; nobody else can act, and no input breaks it."""

import datetime

from django.core import mail

import pytest
import time_machine

from kb.tests.factories import SchoolFactory
from services.models import Decision, DigitalService, EmailDelivery, ReviewStep, ServiceRequest
from services.tests.conftest import at, client_for
from services.tests.factories import DecisionFactory, DigitalServiceFactory, ServiceRequestFactory

pytestmark = pytest.mark.django_db
D = datetime.date
STEPS = ["data_protection", "accessibility", "agreement", "impact_assessment"]


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(D(2026, 11, 24)), tick=False):
        yield


@pytest.fixture
def school(municipalities):
    return SchoolFactory(
        name="Laukolan koulu", slug="laukolan-koulu", organisation=municipalities["rusko"]
    )


def submit(client, where, **fields):
    data = {
        "service_name": "Äänitehdas",
        "provider": "Äänipaja Oy",
        "website": "https://aanitehdas.example",
        "school": where.pk,
        "purpose": "Kuudesluokkalaiset tekevät koulun radio-ohjelman.",
        "grade_min": "5",
        "grade_max": "6",
        "pupils_sign_in": "on",
        **fields,
    }
    return client.post("/fi/palvelut/pyynto/", data)


def test_a_teacher_requests_a_service_and_is_told_the_decision_once(
    people, school, django_capture_on_commit_callbacks
):
    teacher, expert = client_for(people["teacher"]), client_for(people["expert"])
    response = submit(teacher, school)
    request = ServiceRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/fi/palvelut/pyynnot/{request.pk}/"
    assert request.requested_by == people["teacher"]
    assert [step.kind for step in request.steps.all()] == ReviewStep.ORDER
    page = f"/fi/palvelut/pyynnot/{request.pk}/"
    assert "Äänitehdas" in expert.get("/fi/palvelut/pyynnot/").content.decode()

    assert expert.post(page, {"action": "start", "slug": "aanitehdas"}).status_code == 302
    service = DigitalService.objects.get(slug="aanitehdas")
    assert service.name_fi == "Äänitehdas" and service.organisation == request.organisation
    assert Decision.objects.in_force().get(service=service).status == "review"
    public = client_for(None).get("/fi/palvelut/").content.decode()
    assert "Äänitehdas" in public and "Arvioitavana" in public

    early = expert.post(page, {"action": "decide", "status": "approved"})
    assert early.status_code == 400
    assert "Tee kaikki vaiheet ennen päätöstä" in early.content.decode()
    for kind in STEPS:
        status = "not_needed" if kind == "impact_assessment" else "done"
        response = expert.post(
            page,
            {"action": "step", "kind": kind, "status": status, "notes": f"Muistiinpano {kind}"},
        )
        assert response.status_code == 302, kind
    decision = {
        "action": "decide",
        "status": "conditions",
        "decided_by_fi": "Sivistysjohtaja",
        "decided_by_sv": "Bildningsdirektören",
        "grade_min": "5",
        "grade_max": "6",
        "conditions_fi": "Äänitteissä ei kerrota oppilaiden sukunimiä.",
        "conditions_sv": "I inspelningarna nämns inte elevernas efternamn.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = expert.post(page, decision)
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "decided"
    assert request.decision.status == "conditions"
    assert request.decision.owner == people["expert"]
    assert Decision.objects.in_force().get(service=service) == request.decision

    (message,) = mail.outbox
    assert message.to == ["olli@rusko.example"]
    assert message.subject == "Pyyntösi: Äänitehdas – Hyväksytty ehdoin"
    assert "Äänitteissä ei kerrota oppilaiden sukunimiä." in message.body
    assert f"/fi/palvelut/pyynnot/{request.pk}/" in message.body
    assert message.extra_headers["Message-ID"].startswith("<services.")
    seen = teacher.get(page).content.decode()
    assert "Hyväksytty ehdoin" in seen and "Äänitteissä ei kerrota" in seen

    from services.reminders import send_pending

    send_pending()  # the periodic job finds nothing more to send
    assert len(mail.outbox) == 1
    assert EmailDelivery.objects.get().status == "sent"


def test_the_outcome_is_told_in_the_language_of_the_request(
    people, school, django_capture_on_commit_callbacks
):
    teacher = client_for(people["teacher"])
    teacher.post("/i18n/setlang/", {"language": "sv"})
    response = teacher.post(
        "/sv/tjanster/begaran/",
        {
            "service_name": "Ljudfabriken",
            "school": school.pk,
            "purpose": "Radioprogram.",
        },
    )
    assert response.status_code == 302
    request = ServiceRequest.objects.get()
    assert request.language == "sv"
    from services import request_review

    service = DigitalServiceFactory(slug="ljudfabriken", name_sv="Ljudfabriken")
    request_review.start_review(request, people["expert"], existing=service)
    for kind in STEPS:
        request_review.resolve_step(request, people["expert"], kind, "done")
    outcome = Decision(status="not_approved", reasons_fi="Ei sopimusta.", reasons_sv="Inget avtal.")
    with django_capture_on_commit_callbacks(execute=True):
        request_review.decide(request, people["expert"], outcome)
    (message,) = mail.outbox
    assert message.subject == "Din begäran: Ljudfabriken – Inte godkänd"
    assert "Inget avtal." in message.body


def test_linking_an_approved_service_keeps_its_decision(people, school):
    service = DigitalServiceFactory(slug="sanapeli")
    approved = DecisionFactory(service=service, decided_on=D(2025, 6, 1))
    request = ServiceRequestFactory(requested_by=people["teacher"])
    client_for(people["expert"]).post(
        f"/fi/palvelut/pyynnot/{request.pk}/", {"action": "start", "existing": service.pk}
    )
    request.refresh_from_db()
    assert request.service == service and request.status == "in_review"
    assert Decision.objects.in_force().get(service=service) == approved


def test_only_the_municipalitys_reviewers_act(people, school):
    request = ServiceRequestFactory(requested_by=people["teacher"])
    page = f"/fi/palvelut/pyynnot/{request.pk}/"
    teacher = client_for(people["teacher"]).post(page, {"action": "start", "slug": "aanitehdas"})
    assert teacher.status_code == 403
    other = client_for(people["other_expert"]).post(page, {"action": "start", "slug": "aanitehdas"})
    assert other.status_code == 404  # Kangasala's reviewer cannot see Rusko's request
    assert client_for(None).post(page, {"action": "start", "slug": "x"}).status_code == 302
    request.refresh_from_db()
    assert request.status == "submitted"
    assert not DigitalService.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "dance"},
        {"action": "start"},
        {"action": "start", "slug": "ä ö"},
        {"action": "start", "existing": "²"},
        {"action": "start", "existing": "999999"},
        {"action": "step", "kind": "decision", "status": "done"},
        {"action": "step", "kind": "data_protection", "status": "maybe"},
        {"action": "step", "kind": "nonsense", "status": "done"},
        {"action": "decide", "status": "retired"},
        {"action": "decide", "status": "conditions"},
    ],
)
def test_bad_reviewer_input_is_a_400_with_a_message(people, data):
    request = ServiceRequestFactory(requested_by=people["teacher"])
    response = client_for(people["expert"]).post(f"/fi/palvelut/pyynnot/{request.pk}/", data)
    assert response.status_code == 400
    request.refresh_from_db()
    assert request.status == "submitted"
    assert not Decision.objects.exists()


def test_a_reserved_or_taken_slug_is_refused(people):
    DigitalServiceFactory(slug="sanapeli")
    request = ServiceRequestFactory(requested_by=people["teacher"])
    page = f"/fi/palvelut/pyynnot/{request.pk}/"
    expert = client_for(people["expert"])
    taken = expert.post(page, {"action": "start", "slug": "sanapeli"})
    assert taken.status_code == 400
    assert "lyhyellä nimellä" in taken.content.decode()
    reserved = expert.post(page, {"action": "start", "slug": "tarkistus"})
    assert reserved.status_code == 400
    assert "rekisterin omien sivujen" in reserved.content.decode()


def test_the_request_form_explains_its_errors(people, school):
    response = submit(
        client_for(people["teacher"]),
        school,
        service_name="",
        purpose="x" * 5000,
        grade_min="7",
        grade_max="3",
        school="²",
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tarkista lomake" in html
    assert "Viimeinen luokka ei voi olla ensimmäistä pienempi." in html
    assert not ServiceRequest.objects.exists()
    other_school = SchoolFactory(organisation=people["other_teacher"].staff_profile.organisation)
    response = submit(client_for(people["teacher"]), school, school=other_school.pk)
    assert response.status_code == 400  # not a school of the teacher's municipality


def test_someone_without_a_municipality_cannot_request(db, locales):
    from kb.tests.factories import UserFactory

    response = client_for(UserFactory(username="vieras")).get("/fi/palvelut/pyynto/")
    assert response.status_code == 403
    assert "Tunnustasi ei ole liitetty kuntaan" in response.content.decode()


def test_every_request_gets_the_steps_however_it_is_made(municipalities):
    made = ServiceRequest.objects.create(
        organisation=municipalities["rusko"], service_name="Kuvakertoja", purpose="Tarinat."
    )
    assert [step.kind for step in made.steps.all()] == ReviewStep.ORDER
