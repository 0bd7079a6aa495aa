"""The register's CSV and XLSX files, written and read through kb.spreadsheets.

Writing: text a spreadsheet would run as a formula gets kb.spreadsheets' treatment (a
leading apostrophe in CSV, a quote-prefixed text cell in XLSX), so an export opens
safely and imports back to the same text.
Reading: kb.spreadsheets bounds the upload (rows, columns, an XLSX's unpacked size);
here each row becomes {column: text} with NUL bytes and over-long cells refused.
Problems come back as (row, column, message), never as an exception.
"""

import csv
import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kb.row_import import CellField
from kb.spreadsheets import cell_text, needs_quote, neutralise, read_csv, read_xlsx, restore

MAX_ROWS = 1000
MAX_COLUMNS = 60
MAX_CELL = 10_000
CELL = CellField(max_length=MAX_CELL)  # the messages every import gives (kb.row_import)


def to_csv(columns, rows):
    """CSV text with a BOM (Excel then reads ä and å right), every text cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise(row.get(column, "")) for column in columns])
    return "\ufeff" + buffer.getvalue()


def to_xlsx(columns, rows, title):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(columns)
    for row in rows:
        sheet.append([row.get(column, "") for column in columns])
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, str) and needs_quote(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class Table:
    """An uploaded file: `header`, `rows` as (row number, {column: value}), `problems`."""

    def __init__(self):
        self.header = []
        self.rows = []
        self.problems = []

    def problem(self, row, column, message):
        self.problems.append((row, column, str(message)))


def read_table(data, file_format):
    table = Table()
    if file_format == "csv":
        records = read_csv(data, table.problem, MAX_ROWS)
    else:
        records = read_xlsx(data, table.problem, MAX_ROWS, MAX_COLUMNS)
    if records is None:
        return table
    if not records:
        table.problem(None, "", _("The file is empty."))
    elif any(cell_text(value) for _row, cells in records for value in cells[MAX_COLUMNS:]):
        table.problem(1, "", _("Too many columns: at most %(max)d.") % {"max": MAX_COLUMNS})
    elif len(records) > MAX_ROWS + 1:
        table.problem(None, "", _("Too many rows: at most %(max)d.") % {"max": MAX_ROWS})
    else:
        fill(table, records, unquote=file_format == "csv")
    return table


def fill(table, records, unquote):
    table.header = [cell_text(name).lower() for name in records[0][1]]
    for number, cells in records[1:]:
        values = {}
        for column, value in zip(table.header, cells, strict=False):
            if not column:
                continue
            if hasattr(value, "isoformat"):
                values[column] = value  # a date or datetime from XLSX
                continue
            text = restore(cell_text(value)) if unquote else cell_text(value)
            try:
                CELL.clean(text)
            except ValidationError as error:
                for message in error.messages:
                    table.problem(number, column, message)
            values[column] = text
        table.rows.append((number, values))
