"""Who sees what of the register: kb.access decides, every surface follows."""

import datetime

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.models import ReferenceIndex

import pytest
import time_machine

from kb.access import PUBLIC, Reader, audience_of, organisation_scope
from services.models import Decision
from services.tests.conftest import at, client_for
from services.tests.factories import (
    AgreementFactory,
    AssessmentFactory,
    DecisionFactory,
    DigitalServiceFactory,
    SafeguardFactory,
    ServiceRequestFactory,
    region,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(datetime.date(2026, 11, 24)), tick=False):
        yield


def agreement_file(title="Sanapeli – tietosuojasopimus"):
    document = get_document_model()(title=title)
    document.file.save("sopimus.txt", ContentFile(b"Sopimuksen teksti"), save=False)
    document.save()
    return document


def test_audiences_are_registered(municipalities, people):
    rusko = municipalities["rusko"]
    decision = DecisionFactory()
    agreement = AgreementFactory(service=decision.service)
    assessment = AssessmentFactory(service=decision.service)
    safeguard = SafeguardFactory(assessment=assessment)
    request = ServiceRequestFactory()
    staff = {organisation_scope(rusko.translation_key)}
    assert audience_of(decision.service).scopes == {PUBLIC}
    assert audience_of(decision).scopes == {PUBLIC}
    assert decision.details_audience().scopes == staff
    for private in (agreement, assessment, safeguard, request, request.steps.first()):
        assert audience_of(private).scopes == staff, private
    ruskos, kangasalas = (
        Reader.for_user(people["teacher"]),
        Reader.for_user(people["other_teacher"]),
    )
    assert ruskos.may_see(audience_of(agreement))
    assert not kangasalas.may_see(audience_of(agreement))
    assert not Reader.anonymous().may_see(audience_of(agreement))


def test_an_agreement_file_is_served_only_to_the_municipalitys_staff(municipalities, people):
    document = agreement_file()
    agreement = AgreementFactory(document=document)
    DecisionFactory(service=agreement.service)
    assert ReferenceIndex.get_references_to(document).exists()  # the index knows who uses it
    url = document.url

    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302
    assert "/fi/kirjaudu/" in anonymous["Location"]
    assert client_for(people["other_teacher"]).get(url).status_code == 404
    staff = client_for(people["teacher"]).get(url)
    assert staff.status_code == 200
    assert b"".join(staff.streaming_content) == b"Sopimuksen teksti"


def test_a_region_wide_agreement_file_stays_with_its_municipality(municipalities, people):
    service = DigitalServiceFactory(organisation=region())
    document = agreement_file("Seudun sopimus")
    AgreementFactory(service=service, organisation=municipalities["kangasala"], document=document)
    assert client_for(people["other_teacher"]).get(document.url).status_code == 200
    assert client_for(people["teacher"]).get(document.url).status_code == 404


def staff_fields_page(service):
    return f"/fi/palvelut/{service.slug}/"


def test_service_page_shows_staff_fields_to_the_municipalitys_staff_only(municipalities, people):
    decision = DecisionFactory(
        internal_conditions_fi="Opettaja tarkistaa tarinat ennen julkaisua.",
        owner=people["expert"],
    )
    AgreementFactory(service=decision.service, notes="Uusi sopimus pyydetty.")
    AssessmentFactory(service=decision.service, risk_details_fi="Kuvista voi tunnistaa oppilaan.")
    secrets = [
        "Opettaja tarkistaa tarinat",
        "Uusi sopimus pyydetty",
        "Kuvista voi tunnistaa",
        "Daniel",
    ]
    url = staff_fields_page(decision.service)
    staff = client_for(people["teacher"]).get(url).content.decode()
    for text in secrets:
        assert text in staff  # positive control
    for reader in (None, people["other_teacher"]):
        html = client_for(reader).get(url).content.decode()
        assert decision.service.name_fi in html
        for text in secrets:
            assert text not in html, (reader, text)


def test_requests_are_seen_by_the_municipalitys_staff_only(municipalities, people):
    request = ServiceRequestFactory(requested_by=people["teacher"])
    url = f"/fi/palvelut/pyynnot/{request.pk}/"
    assert client_for(people["teacher"]).get(url).status_code == 200
    assert client_for(people["expert"]).get(url).status_code == 200
    assert client_for(people["other_teacher"]).get(url).status_code == 404
    assert client_for(people["other_expert"]).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    queue = client_for(people["other_teacher"]).get("/fi/palvelut/pyynnot/").content.decode()
    assert "Äänitehdas" not in queue
    assert (
        "Äänitehdas" in client_for(people["teacher"]).get("/fi/palvelut/pyynnot/").content.decode()
    )


def test_admin_lists_and_edits_only_the_editors_municipality(municipalities, people, admin_user):
    ruskos = DecisionFactory(decided_by_fi="Ruskon sivistysjohtaja")
    kangasalas = DecisionFactory(
        organisation=municipalities["kangasala"],
        service=DigitalServiceFactory(organisation=region()),
        decided_by_fi="Kangasalan opetusjohtaja",
    )
    editor = people["expert"]
    editor.is_staff = True
    editor.save()
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = client_for(editor)
    listing = client.get("/admin/snippets/services/decision/").content.decode()
    assert f"/admin/snippets/services/decision/edit/{ruskos.pk}/" in listing
    assert f"/admin/snippets/services/decision/edit/{kangasalas.pk}/" not in listing
    assert client.get(f"/admin/snippets/services/decision/edit/{ruskos.pk}/").status_code == 200
    assert client.get(f"/admin/snippets/services/decision/edit/{kangasalas.pk}/").status_code in {
        302,
        403,
    }
    add = "/admin/snippets/services/decision/add/"
    fields = {"service": kangasalas.service.pk, "status": "approved", "decided_on": "2026-11-01"}
    before = Decision.objects.count()
    client.post(add, {**fields, "organisation": municipalities["kangasala"].pk})
    assert Decision.objects.count() == before  # not an organisation the editor may choose
    client.post(add, {**fields, "organisation": municipalities["rusko"].pk})
    assert Decision.objects.count() == before + 1  # positive control
    everything = client_for(admin_user).get("/admin/snippets/services/decision/").content.decode()
    assert f"/admin/snippets/services/decision/edit/{kangasalas.pk}/" in everything
    # Every view of one row asks the same rule (kb.rights), deleting included.
    editor.user_permissions.add(Permission.objects.get(codename="delete_decision"))
    for view in ("delete", "history", "usage", "inspect"):
        other = client.get(f"/admin/snippets/services/decision/{view}/{kangasalas.pk}/")
        assert other.status_code in {302, 403}, view
        own = client.get(f"/admin/snippets/services/decision/{view}/{ruskos.pk}/")
        assert own.status_code == 200, view
    client.post(f"/admin/snippets/services/decision/delete/{kangasalas.pk}/")
    assert Decision.objects.filter(pk=kangasalas.pk).exists()
