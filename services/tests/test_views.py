"""The public register: the list and its filters, service pages, privacy notices, links in
from the year clock and from guides; bad input gets a clear answer, never a 500."""

import datetime

import pytest
import time_machine

from guides.tests.factories import GuidePageFactory, site_tree, translate
from kb.tests.factories import SchoolFactory
from services.models import YearClockLink
from services.tests.conftest import at, client_for
from services.tests.factories import (
    AgreementFactory,
    AssessmentFactory,
    DecisionFactory,
    DigitalServiceFactory,
    region,
)
from yearclock.tests.factories import TaskFactory, YearClockFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(D(2026, 11, 24)), tick=False):
        yield


@pytest.fixture
def register(municipalities, school_years):
    rusko, kangasala = municipalities["rusko"], municipalities["kangasala"]
    maunu = SchoolFactory(name="Maunun koulu", slug="maunun-koulu", organisation=rusko)
    words = DigitalServiceFactory(slug="sanapeli", name_fi="Sanapeli", name_sv="Ordspelet")
    DecisionFactory(service=words, grade_min=1, grade_max=4, schools=[maunu])
    maths = DigitalServiceFactory(
        slug="laskuluotain",
        name_fi="Laskuluotain",
        name_sv="Räknelodet",
        organisation=region(),
        provider="Numerola Oy",
    )
    DecisionFactory(service=maths, organisation=rusko, grade_min=1, grade_max=9)
    DecisionFactory(
        service=maths,
        organisation=kangasala,
        status="conditions",
        grade_min=3,
        grade_max=9,
        conditions_fi="Kilpailutilaa ei käytetä.",
        conditions_sv="Tävlingsläget används inte.",
    )
    maps = DigitalServiceFactory(
        slug="karttaseikkailu",
        name_fi="Karttaseikkailu",
        processes_pupil_data=False,
        privacy_notice_fi="",
        privacy_notice_sv="",
    )
    DecisionFactory(service=maps, grade_min=7, grade_max=9)
    quiz = DigitalServiceFactory(slug="kyselykone", name_fi="Kyselykone")
    DecisionFactory(service=quiz, status="review", decided_on=D(2026, 9, 1))
    DecisionFactory(
        service=quiz,
        status="not_approved",
        decided_on=D(2026, 10, 1),
        reasons_fi="Toimittaja ei tee tietosuojasopimusta.",
        reasons_sv="Leverantören ingår inget dataskyddsavtal.",
    )
    return {"words": words, "maths": maths, "maps": maps, "quiz": quiz, "maunu": maunu}


def names(response):
    html = response.content.decode()
    found = [
        name
        for name in ("Sanapeli", "Laskuluotain", "Karttaseikkailu", "Kyselykone")
        if name in html
    ]
    return found, html


def test_list_shows_every_decision_in_force_in_both_languages(register):
    found, html = names(client_for(None).get("/fi/palvelut/"))
    assert found == ["Sanapeli", "Laskuluotain", "Karttaseikkailu", "Kyselykone"]
    assert "Opetuksessa käytettävät palvelut" in html
    assert "Ei hyväksytty" in html and "Hyväksytty ehdoin" in html
    assert html.count("Laskuluotain</a>") == 1  # one entry per service, decisions inside
    swedish = client_for(None).get("/sv/tjanster/").content.decode()
    assert "Tjänster som används i undervisningen" in swedish
    assert "Räknelodet" in swedish and "Inte godkänd" in swedish


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("organisation=kangasala", ["Laskuluotain"]),
        (
            "organisation=tampereen-seutu",
            ["Sanapeli", "Laskuluotain", "Karttaseikkailu", "Kyselykone"],
        ),
        ("status=not_approved", ["Kyselykone"]),
        ("grade=8", ["Laskuluotain", "Karttaseikkailu"]),
        ("school=maunun-koulu", ["Sanapeli", "Laskuluotain", "Karttaseikkailu", "Kyselykone"]),
        ("pupil_data=no", ["Karttaseikkailu"]),
        ("q=numerola", ["Laskuluotain"]),
    ],
)
def test_list_filters(register, query, expected):
    response = client_for(None).get(f"/fi/palvelut/?{query}")
    assert response.status_code == 200
    assert names(response)[0] == expected


def test_a_school_filter_keeps_only_services_for_that_school(register, municipalities):
    other = SchoolFactory(
        name="Laukolan koulu", slug="laukolan-koulu", organisation=municipalities["rusko"]
    )
    found, _html = names(client_for(None).get(f"/fi/palvelut/?school={other.slug}"))
    assert "Sanapeli" not in found  # only for Maunun koulu
    assert "Laskuluotain" in found


@pytest.mark.parametrize(
    "query",
    [
        "grade=x",
        "grade=²",
        "grade=10",
        "status=zz",
        "organisation=%00",
        "school=nowhere",
        "pupil_data=maybe",
        "q=" + "a" * 500,
        "page=abc",
        "page=-1",
        "page=99999",
    ],
)
def test_bad_filters_are_explained_not_500(register, query):
    response = client_for(None).get(f"/fi/palvelut/?{query}")
    assert response.status_code in {200, 400}
    if response.status_code == 400:
        assert "Joitakin rajauksia ei ymmärretty" in response.content.decode()
    assert "Sanapeli" in response.content.decode()


def test_service_page_shows_each_municipalitys_decision(register):
    html = client_for(None).get("/fi/palvelut/laskuluotain/").content.decode()
    assert "Ruskon kunta" in html and "Kangasalan kaupunki" in html
    assert "Kilpailutilaa ei käytetä." in html
    swedish = client_for(None).get("/sv/tjanster/laskuluotain/").content.decode()
    assert "Tävlingsläget används inte." in swedish
    denied = client_for(None).get("/fi/palvelut/kyselykone/").content.decode()
    assert "Toimittaja ei tee tietosuojasopimusta." in denied


def test_service_page_keeps_history_per_school_year(register, school_years):
    from services.models import SchoolYearCheck

    SchoolYearCheck.objects.create(
        service=register["quiz"],
        organisation=register["quiz"].organisation,
        school_year=school_years[2025],
        agreement_valid=True,
        assessment_current=True,
        safeguards_done=True,
    )
    DecisionFactory(service=register["quiz"], status="approved", decided_on=D(2025, 8, 20))
    html = client_for(None).get("/fi/palvelut/kyselykone/").content.decode()
    rows = html.split("Lukuvuosittain")[-1]
    assert "2025–2026" in rows and "2026–2027" in rows
    year_2025 = rows.split("2025–2026")[1].split("</tr>")[0]
    assert "Hyväksytty" in year_2025 and "Tarkistettu" in year_2025
    year_2026 = rows.split("2026–2027")[1].split("</tr>")[0]
    assert "Ei hyväksytty" in year_2026 and "Ei tarkistettu" in year_2026


def test_missing_and_malformed_services_are_404(register):
    for url in [
        "/fi/palvelut/olematon/",
        "/fi/palvelut/karttaseikkailu/tietosuojaseloste/",
        "/fi/palvelut/%C2%B2/",
        "/fi/palvelut/pyynnot/%C2%B2/",
        "/fi/palvelut/pyynnot/99999999999999999999/",
    ]:
        response = client_for(None).get(url)
        assert response.status_code in {302, 404}, url


def test_privacy_notice_in_the_readers_language_or_marked_as_another(register):
    html = client_for(None).get("/sv/tjanster/sanapeli/dataskyddsbeskrivning/").content.decode()
    assert "Personuppgiftsansvarig är Rusko kommun." in html
    assert 'lang="sv"' in html
    register["words"].privacy_notice_sv = ""
    register["words"].save()
    html = client_for(None).get("/sv/tjanster/sanapeli/dataskyddsbeskrivning/").content.decode()
    assert "Rekisterinpitäjä on Ruskon kunta." in html
    assert '<div class="privacy-notice" lang="fi">' in html
    assert "finns ännu inte på detta språk" in html


def test_sitemap_lists_service_pages_in_both_languages(register):
    xml = client_for(None).get("/sitemap.xml").content.decode()
    assert "/fi/palvelut/sanapeli/" in xml
    assert "/sv/tjanster/sanapeli/" in xml


def test_year_clock_task_links_to_the_check_and_the_queue(register, people):
    clock = YearClockFactory(slug="rusko", organisation=register["words"].organisation)
    check = TaskFactory(year_clock=clock, title="Tietosuojasopimusten voimassaolon tarkistus")
    review = TaskFactory(year_clock=clock, title="Uusien sovellusten hyväksyntäpyyntöjen käsittely")
    plain = TaskFactory(year_clock=clock, title="Laitteiden jako")
    YearClockLink.objects.create(task_key=check.translation_key, purpose="check")
    YearClockLink.objects.create(task_key=review.translation_key, purpose="review")
    client = client_for(people["expert"])
    assert 'href="/fi/palvelut/tarkistus/"' in client.get(check.get_absolute_url()).content.decode()
    assert 'href="/fi/palvelut/pyynnot/"' in client.get(review.get_absolute_url()).content.decode()
    html = client.get(plain.get_absolute_url()).content.decode()
    assert "/fi/palvelut/tarkistus/" not in html and "/fi/palvelut/pyynnot/" not in html


def test_guides_list_the_services_related_to_them(register, locales):
    tree = site_tree()
    guide = GuidePageFactory(parent=tree["public"], title="Tietosuoja koulussa", slug="tietosuoja")
    translate(tree["home"], title="Skolornas anvisningar", slug="hem")
    translate(tree["public"], title="För vårdnadshavare", slug="for-vardnadshavare")
    swedish = translate(guide, title="Dataskydd i skolan", slug="dataskydd")
    register["maths"].guides.add(guide)
    html = client_for(None).get(guide.url).content.decode()
    assert "Laskuluotain" in html and "Hyväksytty ehdoin" in html
    assert "Sanapeli" not in html
    html = client_for(None).get(swedish.url).content.decode()
    assert "Räknelodet" in html and "Godkänd med villkor" in html
    service_page = client_for(None).get("/fi/palvelut/laskuluotain/").content.decode()
    assert "Tietosuoja koulussa" in service_page


def test_staff_guides_are_not_linked_for_anonymous_readers(register, locales):
    tree = site_tree()
    staff_guide = GuidePageFactory(parent=tree["staff"], title="Hankintaprosessi", slug="hankinta")
    register["words"].guides.add(staff_guide)
    assert "Hankintaprosessi" not in client_for(None).get("/fi/palvelut/sanapeli/").content.decode()


def test_agreement_and_assessment_summaries_are_public(register):
    AgreementFactory(service=register["words"], valid_until=D(2026, 12, 31))
    AssessmentFactory(
        service=register["words"], needed=False, justification_fi="Vain vähän tietoja."
    )
    html = client_for(None).get("/fi/palvelut/sanapeli/").content.decode()
    assert "voimassa 31.12.2026 asti" in html
    assert "Vain vähän tietoja." in html
