"""The three import formats, fuzzed: structurally valid-ish files with hostile content.

Every file gets an answer in time, never an exception; a refused file writes
nothing; an accepted one creates exactly its tasks.
"""

import datetime
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from tests.fuzzing import HOSTILE, TEXT, request, rolled_back, row_counts, run_case
from yearclock import imports
from yearclock.models import Task

pytestmark = pytest.mark.django_db

RULES = st.one_of(
    st.sampled_from(
        [
            "",
            "FREQ=YEARLY",
            "FREQ=MONTHLY;BYDAY=1MO",
            "FREQ=WEEKLY;INTERVAL=2",
            "FREQ=YEARLY;INTERVAL=0",
            "FREQ=MONTHLY;BYDAY=+9MO",
            "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
            "FREQ=DAILY;COUNT=0",
            "FREQ=HOURLY",
            "RRULE:FREQ=DAILY;UNTIL=99991231",
            "FREQ=YEARLY;BYWEEKNO=53;BYDAY=MO",
            "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR",
        ]
    ),
    st.lists(
        st.tuples(
            st.sampled_from(["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTH", "X-Y"]),
            st.one_of(st.sampled_from(["DAILY", "YEARLY", "1", "0", "-1", "²", "MO", "9MO"]), TEXT),
        ),
        max_size=4,
    ).map(lambda parts: ";".join(f"{name}={value}" for name, value in parts)),
)
DATES = st.one_of(
    st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31))
    .map(lambda day: st.sampled_from([f"{day.day}.{day.month}.{day.year}", day.isoformat()]))
    .flatmap(lambda choice: choice),
    HOSTILE,
)
PLAUSIBLE = {
    "title_fi": st.one_of(st.just("Laitteiden jako"), HOSTILE),
    "date": DATES,
    "end_date": DATES,
    "rule": RULES,
    "category": st.sampled_from(["hallinto", "laitteet", "talous", "", "tuntematon", "²"]),
    "visibility": st.sampled_from(["public", "staff", "", "Public", "\x00"]),
    "next_working_day": st.sampled_from(["yes", "no", "kyllä", "", "maybe"]),
    "reminder_days": st.sampled_from(["7; 1", "", "²", "366", "1,2,3", "-1", "99999999999999"]),
    "roles": st.sampled_from(["rehtori", "", "tuntematon", "rehtori; rehtori"]),
}


def cell(column):
    return PLAUSIBLE.get(column, HOSTILE)


HEADERS = st.one_of(
    st.just(imports.COLUMNS),
    st.lists(st.sampled_from([*imports.COLUMNS, "", "extra", "TITLE_FI"]), max_size=16),
    st.lists(TEXT, max_size=50),
)


@st.composite
def tables(draw):
    header = draw(HEADERS)
    rows = draw(
        st.lists(
            st.one_of(
                st.tuples(*[cell(column) for column in header]).map(list),
                st.lists(HOSTILE, max_size=len(header) + 3),
            ),
            max_size=6,
        )
    )
    return [list(header), *rows]


@st.composite
def csv_files(draw):
    records = draw(tables())
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    quote = draw(st.sampled_from(['"', "", "'"]))
    newline = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    lines = [
        delimiter.join(f"{quote}{value}{quote}" if quote else str(value) for value in record)
        for record in records
    ]
    text = newline.join(lines) + draw(st.sampled_from(["", newline, newline * 3]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252"]))
    return text.encode(encoding, errors="replace")


ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # what openpyxl refuses to write


@st.composite
def xlsx_files(draw):
    workbook = Workbook()
    sheets = [workbook.active]
    for _ in range(draw(st.integers(0, 2))):
        sheets.append(workbook.create_sheet())
    for sheet in sheets:
        for record in draw(tables()):
            values = draw(
                st.lists(
                    st.one_of(
                        st.sampled_from(record or [""]).map(lambda v: ILLEGAL.sub("", str(v))),
                        st.integers(-(2**63), 2**63 - 1),
                        st.floats(allow_nan=False, allow_infinity=False),
                        st.dates(datetime.date(1900, 1, 1)),
                        st.datetimes(datetime.datetime(1900, 1, 1)),
                        st.booleans(),
                        st.none(),
                        st.just("=1/0"),
                    ),
                    max_size=len(record) + 2,
                )
            )
            sheet.append(values)
    if draw(st.booleans()):
        workbook.move_sheet(workbook.active, offset=len(sheets) - 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    cut = draw(st.sampled_from([None, None, None, len(data) // 2, 100]))
    return data[:cut] if cut else data


ICS_VALUES = {
    "DTSTART": [
        "20260901",
        ";VALUE=DATE:20260901",
        ":20260901T090000Z",
        ";TZID=Europe/Helsinki:20260901T090000",
        ";TZID=Mars/Olympus:20260901T090000",
        ";VALUE=PERIOD:20260901T090000Z/20260901T100000Z",
        ";VALUE=TIME:090000",
        ";VALUE=DURATION:PT1H",
        ";VALUE=DATE:00010101",
        ";VALUE=DATE:99991231",
        ":2026-09-01",
        ":",
    ],
    "DTEND": [";VALUE=DATE:20260902", ":20260901T100000Z", ";VALUE=TIME:100000", ":x", ":00010101"],
    "CATEGORIES": [":hallinto", ":laitteet,talous", ":", ";X=1:tietosuoja"],
    "CLASS": [":PUBLIC", ":PRIVATE", ":"],
}


@st.composite
def ics_files(draw):
    def prop(name):
        choice = draw(st.one_of(st.sampled_from(ICS_VALUES[name]), TEXT.map(lambda t: ":" + t)))
        return name + (choice if choice[:1] in ";:" else ":" + choice)

    events = []
    for _ in range(draw(st.integers(0, 4))):
        lines = ["BEGIN:VEVENT", f"UID:{draw(TEXT)}"]
        for name in draw(st.lists(st.sampled_from(["SUMMARY", "DESCRIPTION"]), max_size=3)):
            text = draw(HOSTILE).replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "")
            lines.append(f"{name}:{text}")
        for name in draw(st.lists(st.sampled_from(list(ICS_VALUES)), max_size=4)):
            lines.append(prop(name))
        if draw(st.booleans()):
            lines.append("RRULE:" + draw(RULES))
        lines.extend(draw(st.lists(TEXT, max_size=2)))  # stray lines
        if draw(st.booleans()):
            lines.append("END:VEVENT")
        events.extend(lines)
    text = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//fuzz//", *events])
    text += draw(st.sampled_from(["\r\nEND:VCALENDAR\r\n", "", "\r\nEND:VCALENDAR"]))
    return text.encode(draw(st.sampled_from(["utf-8", "utf-16", "latin-1"])), errors="replace")


@pytest.fixture
def clock(fuzz_site):
    return fuzz_site["clock"]


def check_import(clock, data, file_format):
    before = row_counts()
    with translation.override("fi"):
        result = run_case(
            f"import {file_format}", lambda: imports.import_file(clock, data, file_format)
        )
    after = row_counts()
    if result.ok:
        assert result.created
        assert after["Task"] - before["Task"] >= len(result.created)
    else:
        assert after == before, result.problems
        assert result.problems
        assert len(result.problems) <= imports.MAX_PROBLEMS
        assert all(len(problem.message) < 2000 for problem in result.problems)
    return result


@given(data=csv_files())
def test_csv_imports(clock, data):
    with rolled_back():
        check_import(clock, data, "csv")


@given(data=xlsx_files())
def test_xlsx_imports(clock, data):
    with rolled_back():
        check_import(clock, data, "xlsx")


@given(data=ics_files())
def test_ics_imports(clock, data):
    with rolled_back():
        check_import(clock, data, "ics")


@given(data=st.binary(max_size=2000), file_format=st.sampled_from(["csv", "xlsx", "ics", ""]))
def test_any_bytes_in_any_format(clock, data, file_format):
    with rolled_back():
        check_import(clock, data, file_format)


@given(
    data=st.one_of(csv_files(), ics_files(), st.binary(max_size=500)),
    name=st.one_of(st.sampled_from(["v.csv", "v.ics", "v.xlsx", "v.CSV", "v", ".csv"]), TEXT),
    fields=st.dictionaries(st.sampled_from(["year_clock", "default_category"]), HOSTILE),
)
def test_the_upload_form(fuzz_site, data, name, fields):
    from django.contrib.auth.models import Permission

    fuzz_site["editor"].user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(fuzz_site["editor"])
    upload = SimpleUploadedFile(name or "x", data)
    form = {"year_clock": fuzz_site["clock"].pk, **fields, "file": upload}
    with rolled_back():
        request(client, "import upload", "POST", reverse("yearclock_import"), form)


@given(
    data=st.one_of(st.binary(max_size=500), csv_files()),
    name=st.one_of(st.sampled_from(["r.csv", "r.xlsx", "r", ".csv"]), TEXT),
)
def test_the_service_register_upload_form(fuzz_site, data, name):
    from django.contrib.auth.models import Permission

    fuzz_site["editor"].user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "add_decision"])
    )
    client = Client()
    client.force_login(fuzz_site["editor"])
    upload = SimpleUploadedFile(name or "x", data)
    with rolled_back():
        request(client, "register import", "POST", reverse("services_import"), {"file": upload})


def test_an_exported_year_clock_imports_again(fuzz_site, client):
    """A positive control for the counts above: a good file does create its tasks."""
    clock = fuzz_site["clock"]
    exported = client.get(reverse("yearclock:export_csv", kwargs={"slug": clock.slug}))
    assert exported.status_code == 200
    before = Task.objects.count()
    result = check_import(clock, exported.content, "csv")
    assert result.ok, result.problems
    assert Task.objects.count() > before
