"""CSV/XLSX exchange: formula-safe exports that import back unchanged, all-or-nothing
imports with per-row problems, staff columns only for staff, bounded uploads."""

import csv
import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
import time_machine
from openpyxl import Workbook, load_workbook

from services import exchange
from services.models import DataProcessingAgreement, Decision, DigitalService, ImpactAssessment
from services.tests.conftest import at, client_for
from services.tests.factories import DigitalServiceFactory, in_use

pytestmark = pytest.mark.django_db
D = datetime.date
FORMULAS = [
    '=HYPERLINK("http://evil.example","klikkaa")',
    "+1+1",
    "-2",
    "@SUM(A1)",
    "=cmd|' /C calc'!A0",
]


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(D(2026, 11, 24)), tick=False):
        yield


@pytest.fixture
def register(municipalities, people):
    decision, agreement, assessment = in_use(
        DigitalServiceFactory(slug="sanapeli", name_fi="Sanapeli", purpose_fi=FORMULAS[0]),
        conditions_fi="-Vain etunimet",
        status="conditions",
        owner=people["expert"],
        internal_conditions_fi="=Opettaja tarkistaa",
    )
    agreement.notes = "Uusi sopimus pyydetty."
    agreement.save()
    assessment.risk_details_fi = "@Kuvista voi tunnistaa"
    assessment.save()
    return decision


def rows_of(response):
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_anonymous_export_has_public_columns_and_no_formulas(register):
    response = client_for(None).get("/fi/palvelut/export.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    (row,) = rows_of(response)
    assert list(row) == exchange.PUBLIC_COLUMNS
    assert row["service"] == "sanapeli"
    assert row["purpose_fi"] == "'" + FORMULAS[0]
    assert row["conditions_fi"] == "'-Vain etunimet"
    body = response.content.decode()
    assert "Opettaja tarkistaa" not in body and "Uusi sopimus" not in body


def test_staff_export_adds_their_municipalitys_staff_columns(register, people):
    (row,) = rows_of(client_for(people["teacher"]).get("/fi/palvelut/export.csv"))
    assert row["internal_conditions_fi"] == "'=Opettaja tarkistaa"
    assert row["agreement_notes"] == "Uusi sopimus pyydetty."
    assert row["responsible_email"] == "daniel@rusko.example"
    (other,) = rows_of(client_for(people["other_teacher"]).get("/fi/palvelut/export.csv"))
    assert list(other) == exchange.PUBLIC_COLUMNS


def test_xlsx_export_marks_formula_text_as_text(register, people):
    response = client_for(people["teacher"]).get("/fi/palvelut/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("internal_conditions_fi") + 1)
    assert cell.value == "=Opettaja tarkistaa"
    assert cell.data_type == "s" and cell.quotePrefix


def snapshot():
    return {
        "services": list(DigitalService.objects.values().order_by("pk")),
        "decisions": list(Decision.objects.values().order_by("pk")),
        "agreements": list(DataProcessingAgreement.objects.values().order_by("pk")),
        "assessments": list(ImpactAssessment.objects.values().order_by("pk")),
    }


def upload(client, name, content):
    return client.post("/admin/services/import/", {"file": SimpleUploadedFile(name, content)})


def test_the_old_public_addresses_lead_to_the_admin(client):
    for old in ("/fi/palvelut/tuonti/", "/sv/tjanster/import/"):
        response = client.get(old)
        assert response.status_code == 302 and response["Location"] == "/admin/services/import/"


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_an_export_imports_back_to_the_same_register(register, people, extension):
    client = client_for(people["expert"])
    exported = client.get(f"/fi/palvelut/export.{extension}").content
    before = snapshot()
    response = upload(client, f"rekisteri.{extension}", exported)
    assert response.status_code == 200, response.content.decode()[:2000]
    assert "Tuotu: 0 uutta, 1 päivitetty." in response.content.decode()
    after = snapshot()
    for rows in (before, after):
        for row in rows["services"]:
            row.pop("updated_at")
        for row in rows["agreements"] + rows["assessments"]:
            row.pop("updated_at")
    assert after == before


def csv_file(rows, columns=None):
    columns = columns or list(dict.fromkeys(name for row in rows for name in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


def good_row(**changes):
    return {
        "service": "lukulaksy",
        "name_fi": "Lukuläksy",
        "name_sv": "Läsläxan",
        "provider": "Lukutaito Oy",
        "owner": "rusko",
        "purpose_fi": "Lukemisen harjoittelua.",
        "data_categories": "identity; media",
        "pupil_data": "yes",
        "organisation": "rusko",
        "status": "approved",
        "decided_on": "1.6.2026",
        "grades": "1-6",
        "agreement_status": "signed",
        "agreement_signed_on": "1.6.2026",
        "agreement_valid_until": "31.5.2028",
        "assessment_needed": "no",
        "assessment_justification_fi": "Vähän tietoja.",
        **changes,
    }


def test_import_adds_services_and_keeps_decision_history(register, people):
    client = client_for(people["expert"])
    response = upload(client, "uudet.csv", csv_file([good_row()]))
    assert response.status_code == 200
    decision = Decision.objects.get(service__slug="lukulaksy")
    assert (decision.status, decision.grade_min, decision.grade_max) == ("approved", 1, 6)
    assert DigitalService.objects.get(slug="lukulaksy").data_categories == ["identity", "media"]
    later = good_row(status="retired", decided_on="1.12.2026", reasons_fi="Lopetettu.")
    upload(client, "muutos.csv", csv_file([later]))
    assert Decision.objects.filter(service__slug="lukulaksy").count() == 2
    assert (
        Decision.objects.in_force(D(2026, 12, 2)).get(service__slug="lukulaksy").status == "retired"
    )
    assert (
        Decision.objects.in_force(D(2026, 11, 24)).get(service__slug="lukulaksy").status
        == "approved"
    )


def test_a_bad_row_imports_nothing_and_every_problem_is_listed(register, people):
    before = snapshot()
    rows = [
        good_row(),
        good_row(service="kuvakertoja", status="maybe", decided_on="31.2.2026", grades="9-3"),
        good_row(
            service="karttaseikkailu",
            organisation="kangasala",
            pupil_data="ehkä",
            data_categories="dna",
            roles="rehtori",
        ),
        good_row(service="tarkistus"),
    ]
    response = upload(client_for(people["expert"]), "virheet.csv", csv_file(rows))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Mitään ei tuotu" in html
    for expected in [
        "”maybe” ei ole mikään näistä",
        "”31.2.2026” ei ole päivämäärä",
        "Viimeinen luokka ei voi olla ensimmäistä pienempi",
        "Voit tuoda vain oman kuntasi tietoja",
        "Kirjoita ”yes” tai ”no”",
        "Tuntemattomat koodit: dna",
        "Tuntemattomat: rehtori",
        "rekisterin omien sivujen",
    ]:
        assert expected in html, expected
    assert "<td>3</td>" in html and "<td>4</td>" in html and "<td>5</td>" in html
    assert snapshot() == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("tyhja.csv", b"", "tyhjä"),
        (
            "nul.csv",
            b"service,organisation,status,decided_on\nsana\x00peli,rusko,approved,1.1.2026\n",
            "Solussa on NUL-tavu",
        ),
        ("latin1.csv", "service;nimi\nä;ö".encode("latin-1"), "UTF-8"),
        ("puuttuu.csv", b"service,name_fi\nx,y\n", "puuttuu sarake"),
        (
            "outo.csv",
            b"service,organisation,status,decided_on,vari\nx,rusko,approved,1.1.2026,\n",
            "Tuntemattomat sarakkeet: vari",
        ),
        ("rikki.xlsx", b"PK\x03\x04 not a zip", "ei ole luettava Excel"),
        ("kuva.png", b"\x89PNG", "pääte on .csv tai .xlsx"),
    ],
)
def test_broken_files_are_explained(register, people, name, content, message):
    before = snapshot()
    response = upload(client_for(people["expert"]), name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot() == before


def test_a_zip_bomb_is_refused_before_parsing(register, people):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "<a>" + "x" * (12 * 1024 * 1024) + "</a>")
    response = upload(client_for(people["expert"]), "pommi.xlsx", buffer.getvalue())
    assert response.status_code == 400
    assert "Työkirja on purettuna liian suuri (enintään 10 Mt)" in response.content.decode()


def test_a_workbook_without_sheets_or_with_too_many_rows(register, people):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(exchange.REQUIRED)
    for number in range(1002):
        sheet.append([f"palvelu-{number}", "rusko", "approved", "1.1.2026"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(client_for(people["expert"]), "iso.xlsx", buffer.getvalue())
    assert response.status_code == 400
    assert "Liikaa rivejä: enintään 1000" in response.content.decode()


def test_only_editors_import(register, people):
    content = csv_file([good_row()])
    from services.tests.conftest import grant

    # Wagtail's admin answers a refusal by sending the user back to the dashboard.
    teacher = grant(people["teacher"], "access_admin")
    refused = upload(client_for(teacher), "x.csv", content)
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert upload(client_for(None), "x.csv", content)["Location"].startswith("/admin/login/")
    assert not DigitalService.objects.filter(slug="lukulaksy").exists()


def test_another_municipalitys_service_cannot_be_overwritten(register, people):
    from services.tests.conftest import grant

    grant(people["other_expert"], "add_decision")
    row = good_row(service="sanapeli", organisation="kangasala", owner="kangasala")
    response = upload(client_for(people["other_expert"]), "x.csv", csv_file([row]))
    assert response.status_code == 400
    assert "Palvelu kuuluu toiselle organisaatiolle" in response.content.decode()
    assert DigitalService.objects.get(slug="sanapeli").name_fi == "Sanapeli"
