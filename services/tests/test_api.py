"""The register in the open API: public fields for everyone, staff fields for the
municipality's staff, translated 400s for bad parameters."""

import datetime

import pytest
import time_machine

from services.tests.conftest import at, client_for
from services.tests.factories import DecisionFactory, DigitalServiceFactory, in_use, region

pytestmark = pytest.mark.django_db
D = datetime.date
API = "/api/v1/services"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(D(2026, 11, 24)), tick=False):
        yield


@pytest.fixture
def register(municipalities, people):
    maths = DigitalServiceFactory(
        slug="laskuluotain", name_fi="Laskuluotain", name_sv="Räknelodet", organisation=region()
    )
    in_use(
        maths,
        municipalities["rusko"],
        owner=people["expert"],
        internal_conditions_fi="Tulokset vain opettajalle.",
    )
    DecisionFactory(
        service=maths,
        organisation=municipalities["kangasala"],
        status="conditions",
        conditions_fi="Ei kilpailutilaa.",
        conditions_sv="Inget tävlingsläge.",
        grade_min=3,
        grade_max=9,
    )
    maps = DigitalServiceFactory(
        slug="karttaseikkailu",
        name_fi="Karttaseikkailu",
        processes_pupil_data=False,
        privacy_notice_fi="",
        privacy_notice_sv="",
    )
    DecisionFactory(service=maps, grade_min=7, grade_max=9)
    return {"maths": maths, "maps": maps}


def test_anonymous_callers_get_public_fields(register):
    response = client_for(None).get(API)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    data = response.json()
    assert data["count"] == 2 and data["language"] == "fi"
    maths = next(item for item in data["services"] if item["slug"] == "laskuluotain")
    assert maths["name"] == "Laskuluotain"
    assert (
        maths["privacy_notice"]
        == "http://localhost:8000/fi/palvelut/laskuluotain/tietosuojaseloste/"
    )
    assert [d["organisation"]["slug"] for d in maths["decisions"]] == ["kangasala", "rusko"]
    assert all("staff" not in decision for decision in maths["decisions"])
    assert maths["decisions"][1]["agreement"]["valid"] is True
    assert "Tulokset vain opettajalle" not in response.content.decode()


def test_staff_get_their_municipalitys_staff_fields(register, people):
    response = client_for(people["teacher"]).get(API, {"organisation": "tampereen-seutu"})
    assert response["Cache-Control"] == "private, max-age=300"
    maths = next(item for item in response.json()["services"] if item["slug"] == "laskuluotain")
    (rusko,) = [d for d in maths["decisions"] if d["organisation"]["slug"] == "rusko"]
    (kangasala,) = [d for d in maths["decisions"] if d["organisation"]["slug"] == "kangasala"]
    assert rusko["staff"]["internal_conditions"] == "Tulokset vain opettajalle."
    assert rusko["staff"]["responsible"] == "Daniel"
    assert "staff" not in kangasala


def test_filters_and_swedish(register):
    data = client_for(None).get(API, {"grade": "8", "pupil_data": "false", "lang": "sv"}).json()
    assert [item["slug"] for item in data["services"]] == ["karttaseikkailu"]
    data = client_for(None).get(API, {"organisation": "kangasala", "lang": "sv"}).json()
    (maths,) = data["services"]
    assert maths["name"] == "Räknelodet"
    assert maths["decisions"][0]["conditions"] == "Inget tävlingsläge."
    assert maths["decisions"][0]["status_label"] == "Godkänd med villkor"
    assert maths["url"].endswith("/sv/tjanster/laskuluotain/")


@pytest.mark.parametrize(
    ("query", "field", "finnish", "swedish"),
    [
        ({"grade": "x"}, "grade", "Valitse oikea vaihtoehto", "Välj ett giltigt alternativ"),
        ({"grade": "²"}, "grade", "Valitse oikea vaihtoehto", "Välj ett giltigt alternativ"),
        ({"status": "maybe"}, "status", "Valitse oikea vaihtoehto", "Välj ett giltigt alternativ"),
        ({"organisation": "ä ö"}, "organisation", "", ""),
        ({"organisation": "olematon"}, "organisation", "Kuntaa ei ole.", "Kommunen finns inte."),
        ({"school": "olematon"}, "school", "Koulua ei ole.", "Skolan finns inte."),
        (
            {"pupil_data": "ehkä"},
            "pupil_data",
            "Valitse oikea vaihtoehto",
            "Välj ett giltigt alternativ",
        ),
        ({"lang": "en"}, "lang", "Valitse oikea vaihtoehto", ""),
    ],
)
def test_bad_parameters_are_a_translated_400(register, query, field, finnish, swedish):
    response = client_for(None).get(API, query)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert field in errors
    assert finnish in errors[field][0]
    if swedish and "lang" not in query:
        swedish_errors = client_for(None).get(API, {**query, "lang": "sv"}).json()["errors"]
        assert swedish in swedish_errors[field][0]


def test_only_get_is_allowed(register):
    assert client_for(None).post(API).status_code == 405
