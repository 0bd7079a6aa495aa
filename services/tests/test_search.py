"""What the site search may index of a service: public fields only, in both languages."""

import datetime

import pytest
import time_machine

from search.tests.conftest import engine  # noqa: F401 -- both search engines
from services.search import search_texts
from services.tests.canary import mark_register
from services.tests.conftest import at
from services.tests.factories import DecisionFactory, DigitalServiceFactory, region
from services.tests.test_canary import MARK, Markers

pytestmark = pytest.mark.django_db


@time_machine.travel(at(datetime.date(2026, 11, 24)), tick=False)
def test_search_texts_hold_public_fields_only(municipalities, school_years):
    service = DigitalServiceFactory(
        slug="laskuluotain",
        name_fi="Laskuluotain",
        name_sv="Räknelodet",
        organisation=region(),
        privacy_notice_fi="<h2>Rekisterinpitäjä</h2><p>Seudun kunnat.</p>",
    )
    decision = DecisionFactory(
        service=service,
        organisation=municipalities["rusko"],
        status="conditions",
        conditions_fi="Ei kilpailutilaa.",
        conditions_sv="Inget tävlingsläge.",
    )
    mark_register(Markers("r"), decision, school_years[2026])
    texts = search_texts(service)
    assert set(texts) == {"fi", "sv"}
    assert texts["fi"]["title"] == "Laskuluotain" and texts["sv"]["title"] == "Räknelodet"
    assert "Ruskon kunta: Hyväksytty ehdoin" in texts["fi"]["body"]
    assert (
        "Ei kilpailutilaa." in texts["fi"]["body"] and "Inget tävlingsläge." in texts["sv"]["body"]
    )
    assert "Rekisterinpitäjä\nSeudun kunnat." in texts["fi"]["body"]
    assert texts["sv"]["url"] == "/sv/tjanster/laskuluotain/"
    assert MARK not in repr(texts).lower()


def test_a_service_nobody_has_decided_on_is_not_searchable(municipalities):
    assert search_texts(DigitalServiceFactory()) == {}


@time_machine.travel(at(datetime.date(2026, 11, 24)), tick=False)
def test_services_are_found_in_site_search_without_their_staff_fields(
    engine,  # noqa: F811 -- the engines fixture
    municipalities,
    school_years,
    client,  # noqa: F811 -- the engines fixture
):
    from search.querying import run_query

    def found(text, lang="fi"):
        return [hit.key for hit in run_query(text, lang, frozenset({"public"}), limit=20).hits]

    service = DigitalServiceFactory(
        slug="laskuluotain", name_fi="Laskuluotain", name_sv="Räknelodet", organisation=region()
    )
    assert f"service:{service.pk}" not in found("laskuluotain")  # nobody has decided yet
    decision = DecisionFactory(
        service=service,
        organisation=municipalities["rusko"],
        status="not_approved",
        reasons_fi="Toimittaja ei tee tietosuojasopimusta.",
    )
    assert found("laskuluotain")[0] == f"service:{service.pk}"
    assert f"service:{service.pk}" in found("räknelodet", "sv")
    assert f"service:{service.pk}" in found("tietosuojasopimus")  # the reasons are public
    mark_register(Markers("r"), decision, school_years[2026])
    assert f"service:{service.pk}" not in found(f"{MARK}rinternalconditionsfi")
    html = client.get("/fi/haku/?q=laskuluotain").content.decode()
    assert "/fi/palvelut/laskuluotain/" in html
    decision.delete()
    assert f"service:{service.pk}" not in found("laskuluotain")
