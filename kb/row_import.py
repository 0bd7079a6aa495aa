"""Typed values from the cells of one imported row: a Django form per row.

The CSV, XLSX and ICS readers (kb.spreadsheets, the apps' own ICS reading) turn a file
into rows of cells; a `RowForm` subclass declares the row's columns as form fields and
gives typed values, or translated problems by column. The cell fields below are shared by
every import, so yes/no words, dates, NUL characters, over-long texts and the echo of a bad
value read the same in the year clock's import and the service register's exchange.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kb.models import FIRST_START_YEAR, LAST_START_YEAR
from kb.spreadsheets import cell_text

YES = {"yes", "y", "true", "1", "kyllä", "k", "ja", "x"}
NO = {"no", "n", "false", "0", "ei", "e", "nej", ""}
DATE_PATTERNS = ("%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y")
ECHO = 40  # characters of a bad value repeated in a message


def short(text, length=ECHO):
    """Echo user text in a message, cut so that a huge value cannot flood the page."""
    text = str(text)
    return text if len(text) <= length else text[: length - 1] + "…"


def read_date(value):
    """A date from a cell (a spreadsheet's date, or text as 15.1.2027 or 2027-01-15)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    if not text.isascii():
        return None  # strptime reads other digits (²) as numbers too
    for pattern in DATE_PATTERNS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


class CellField(forms.Field):
    """A cell as text: no NUL characters (PostgreSQL cannot store them), at most
    `max_length` characters."""

    def __init__(self, *, max_length=500, required=False, **kwargs):
        self.max_length = max_length
        super().__init__(required=required, **kwargs)

    def to_python(self, value):
        text = cell_text(value)
        if "\x00" in text:
            raise ValidationError(_("The cell contains a NUL byte."), code="nul")
        if len(text) > self.max_length:
            raise ValidationError(
                _("The text is too long: at most %(max)d characters.") % {"max": self.max_length},
                code="max_length",
            )
        return text


class YesNoField(CellField):
    default_error_messages = {"invalid": _("Write “yes” or “no”.")}

    def to_python(self, value):
        text = super().to_python(value).lower()
        if text not in YES | NO:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return text in YES

    def validate(self, value):
        pass  # "no" and an empty cell are both a valid False


class CellDateField(CellField):
    """A date in the years the school-year calendar covers (`first_year`–`last_year`)."""

    default_error_messages = {"required": _("A date is required.")}

    def __init__(self, *, first_year=FIRST_START_YEAR, last_year=LAST_START_YEAR, **kwargs):
        self.first_year, self.last_year = first_year, last_year
        super().__init__(**kwargs)

    def to_python(self, value):
        day = read_date(value)
        if day is None:
            text = super().to_python(value)
            if not text:
                return None
            raise ValidationError(
                _("“%(value)s” is not a date. Write it as 15.1.2027 or 2027-01-15.")
                % {"value": short(text)},
                code="invalid",
            )
        if not self.first_year <= day.year <= self.last_year:
            raise ValidationError(
                _("The date must be in the years %(first)d–%(last)d.")
                % {"first": self.first_year, "last": self.last_year},
                code="range",
            )
        return day


class RowForm(forms.Form):
    """One row's cells (a dict of column → cell) as a bound form."""

    def __init__(self, cells):
        # Every declared column is given, empty when the file lacks it: a form field
        # reads a missing key as "no value", which is what an empty cell means here.
        super().__init__(data={name: cells.get(name, "") for name in self.base_fields})

    def problems(self):
        """[(column, message)] in the order of the columns, then the row's own."""
        found = [
            (name, str(message)) for name in self.fields for message in self.errors.get(name, [])
        ]
        found += [("", str(message)) for message in self.non_field_errors()]
        return found
