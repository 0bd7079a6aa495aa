"""Cells that a spreadsheet cannot run: OWASP "CSV injection" (formula injection).

Excel, LibreOffice and Google Sheets treat a cell that starts with `=`, `+`, `-`,
`@`, a tab or a carriage return as a formula (`=HYPERLINK(…)`, `=cmd|' /C calc'!A0`).
Every text we export goes through `neutralise`:

- CSV: such a cell gets a leading apostrophe, as OWASP advises; `restore` takes it
  off again on import, so an exported year clock imports back to the same text.
  A text that itself starts with an apostrophe before one of those characters is
  given one more, so the round trip is exact for every text.
- XLSX: the text is kept as it is, in a string cell marked "quote prefix", which
  Excel shows as text and keeps as text when the cell is edited.

Reading uploads (`read_csv`, `read_xlsx`): the rows come back as [(row number, cells)],
bounded before and while parsing (rows, columns, an XLSX's unpacked size and member
count); a problem is reported through the caller's `problem(row, column, message)` and
the reader returns None. The year-clock and service-register imports both read this way.
"""

import csv
import io
import zipfile

from django.utils.translation import gettext as _

MAX_UNPACKED_BYTES = 10 * 1024 * 1024
MAX_ZIP_MEMBERS = 200

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


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
    """The text `neutralise` was given (imports of our own exports)."""
    if text.startswith(QUOTE) and needs_quote(text[1:]):
        return text[1:]
    return text


class SafeSpreadsheetExportMixin:
    """For Wagtail's SpreadsheetExportMixin views (reports): neutralised CSV and XLSX cells."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralise(value) if export_format == self.FORMAT_CSV else value

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format):
            if isinstance(cell.value, str) and needs_quote(cell.value):
                cell.data_type = "s"
                cell.quotePrefix = True
            yield cell


# -- reading uploads ------------------------------------------------------------------


def cell_text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def first_records(rows, max_rows):
    """[(row number, cells)] of the header and of up to `max_rows` + 1 non-blank rows.

    Blank rows (common between blocks of a hand-kept sheet) are skipped but keep
    their numbers; one row more than the limit is enough to say there are too many.
    """
    records = []
    for number, record in enumerate(rows, start=1):
        if number > 1 and all(cell_text(value) == "" for value in record):
            continue
        records.append((number, record))
        if len(records) > max_rows + 1:
            break
    return records


def read_csv(data, problem, max_rows):
    """Records of a UTF-8 CSV (comma, semicolon or tab separated), or None."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problem(
            None,
            "",
            _(
                "The file is not UTF-8 encoded. In Excel, save it as “CSV UTF-8 "
                "(comma delimited)”, or upload the XLSX file instead."
            ),
        )
        return None
    first_line = text.split("\n", 1)[0]
    # Finnish and Swedish Excel separate with semicolons; others with commas.
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return first_records(reader, max_rows)
    except csv.Error:
        problem(
            reader.line_num or None,
            "",
            _("The CSV file cannot be read here: check the quotation marks and separators."),
        )
        return None


def read_xlsx(data, problem, max_rows, max_columns, too_large=""):
    """Records of the first sheet of an XLSX workbook, or None.

    `too_large` is the message for a workbook that would unpack to too much
    (it may name the sheet to keep); it gets `%(mb)d`.
    """
    from openpyxl import load_workbook

    if not unpacks_safely(data, problem, too_large):
        return None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds (zipfile, KeyError, XML)
        problem(None, "", _("The file is not a readable Excel (XLSX) workbook."))
        return None
    try:
        if not workbook.worksheets:
            problem(None, "", _("The workbook has no worksheet."))
            return None
        rows = workbook.worksheets[0].iter_rows(values_only=True, max_col=max_columns + 1)
        return first_records(
            (["" if cell is None else cell for cell in row] for row in rows), max_rows
        )
    except Exception:  # noqa: BLE001 - a sheet that opened but cannot be read
        problem(None, "", _("The file is not a readable Excel (XLSX) workbook."))
        return None
    finally:
        workbook.close()


def unpacks_safely(data, problem, too_large=""):
    """False (with a problem) when the XLSX archive would unpack to too much."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        problem(None, "", _("The file is not a readable Excel (XLSX) workbook."))
        return False
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_ZIP_MEMBERS or unpacked > MAX_UNPACKED_BYTES:
        message = too_large or _("The workbook is too large when unpacked (at most %(mb)d MB).")
        problem(None, "", message % {"mb": MAX_UNPACKED_BYTES // (1024 * 1024)})
        return False
    return True
