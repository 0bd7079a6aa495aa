"""Importing year clocks from the files municipalities keep them in: CSV, XLSX, ICS.

Two passes, so that nothing is half-imported: `parse()` turns the upload into
rows and collects every problem (row, column, message) without touching the
database; `save()` runs only when there are no problems, inside one
transaction. The CSV template's columns are the same for XLSX.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kb import spreadsheets
from kb.row_import import CellDateField, CellField, RowForm, YesNoField, short
from kb.spreadsheets import restore
from yearclock import recurrence

COLUMNS = [
    "title_fi",
    "title_sv",
    "description_fi",
    "description_sv",
    "category",
    "date",
    "end_date",
    "rule",
    "roles",
    "schools",
    "visibility",
    "next_working_day",
    "reminder_days",
]
REQUIRED = ["title_fi", "date"]
TEMPLATE_EXAMPLE = {
    "title_fi": "Tietosuojasopimusten tarkistus",
    "title_sv": "Kontroll av dataskyddsavtalen",
    "description_fi": "Tarkista, että sopimukset ovat voimassa.",
    "description_sv": "Kontrollera att avtalen är i kraft.",
    "category": "tietosuoja",
    "date": "15.8.2026",
    "end_date": "",
    "rule": "FREQ=YEARLY",
    "roles": "digitalisaation-asiantuntija; rehtori",
    "schools": "",
    "visibility": "staff",
    "next_working_day": "yes",
    "reminder_days": "7; 1",
}
VISIBILITIES = {"public", "staff"}
# Limits checked before a file is parsed, so that no upload can take minutes or
# fill the memory: rows, columns, text per cell, and for XLSX (a zip archive) the
# sizes its members declare (kb.spreadsheets; Python's zipfile never inflates past them).
MAX_ROWS = 2000
MAX_COLUMNS = 40
MAX_TEXT = {"title_fi": 200, "title_sv": 200, "description_fi": 10000, "description_sv": 10000}
MAX_CELL = 500  # every other column
MAX_PROBLEMS = 100  # listed; the rest are counted, so a report stays readable
FORMATS = {
    "csv": gettext_lazy("CSV (UTF-8, comma or semicolon separated)"),
    "xlsx": gettext_lazy("Excel workbook (XLSX)"),
    "ics": gettext_lazy("iCalendar (ICS)"),
}


@dataclass
class Problem:
    row: int | None  # None: about the whole file
    column: str
    message: str


@dataclass
class TaskRow:
    row: int
    title_fi: str
    title_sv: str = ""
    description_fi: str = ""
    description_sv: str = ""
    category: str = ""
    date: datetime.date | None = None
    end_date: datetime.date | None = None
    rule: str = ""
    roles: list[str] = field(default_factory=list)
    schools: list[str] = field(default_factory=list)
    visibility: str = "staff"
    next_working_day: bool = False
    reminder_days: list[int] = field(default_factory=list)


@dataclass
class ImportResult:
    rows: list[TaskRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    more_problems: int = 0  # found beyond MAX_PROBLEMS, counted but not listed

    @property
    def ok(self):
        return not self.problems

    @property
    def problem_count(self):
        return len(self.problems) + self.more_problems

    def problem(self, row, column, message):
        if len(self.problems) < MAX_PROBLEMS:
            # Column names come from the file too: cut them, and any long message.
            self.problems.append(Problem(row, short(column, 60), short(message, 1000)))
        else:
            self.more_problems += 1


class ImportFailed(Exception):
    """Raised inside the transaction so that it rolls back."""

    def __init__(self, result):
        super().__init__("import failed")
        self.result = result


def detect_format(filename):
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return suffix if suffix in FORMATS else ""


def parse(upload_bytes, file_format):
    """Rows and problems from an uploaded file; never raises on bad input."""
    result = ImportResult()
    readers = {"csv": _read_csv, "xlsx": _read_xlsx, "ics": _read_ics}
    reader = readers.get(file_format)
    if reader is None:
        result.problem(None, "", _("Unknown file type. Upload a CSV, XLSX or ICS file."))
        return result
    if not upload_bytes:
        result.problem(None, "", _("The file is empty."))
        return result
    reader(upload_bytes, result)
    if not result.rows and result.ok:
        result.problem(None, "", _("The file has no tasks."))
    if len(result.rows) > MAX_ROWS:
        result.problem(None, "", _("Too many rows: at most %(max)d at a time.") % {"max": MAX_ROWS})
    return result


# --- CSV and XLSX: one task per row, the template's columns -------------------


def _read_csv(data, result):
    records = spreadsheets.read_csv(data, result.problem, MAX_ROWS)
    if records is not None:
        _read_table(records, result)


def _read_xlsx(data, result):
    too_large = _(
        "The workbook is too large when unpacked (at most %(mb)d MB). Save only "
        "the year-clock sheet, without pictures, as a new workbook."
    )
    records = spreadsheets.read_xlsx(data, result.problem, MAX_ROWS, MAX_COLUMNS, too_large)
    if records is not None:
        _read_table(records, result)


def _read_table(records, result):
    if not records:
        return
    if any(_text(value) for _number, record in records for value in record[MAX_COLUMNS:]):
        result.problem(None, "", _("Too many columns: at most %(max)d.") % {"max": MAX_COLUMNS})
        return
    if len(records) > MAX_ROWS + 1:
        result.problem(None, "", _("Too many rows: at most %(max)d at a time.") % {"max": MAX_ROWS})
        return
    header = [_text(name).lower() for name in records[0][1]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        result.problem(
            1,
            ", ".join(missing),
            _(
                "The header row lacks the column(s) %(columns)s. Use the template; if the "
                "columns are there, check the separator (comma or semicolon)."
            )
            % {"columns": ", ".join(missing)},
        )
        return
    unknown = [name for name in header if name and name not in COLUMNS]
    if unknown:
        names = short(", ".join(unknown), 200)
        result.problem(1, names, _("Unknown column(s): %(columns)s.") % {"columns": names})
    for number, record in records[1:]:
        # Our exports quote cells that a spreadsheet would run as formulas: unquote.
        cells = [restore(value) if isinstance(value, str) else value for value in record]
        _read_row(number, dict(zip(header, cells, strict=False)), result)


_text = spreadsheets.cell_text


class TaskRowForm(RowForm):
    """One row of the template: typed values, or problems by column (kb.row_import)."""

    title_fi = CellField(
        max_length=MAX_TEXT["title_fi"],
        required=True,
        error_messages={"required": gettext_lazy("A Finnish title is required.")},
    )
    title_sv = CellField(max_length=MAX_TEXT["title_sv"])
    description_fi = CellField(max_length=MAX_TEXT["description_fi"])
    description_sv = CellField(max_length=MAX_TEXT["description_sv"])
    category = CellField(max_length=MAX_CELL)
    date = CellDateField(max_length=MAX_CELL, required=True)
    end_date = CellDateField(max_length=MAX_CELL)
    rule = CellField(max_length=MAX_CELL)
    roles = CellField(max_length=MAX_CELL)
    schools = CellField(max_length=MAX_CELL)
    visibility = CellField(max_length=MAX_CELL)
    next_working_day = YesNoField(max_length=MAX_CELL)
    reminder_days = CellField(max_length=MAX_CELL)

    def clean_rule(self):
        problems = []
        text = _rule_text(self.cleaned_data["rule"], lambda _column, text: problems.append(text))
        if problems:
            raise ValidationError(problems)
        return text

    def clean_visibility(self):
        visibility = self.cleaned_data["visibility"].lower() or "staff"
        if visibility not in VISIBILITIES:
            raise ValidationError(
                _("Visibility must be “public” or “staff”, not “%(value)s”.")
                % {"value": short(visibility)}
            )
        return visibility

    def clean_reminder_days(self):
        days = []
        for part in _slugs(self.cleaned_data["reminder_days"]):
            if not (part.isascii() and part.isdigit()) or len(part) > 3 or int(part) > 365:
                raise ValidationError(_("Reminder days must be whole numbers from 0 to 365."))
            days.append(int(part))
        return sorted(set(days), reverse=True)

    def clean(self):
        data = super().clean()
        start, end = data.get("date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data

    def row(self, number):
        data = self.cleaned_data
        return TaskRow(
            row=number,
            title_fi=data["title_fi"],
            title_sv=data["title_sv"],
            description_fi=data["description_fi"],
            description_sv=data["description_sv"],
            category=data["category"].lower(),
            date=data["date"],
            end_date=data["end_date"],
            rule=data["rule"],
            roles=_slugs(data["roles"]),
            schools=_slugs(data["schools"]),
            visibility=data["visibility"],
            next_working_day=data["next_working_day"],
            reminder_days=data["reminder_days"],
        )


def _read_row(number, values, result):
    form = TaskRowForm(values)
    if form.is_valid():
        result.rows.append(form.row(number))
    for column, message in form.problems():
        result.problem(number, column, message)


def _cell(number, column, field, value, result):
    """One cell through a kb.row_import field (the ICS reader's properties); None if bad."""
    try:
        return field.clean(value)
    except ValidationError as error:
        for message in error.messages:
            result.problem(number, column, message)
        return None


def _rule_text(text, add_problem):
    """The rule as stored, or "" after `add_problem("rule", message)`."""
    if not text:
        return ""
    text = text.upper().removeprefix("RRULE:")
    problems = recurrence.rrule_problems(text)
    if problems:
        message = _(
            "“%(value)s” is not a recurrence rule (for example FREQ=YEARLY or "
            "FREQ=MONTHLY;BYDAY=1MO)."
        ) % {"value": short(text)}
        add_problem("rule", " ".join([message, *problems]))
        return ""
    return text


def _rule(number, text, result):
    return _rule_text(text, lambda column, message: result.problem(number, column, message))


def _slugs(value):
    parts = _text(value).replace(",", ";").split(";")
    return [part.strip().lower() for part in parts if part.strip()]


# --- ICS: one task per VEVENT ------------------------------------------------


def _read_ics(data, result):
    from icalendar import Calendar

    if data.upper().count(b"BEGIN:VEVENT") > MAX_ROWS:
        result.problem(None, "", _("Too many rows: at most %(max)d at a time.") % {"max": MAX_ROWS})
        return
    try:
        calendar = Calendar.from_ical(data)
        events = list(calendar.walk("VEVENT"))
    except Exception:  # icalendar raises ValueError, KeyError … on malformed input
        result.problem(None, "", _("The file is not a valid iCalendar (ICS) file."))
        return
    for number, event in enumerate(events, start=1):
        try:
            _read_event(number, event, result)
        except Exception:  # a value icalendar parsed but cannot convert
            result.problem(number, "", _("The event cannot be read."))


def _ics_text(event, name):
    """A text property; the first one when it is given several times."""
    value = event.get(name, "")
    value = value[0] if isinstance(value, list) and value else value
    return _text(value)


def _ics_day(event, name):
    """(date, is a date-time) of a DTSTART or DTEND; (None, False) for other value types."""
    try:
        value = event.decoded(name)
    except (KeyError, ValueError, TypeError, AttributeError):
        return None, False
    if isinstance(value, datetime.datetime):
        return value.date(), True
    if isinstance(value, datetime.date):
        return value, False
    return None, False  # VALUE=TIME, PERIOD, DURATION …


ICS_TITLE = CellField(
    max_length=MAX_TEXT["title_fi"],
    required=True,
    error_messages={"required": gettext_lazy("The event has no title (SUMMARY).")},
)
ICS_DESCRIPTION = CellField(max_length=MAX_TEXT["description_fi"])


def _read_event(number, event, result):
    before = result.problem_count
    title = _cell(number, "SUMMARY", ICS_TITLE, _ics_text(event, "SUMMARY"), result)
    description = _cell(
        number, "DESCRIPTION", ICS_DESCRIPTION, _ics_text(event, "DESCRIPTION"), result
    )
    row = TaskRow(row=number, title_fi=title or "", description_fi=description or "")
    start, _timed = _ics_day(event, "DTSTART")
    if start is None:
        result.problem(
            number, "DTSTART", _("The event has no valid start (DTSTART): give a date or a time.")
        )
    else:
        row.date = _cell(number, "DTSTART", CellDateField(), start, result)
    end, timed_end = _ics_day(event, "DTEND") if "DTEND" in event else (None, False)
    if "DTEND" in event and end is None:
        result.problem(number, "DTEND", _("The end (DTEND) is not a date or a time."))
    if row.date and end is not None:
        if not timed_end:
            end -= datetime.timedelta(days=1)  # DTEND of an all-day event is exclusive
        if end < row.date:
            result.problem(number, "DTEND", _("The end date is before the start date."))
        elif end > row.date:
            row.end_date = end
    if "RRULE" in event:
        rule = event["RRULE"]
        rule = rule[0] if isinstance(rule, list) else rule
        text = rule.to_ical()
        text = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
        row.rule = _rule(number, text, result)
    categories = event.get("CATEGORIES")
    if categories is not None:
        first = categories[0] if isinstance(categories, list) else categories
        names = getattr(first, "cats", [])
        row.category = _text(names[0]).lower()[:MAX_CELL] if names else ""
    row.visibility = "public" if _ics_text(event, "CLASS").upper() == "PUBLIC" else "staff"
    if result.problem_count == before:
        result.rows.append(row)


# --- Saving ------------------------------------------------------------------


def save(result, apply_row):
    """Apply every row in one transaction; any problem from `apply_row` rolls all back.

    `apply_row(row, result)` creates the task and reports problems with
    `result.problem(...)`; it sees every row, so all problems are reported at once.
    """
    if not result.ok:
        return result
    try:
        with transaction.atomic():
            for row in result.rows:
                apply_row(row, result)
            if not result.ok:
                raise ImportFailed(result)
    except ImportFailed:
        pass
    return result


# --- Rows into tasks ----------------------------------------------------------

# Category names people write, in Finnish, Swedish and English, to the model's keys.
CATEGORY_ALIASES = {
    "data_protection": ["tietosuoja", "dataskydd", "data protection", "tietoturva"],
    "competence": ["osaaminen", "kompetens", "competence"],
    "devices": ["laitteet", "enheter", "apparater", "devices"],
    "finance": ["talous", "talous ja hankinnat", "hankinnat", "ekonomi", "finance"],
    "pedagogy": ["pedagogiikka", "pedagogik", "pedagogy"],
    "administration": ["hallinto", "förvaltning", "administration"],
}
# Where a model field's validation error belongs in the uploaded file.
COLUMN_FOR_FIELD = {
    "title": "title_fi",
    "description": "description_fi",
    "once_date": "date",
    "month": "date",
    "day": "date",
    "rrule": "rule",
    "duration_days": "end_date",
    "__all__": "",
}


def category_key(name):
    name = name.strip().lower()
    for key, aliases in CATEGORY_ALIASES.items():
        if name == key or name in aliases:
            return key
    return None


def rule_fields(row):
    """The model's repeat fields for a row's date and RRULE.

    The model expands rules from 1.8. of each school year, so an RRULE is pinned
    to the row's date (its day of month, month, weekday) unless it says otherwise.
    """
    if not row.rule:
        return {"rule": "once", "once_date": row.date}
    parts = dict(part.split("=", 1) for part in row.rule.split(";") if "=" in part)
    frequency = parts.get("FREQ")
    pinned = {"BYMONTH", "BYMONTHDAY", "BYDAY", "BYWEEKNO", "BYYEARDAY", "BYSETPOS"} & set(parts)
    if frequency == "YEARLY" and not pinned and parts.get("INTERVAL", "1") == "1":
        return {"rule": "yearly_date", "month": row.date.month, "day": row.date.day}
    if not pinned:
        interval = int(parts.pop("INTERVAL", "1") or 1)
        if frequency == "MONTHLY":
            months = sorted({(row.date.month - 1 + step * interval) % 12 + 1 for step in range(12)})
            parts["BYMONTH"] = ",".join(str(month) for month in months)
            parts["BYMONTHDAY"] = str(row.date.day)
        elif frequency == "YEARLY":
            parts["BYMONTH"] = str(row.date.month)
            parts["BYMONTHDAY"] = str(row.date.day)
            parts["INTERVAL"] = str(interval)
        elif frequency == "WEEKLY":
            parts["BYDAY"] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][row.date.weekday()]
            if interval > 1:
                parts["INTERVAL"] = str(interval)
    text = ";".join(f"{key}={value}" for key, value in parts.items())
    return {"rule": "rrule", "rrule": text}


def _by_slug(queryset, locale_id):
    """slug -> item, preferring the item in `locale_id`."""
    found = {}
    for item in queryset:
        if item.slug not in found or item.locale_id == locale_id:
            found[item.slug] = item
    return found


class TaskBuilder:
    """Turns valid rows into tasks of one year clock (Finnish first, Swedish translation)."""

    def __init__(self, year_clock, default_category=""):
        from kb.models import Role, School

        self.year_clock = year_clock
        self.default_category = default_category
        self.roles = _by_slug(Role.objects.all(), year_clock.locale_id)
        self.schools = _by_slug(School.objects.all(), year_clock.locale_id)
        self.created = []

    def __call__(self, row, result):
        before = result.problem_count
        category = category_key(row.category) if row.category else self.default_category
        if not category:
            result.problem(
                row.row,
                "category",
                _("Unknown category “%(value)s”. Use one of: %(choices)s.")
                % {"value": short(row.category), "choices": ", ".join(CATEGORY_ALIASES)},
            )
        roles = self._lookup(row, result, "roles", self.roles, _("Unknown role: %(slugs)s."))
        schools = self._lookup(
            row, result, "schools", self.schools, _("Unknown school: %(slugs)s.")
        )
        duration = (row.end_date - row.date).days + 1 if row.end_date else 1
        if duration > 120:
            result.problem(row.row, "end_date", _("A task may last at most 120 days."))
        if result.problem_count > before:
            return
        task = self._task(row, category, duration, result)
        if task is None:
            return
        task.roles.set(roles)
        task.schools.set(schools)
        if row.title_sv:
            self._translate(task, row)
        self.created.append(task)

    def _task(self, row, category, duration, result):
        from django.core.exceptions import ValidationError

        from yearclock.models import Task

        task = Task(
            year_clock=self.year_clock,
            locale_id=self.year_clock.locale_id,
            title=row.title_fi[:200],
            description=row.description_fi,
            category=category,
            visibility=row.visibility,
            move_to_working_day=row.next_working_day,
            duration_days=duration,
            reminder_days=",".join(str(day) for day in row.reminder_days) or "7,1",
            **rule_fields(row),
        )
        try:
            task.full_clean()
        except ValidationError as error:
            for field_name, messages in error.message_dict.items():
                column = COLUMN_FOR_FIELD.get(field_name, field_name)
                for message in messages:
                    result.problem(row.row, column, message)
            return None
        task.save()
        return task

    def _lookup(self, row, result, column, known, message):
        slugs = getattr(row, column)
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            result.problem(row.row, column, message % {"slugs": short(", ".join(unknown), 200)})
        return [known[slug] for slug in slugs if slug in known]

    def _translate(self, task, row):
        from wagtail.models import Locale

        from yearclock.models import YearClock

        swedish, _created = Locale.objects.get_or_create(language_code="sv")
        if not YearClock.objects.filter(
            translation_key=self.year_clock.translation_key, locale=swedish
        ).exists():
            self.year_clock.copy_for_translation(swedish).save()
        translation = task.copy_for_translation(swedish)
        translation.title = row.title_sv[:200]
        translation.description = row.description_sv or row.description_fi
        translation.save()


def import_file(year_clock, upload_bytes, file_format, default_category=""):
    """Parse and save all-or-nothing; returns the ImportResult (check `.ok`)."""
    result = parse(upload_bytes, file_format)
    builder = TaskBuilder(year_clock, default_category)
    result = save(result, builder)
    result.created = builder.created if result.ok else []
    return result
