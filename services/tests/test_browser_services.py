"""The register in a real browser (Playwright + axe-core), in Finnish and Swedish: a guardian
reads the list and a privacy notice, a teacher requests a service and sees the decision,
an editor runs the start-of-year check to the end."""

import datetime
import re

import pytest
import time_machine

from kb.tests.factories import RoleFactory, SchoolFactory, SchoolYearFactory, staff_user
from services.models import ServiceRequest, YearClockLink
from services.tests.conftest import grant
from services.tests.factories import (
    DecisionFactory,
    DigitalServiceFactory,
    in_use,
    kangasala,
    region,
    rusko,
)
from yearclock.models import Completion, Task
from yearclock.tests.factories import TaskFactory, YearClockFactory

BAD_IMPORT = b"service,organisation,status,decided_on\nsanapeli,rusko,maybe,1.1.2026\n"

# The live server runs in another thread: committed data, migration data restored after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def register(locales):
    # The school year's start, with the clock running (the browser needs it).
    with time_machine.travel(datetime.datetime(2026, 8, 20, 9, 0), tick=True):
        SchoolYearFactory(start_year=2026)
        words = DigitalServiceFactory(
            slug="sanapeli",
            name_fi="Sanapeli",
            name_sv="Ordspelet",
            privacy_notice_fi="<h2>Rekisterinpitäjä</h2><p>Ruskon kunta, sivistystoimi.</p>",
            privacy_notice_sv="<h2>Personuppgiftsansvarig</h2><p>Rusko kommun.</p>",
        )
        in_use(words)
        maths = DigitalServiceFactory(
            slug="laskuluotain", name_fi="Laskuluotain", name_sv="Räknelodet", organisation=region()
        )
        in_use(
            maths,
            rusko(),
            status="conditions",
            conditions_fi="Ei kilpailutilaa.",
            conditions_sv="Inget tävlingsläge.",
        )
        DecisionFactory(service=maths, organisation=kangasala())
        quiz = DigitalServiceFactory(
            slug="kyselykone", name_fi="Kyselykone", name_sv="Enkätmaskinen"
        )
        DecisionFactory(
            service=quiz,
            status="not_approved",
            reasons_fi="Toimittaja ei tee tietosuojasopimusta.",
            reasons_sv="Leverantören ingår inget dataskyddsavtal.",
        )
        yield {"words": words, "maths": maths, "quiz": quiz}


def test_guardian_reads_the_list_and_a_privacy_notice(browser_page, axe, register):
    page = browser_page
    page.goto("/fi/palvelut/")
    assert page.get_by_role("heading", level=1).inner_text() == "Opetuksessa käytettävät palvelut"
    axe(page)
    page.select_option("#id_status", "not_approved")
    page.get_by_role("button", name="Näytä").click()
    page.wait_for_url("**status=not_approved**")
    assert page.locator(".service-item").count() == 1
    page.get_by_role("link", name="Kyselykone", exact=True).click()
    page.wait_for_url("**/fi/palvelut/kyselykone/")
    assert "Toimittaja ei tee tietosuojasopimusta." in page.content()
    axe(page)

    page.goto("/fi/palvelut/")
    page.get_by_role("link", name=re.compile("Tietosuojaseloste.*Sanapeli")).click()
    page.wait_for_url("**/fi/palvelut/sanapeli/tietosuojaseloste/")
    assert page.get_by_role("heading", name="Rekisterinpitäjä").is_visible()
    axe(page)

    page.get_by_role("link", name="Svenska").click()
    page.wait_for_url("**/sv/tjanster/sanapeli/dataskyddsbeskrivning/")
    assert page.get_by_role("heading", name="Personuppgiftsansvarig").is_visible()
    assert page.locator("html").get_attribute("lang") == "sv"
    axe(page)
    page.goto("/sv/tjanster/")
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Tjänster som används i undervisningen"
    )
    assert "Godkänd med villkor" in page.content()
    axe(page)


def test_teacher_requests_a_service_and_sees_the_decision(
    browser_page, browser_sign_in, axe, register
):
    page = browser_page
    organisation = rusko()
    school = SchoolFactory(name="Laukolan koulu", slug="laukolan-koulu", organisation=organisation)
    teacher = staff_user(username="olli", first_name="Olli", email="olli@rusko.example")
    expert = grant(
        staff_user(username="daniel", first_name="Daniel", email="daniel@rusko.example"),
        "review_servicerequest",
    )
    browser_sign_in(page, teacher)
    page.goto("/fi/palvelut/")
    page.get_by_role("link", name="Pyydä uutta palvelua").click()
    page.wait_for_url("**/fi/palvelut/pyynto/")
    axe(page)
    page.get_by_role("button", name="Lähetä pyyntö").click()  # empty: explained
    page.get_by_role("alert").wait_for()
    assert "Tarkista lomake" in page.get_by_role("alert").inner_text()
    axe(page)
    page.get_by_label("palvelun nimi").fill("Äänitehdas")
    page.get_by_label("toimittaja").fill("Äänipaja Oy")
    page.get_by_label("koulu").select_option(str(school.pk))
    page.get_by_label("opetuksen tarve").fill("Kuudesluokkalaiset tekevät radio-ohjelman.")
    page.get_by_label("Alkaen luokasta").select_option("5")
    page.get_by_label("Luokkaan asti").select_option("6")
    page.get_by_role("button", name="Lähetä pyyntö").click()
    page.wait_for_url("**/fi/palvelut/pyynnot/*/")
    assert "Kiitos! Pyyntösi on lähetetty käsiteltäväksi." in page.content()
    axe(page)
    request_url = page.url

    browser_sign_in(page, expert)
    page.goto("/fi/palvelut/pyynnot/")
    axe(page)
    page.get_by_role("link", name="Äänitehdas").click()
    page.get_by_label("Lyhyt nimi osoitteissa").fill("aanitehdas")
    page.get_by_role("button", name="Aloita käsittely").click()
    page.wait_for_load_state()
    axe(page)
    for step in (
        "Tietosuojatarkistus (GDPR)",
        "Saavutettavuuden tarkistus",
        "Tietosuojasopimus",
        "Vaikutustenarviointi tarvittaessa",
    ):
        page.get_by_role("button", name=f"Kirjaa: {step}").click()
        page.wait_for_load_state()
    page.locator(".decision-form").get_by_label("Päätös").select_option("conditions")
    page.get_by_label("käytön ehdot (suomeksi)").fill("Äänitteissä ei kerrota sukunimiä.")
    page.get_by_label("käytön ehdot (ruotsiksi)").fill("I inspelningarna nämns inga efternamn.")
    page.get_by_role("button", name="Kirjaa päätös ja ilmoita pyytäjälle").click()
    page.wait_for_load_state()
    assert ServiceRequest.objects.get().status == "decided"

    browser_sign_in(page, teacher)
    page.goto(request_url)
    decision = page.locator("#decision-heading")
    assert "Hyväksytty ehdoin" in decision.inner_text()
    assert "Äänitteissä ei kerrota sukunimiä." in page.content()
    axe(page)
    page.goto(request_url.replace("/fi/palvelut/pyynnot/", "/sv/tjanster/begaranden/"))
    assert "Godkänd med villkor" in page.locator("#decision-heading").inner_text()
    assert "I inspelningarna nämns inga efternamn." in page.content()
    axe(page)


def test_editor_runs_the_start_of_year_check_to_the_end(
    browser_page, browser_sign_in, axe, register
):
    page = browser_page
    digi = RoleFactory(slug="digitalisaation-asiantuntija", name="Digitalisaation asiantuntija")
    editor = grant(
        staff_user(username="eeva", first_name="Eeva", roles=[digi]),
        "add_schoolyearcheck",
        "add_decision",
        "access_admin",
    )
    clock = YearClockFactory(slug="rusko", organisation=rusko())
    task = TaskFactory(
        year_clock=clock,
        title="Tietosuojasopimusten voimassaolon tarkistus",
        rule=Task.Rule.TERM,
        anchor=Task.Anchor.AUTUMN_TERM_START,
        offset_days=7,
        roles=[digi],
    )
    YearClockLink.objects.create(task_key=task.translation_key, purpose="check")
    browser_sign_in(page, editor)
    page.goto(task.get_absolute_url())
    page.get_by_role("link", name="Avaa palvelujen lukuvuoden alun tarkistus").click()
    page.wait_for_url("**/fi/palvelut/tarkistus/")
    assert "0/2 palvelua tarkistettu." in page.content()
    axe(page)
    page.get_by_role("button", name="Merkitse Sanapeli tarkistetuksi").click()
    page.wait_for_load_state()
    assert "1/2 palvelua tarkistettu." in page.content()
    item = page.locator("#service-laskuluotain")
    item.get_by_label("Muistiinpanot").fill("Ehdot käyty läpi rehtorien kanssa.")
    item.get_by_role("button", name="Merkitse Laskuluotain tarkistetuksi").click()
    page.wait_for_load_state()
    assert "2/2 palvelua tarkistettu." in page.content()
    assert "Kaikki käytössä olevat palvelut on tarkistettu lukuvuodelle 2026–2027" in page.content()
    axe(page)
    assert Completion.objects.get(task_key=task.translation_key).done_by == editor

    page.get_by_role("link", name="Tietosuojasopimusten voimassaolon tarkistus").click()
    page.wait_for_load_state()
    # In the folded list of all dates: its text, whether or not it is open.
    assert page.locator("#occurrence-2026-08-19 .state").text_content() == "Tehty"
    page.goto("/sv/tjanster/kontroll/")
    assert "2 av 2 tjänster kontrollerade." in page.content()
    axe(page)

    page.goto("/fi/palvelut/")
    page.get_by_role("link", name="Tuonti").click()
    page.wait_for_url("**/admin/services/import/")  # in the admin's frame
    axe(page, context="[data-services-import]")
    page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "rekisteri.csv",
                "mimeType": "text/csv",
                "buffer": BAD_IMPORT,
            }
        ],
    )
    page.get_by_role("button", name="Tarkista ja tuo").click()
    alert = page.locator("[data-services-import] [role=alert]")
    alert.wait_for()
    assert "Mitään ei tuotu" in alert.inner_text()
    axe(page, context="[data-services-import]")
    page.goto("/sv/tjanster/import/")
    page.wait_for_url("**/admin/services/import/")
    axe(page, context="[data-services-import]")
