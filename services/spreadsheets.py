"""Reading and writing the register's CSV and XLSX files safely.

Writing: a text cell that a spreadsheet would run as a formula (it starts with `=`,
`+`, `-`, `@`, a tab or a carriage return: OWASP "CSV injection") gets a leading
apostrophe in CSV, and is a quote-prefixed string cell in XLSX; `restore` takes
the apostrophe off on import, so an export imports back to the same text. A text
that itself starts with an apostrophe before such a character gets one more.
(The same rule as kb.spreadsheets on the robustness branch; when that lands, this
module uses it instead of its own three functions.)

Reading: the file's size, an XLSX's unpacked size and member count, rows, columns
and cell lengths are bounded before and while parsing; NUL bytes are refused.
Problems come back as (row, column, message), never as an exception.
"""

import csv
import io
import zipfile

from django.utils.translation import gettext as _

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
MAX_ROWS = 1000
MAX_COLUMNS = 60
MAX_CELL = 10_000
MAX_UNPACKED_BYTES = 10 * 1024 * 1024
MAX_ZIP_MEMBERS = 200


def needs_quote(text):
    return text.startswith(FORMULA_STARTS) or (
        text.startswith(QUOTE) and text[1:].lstrip(QUOTE).startswith(FORMULA_STARTS)
    )


def neutralise(value):
    """A CSV cell that no spreadsheet evaluates; non-text values are returned as they are."""
    if isinstance(value, str) and needs_quote(value):
        return QUOTE + value
    return value


def restore(text):
    """The text `neutralise` was given."""
    if text.startswith(QUOTE) and needs_quote(text[1:]):
        return text[1:]
    return text


# -- writing ------------------------------------------------------------------------------


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

    workbook = Workbook(write_only=False)
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


# -- reading ------------------------------------------------------------------------------


class Table:
    """Records of an uploaded file: `rows` as (row number, {column: text}) and `problems`."""

    def __init__(self):
        self.header = []
        self.rows = []
        self.problems = []

    def problem(self, row, column, message):
        self.problems.append((row, column, str(message)))


def read_table(data, file_format):
    table = Table()
    if b"\x00" in data and file_format == "csv":
        table.problem(None, "", _("The file contains NUL bytes: it is not a text file."))
        return table
    records = _csv_records(data, table) if file_format == "csv" else _xlsx_records(data, table)
    if records is None or table.problems:
        return table
    _fill(table, records, unquote=file_format == "csv")
    return table


def _csv_records(data, table):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        table.problem(None, "", _("The file is not UTF-8 encoded. Save it as “CSV UTF-8”."))
        return None
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return _bounded(reader, table)
    except csv.Error as error:
        table.problem(None, "", _("The CSV file cannot be read: %(error)s") % {"error": error})
        return None


def _xlsx_records(data, table):
    from openpyxl import load_workbook

    if not _unpacks_safely(data, table):
        return None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        if not workbook.worksheets:
            table.problem(None, "", _("The workbook has no worksheet."))
            return None
        rows = workbook.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS + 1)
        records = _bounded(rows, table)
        workbook.close()
        return records
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds (zipfile, KeyError, XML)
        table.problem(None, "", _("The file is not a readable Excel (XLSX) workbook."))
        return None


def _unpacks_safely(data, table):
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        table.problem(None, "", _("The file is not a readable Excel (XLSX) workbook."))
        return False
    if len(members) > MAX_ZIP_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        table.problem(
            None,
            "",
            _("The workbook unpacks to more than %(mb)d MB.")
            % {"mb": MAX_UNPACKED_BYTES // (1024 * 1024)},
        )
        return False
    return True


def _bounded(rows, table):
    """Records up to MAX_ROWS non-blank rows after the header; one more means too many."""
    records = []
    for number, row in enumerate(rows, start=1):
        cells = ["" if value is None else value for value in row]
        if any(_text(value) for value in cells) or not records:
            records.append((number, cells))
        if len(records) > MAX_ROWS + 1:
            table.problem(None, "", _("Too many rows: at most %(max)d.") % {"max": MAX_ROWS})
            return None
    return records


def _text(value):
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if value is not None else ""


def _fill(table, records, unquote):
    if not records:
        table.problem(None, "", _("The file is empty."))
        return
    _number, header = records[0]
    if any(_text(value) for _row, cells in records for value in cells[MAX_COLUMNS:]):
        table.problem(1, "", _("Too many columns: at most %(max)d.") % {"max": MAX_COLUMNS})
        return
    table.header = [_text(name).lower() for name in header]
    for number, cells in records[1:]:
        values = {}
        for column, value in zip(table.header, cells, strict=False):
            if not column:
                continue
            if hasattr(value, "date") or hasattr(value, "isoformat"):
                values[column] = value  # a date or datetime from XLSX
                continue
            text = restore(_text(value)) if unquote else _text(value)
            if "\x00" in text:
                table.problem(number, column, _("The cell contains a NUL byte."))
            elif len(text) > MAX_CELL:
                table.problem(
                    number,
                    column,
                    _("The cell is too long (at most %(max)d characters).") % {"max": MAX_CELL},
                )
            values[column] = text
        table.rows.append((number, values))
