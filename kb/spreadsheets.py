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
"""

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
