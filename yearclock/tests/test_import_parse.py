"""Parsing uploads: every format, per-row problems, bad files never raise."""

import datetime
import io

from openpyxl import Workbook

from yearclock import imports

HEADER = ",".join(imports.COLUMNS)


def csv_bytes(*rows, header=HEADER, delimiter=","):
    lines = [header.replace(",", delimiter)] + [row.replace(",", delimiter) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_csv_rows_are_normalised():
    data = csv_bytes(
        "Laitteiden jako,Utdelning av enheter,,,Laitteet,15.8.2026,,FREQ=YEARLY,"
        "tvt-vastaava; Opettaja,,public,kyllä,7;1"
    )
    result = imports.parse(data, "csv")
    assert result.ok, result.problems
    (row,) = result.rows
    assert row.row == 2
    assert row.title_sv == "Utdelning av enheter"
    assert row.category == "laitteet"
    assert row.date == datetime.date(2026, 8, 15)
    assert row.rule == "FREQ=YEARLY"
    assert row.roles == ["tvt-vastaava", "opettaja"]
    assert row.visibility == "public"
    assert row.next_working_day is True
    assert row.reminder_days == [7, 1]


def test_semicolon_csv_with_bom_is_read():
    data = "\ufeff".encode() + csv_bytes("Rahoitus,,,,talous,2027-01-15,,,,,,,", delimiter=";")
    result = imports.parse(data, "csv")
    assert result.ok, result.problems
    assert result.rows[0].date == datetime.date(2027, 1, 15)


def test_every_bad_row_is_reported_with_row_and_column():
    data = csv_bytes(
        "Hyvä,,,,hallinto,1.9.2026,,,,,,,",
        ",,,,hallinto,32.13.2026,,,,,,,",
        "Loppu ennen alkua,,,,hallinto,10.9.2026,1.9.2026,,,,,,",
        "Sääntö,,,,hallinto,1.9.2026,,EVERY TUESDAY,,,secret,maybe,soon",
    )
    result = imports.parse(data, "csv")
    found = {(p.row, p.column) for p in result.problems}
    assert found == {
        (3, "title_fi"),
        (3, "date"),
        (4, "end_date"),
        (5, "rule"),
        (5, "visibility"),
        (5, "next_working_day"),
        (5, "reminder_days"),
    }
    assert [row.row for row in result.rows] == [2]


def test_wrong_encoding_is_a_clear_error():
    data = csv_bytes("Käyttäjät,,,,hallinto,1.9.2026,,,,,,,").decode().encode("latin-1")
    result = imports.parse(data, "csv")
    assert not result.ok
    assert "UTF-8" in result.problems[0].message
    assert result.rows == []


def test_missing_header_columns_are_reported():
    result = imports.parse(b"otsikko|pvm\nA|1.9.2026\n", "csv")
    assert [(p.row, p.column) for p in result.problems] == [(1, "title_fi, date")]


def test_empty_and_unknown_files():
    assert not imports.parse(b"", "csv").ok
    assert not imports.parse(b"x", "pdf").ok
    assert not imports.parse(csv_bytes(), "csv").ok  # header only: no tasks


def test_xlsx_rows_with_native_dates():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(imports.COLUMNS)
    sheet.append(
        [
            "Osaamiskysely",
            "Kompetensenkät",
            "",
            "",
            "osaaminen",
            datetime.datetime(2026, 9, 14),
            None,
            "",
            "opettaja",
            "",
            "staff",
            "",
            7,
        ]
    )
    sheet.append(["", "", "", "", "", "", "", "", "", "", "", "", ""])
    sheet.append(["Ei päivää", "", "", "", "osaaminen", None, None, "", "", "", "", "", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = imports.parse(buffer.getvalue(), "xlsx")
    assert [(p.row, p.column) for p in result.problems] == [(4, "date")]
    assert result.rows[0].date == datetime.date(2026, 9, 14)
    assert result.rows[0].reminder_days == [7]


def test_broken_xlsx_is_a_clear_error():
    result = imports.parse(b"PK\x03\x04 not really a zip", "xlsx")
    assert not result.ok and result.rows == []


ICS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//\r
BEGIN:VEVENT\r
UID:a@test\r
SUMMARY:Digitiimin kokous\r
DTSTART;VALUE=DATE:20260910\r
DTEND;VALUE=DATE:20260911\r
RRULE:FREQ=MONTHLY;INTERVAL=3\r
CATEGORIES:Hallinto\r
CLASS:PUBLIC\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:b@test\r
SUMMARY:Pilottien arviointi\r
DTSTART;VALUE=DATE:20270601\r
DTEND;VALUE=DATE:20270604\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:c@test\r
DTSTART;VALUE=DATE:20270601\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_ics_events_become_rows():
    result = imports.parse(ICS, "ics")
    assert [(p.row, p.column) for p in result.problems] == [(3, "SUMMARY")]
    meeting, pilot = result.rows
    assert meeting.rule == "FREQ=MONTHLY;INTERVAL=3"
    assert meeting.category == "hallinto"
    assert meeting.visibility == "public"
    assert meeting.end_date is None  # a one-day event: exclusive DTEND
    assert pilot.end_date == datetime.date(2027, 6, 3)
    assert pilot.visibility == "staff"


def test_malformed_ics_is_a_clear_error():
    result = imports.parse(b"BEGIN:VCALENDAR\r\nthis is not ics\r\n", "ics")
    assert not result.ok and result.rows == []
    assert imports.parse(b"\xff\xfe garbage", "ics").problems
