"""A service in the reader's language: Swedish address words and a Swedish "decided by";
the other language's address moves permanently; imports and exports carry both."""

import datetime

from django.core.exceptions import ValidationError

import pytest
import time_machine

from services import exchange
from services.models import Decision, DigitalService
from services.tests.conftest import at, client_for
from services.tests.factories import DecisionFactory, DigitalServiceFactory
from services.tests.test_exchange import csv_file, good_row, upload

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(D(2026, 11, 24)), tick=False):
        yield


@pytest.fixture
def sound(municipalities, school_years):
    service = DigitalServiceFactory(
        slug="aanitehdas", slug_sv="ljudfabriken", name_fi="Äänitehdas", name_sv="Ljudfabriken"
    )
    DecisionFactory(
        service=service,
        organisation=municipalities["rusko"],
        decided_by_fi="Sivistysjohtaja",
        decided_by_sv="Bildningsdirektören",
    )
    return service


def test_each_language_has_its_own_address_and_the_other_moves(client, sound):
    swedish = client.get("/sv/tjanster/ljudfabriken/")
    assert swedish.status_code == 200
    html = swedish.content.decode()
    assert "(Bildningsdirektören)" in html and "Sivistysjohtaja" not in html
    finnish = client.get("/fi/palvelut/aanitehdas/")
    assert finnish.status_code == 200 and "(Sivistysjohtaja)" in finnish.content.decode()
    for old, new in [
        ("/sv/tjanster/aanitehdas/", "/sv/tjanster/ljudfabriken/"),
        ("/fi/palvelut/ljudfabriken/", "/fi/palvelut/aanitehdas/"),
    ]:
        response = client.get(old)
        assert response.status_code == 301 and response["Location"] == new
    # The list links to each language's own address.
    assert 'href="/sv/tjanster/ljudfabriken/"' in client.get("/sv/tjanster/").content.decode()


def test_without_a_swedish_word_or_decider_the_finnish_ones_serve(client, municipalities):
    service = DigitalServiceFactory(slug="sanapeli", name_fi="Sanapeli")
    DecisionFactory(service=service, decided_by_fi="Rehtori", decided_by_sv="")
    response = client.get("/sv/tjanster/sanapeli/")
    assert response.status_code == 200 and "(Rehtori)" in response.content.decode()


def test_a_swedish_word_may_not_name_another_service(sound):
    other = DigitalServiceFactory.build(
        slug="ljudfabriken", organisation=sound.organisation, name_fi="Toinen"
    )
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "slug" in error.value.message_dict
    third = DigitalServiceFactory.build(
        slug="kolmas", slug_sv="aanitehdas", organisation=sound.organisation, name_fi="Kolmas"
    )
    with pytest.raises(ValidationError) as error:
        third.full_clean()
    assert "slug_sv" in error.value.message_dict


def test_exchange_carries_the_swedish_word_and_decider(sound, people):
    columns, rows = exchange.export_rows([], with_staff=False)
    assert {"slug_sv", "decided_by_fi", "decided_by_sv"} <= set(columns)
    client = client_for(people["expert"])
    row = good_row(slug_sv="laslaxan", decided_by_fi="Rehtori", decided_by_sv="Rektorn")
    assert upload(client, "uudet.csv", csv_file([row])).status_code == 200
    service = DigitalService.objects.get(slug="lukulaksy")
    decision = Decision.objects.get(service=service)
    assert (service.slug_sv, decision.decided_by_fi, decision.decided_by_sv) == (
        "laslaxan",
        "Rehtori",
        "Rektorn",
    )


def test_an_earlier_files_decided_by_column_reads_as_finnish(sound, people):
    client = client_for(people["expert"])
    row = good_row()
    row["decided_by"] = "Opetuspäällikkö"
    assert upload(client, "vanha.csv", csv_file([row])).status_code == 200
    assert Decision.objects.get(service__slug="lukulaksy").decided_by_fi == "Opetuspäällikkö"
