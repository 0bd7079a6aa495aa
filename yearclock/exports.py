"""Exporting a year clock as CSV: the import template's columns, so a file round-trips.

The ICS download is written by yearclock.feeds, like the subscribed feeds."""

import csv
import datetime
import io

from kb.spreadsheets import neutralise
from yearclock import imports
from yearclock.models import Task
from yearclock.occurrences import original_dates, school_years_between
from yearclock.recurrence import Rule, rule_text


def task_rows(tasks, start_year):
    """One dict per task (Finnish and Swedish texts side by side), template columns."""
    year = school_years_between(datetime.date(start_year, 8, 1), datetime.date(start_year, 8, 1))[0]
    rows = []
    for task in tasks:
        translations = {
            t.locale.language_code: t
            for t in Task.objects.filter(translation_key=task.translation_key).select_related(
                "locale"
            )
        }
        finnish = translations.get("fi", task)
        swedish = translations.get("sv")
        dates = original_dates(task, year)
        first = task.once_date if task.rule == Task.Rule.ONCE else (dates[0] if dates else None)
        rule = "" if task.rule == Task.Rule.ONCE else (rule_text(Rule.of(task)) or "")
        if task.rule == Task.Rule.YEARLY_DATE:
            rule = "FREQ=YEARLY"
        elif task.rule == Task.Rule.TERM:
            rule = ""  # a term-relative date exports as that year's date
        end = first + datetime.timedelta(days=task.duration_days - 1) if first else None
        rows.append(
            {
                "title_fi": finnish.title,
                "title_sv": swedish.title if swedish else "",
                "description_fi": finnish.description,
                "description_sv": swedish.description if swedish else "",
                "category": task.category,
                "date": f"{first.day}.{first.month}.{first.year}" if first else "",
                "end_date": f"{end.day}.{end.month}.{end.year}" if end and end != first else "",
                "rule": rule,
                "roles": "; ".join(sorted({role.slug for role in task.roles.all()})),
                "schools": "; ".join(sorted({school.slug for school in task.schools.all()})),
                "visibility": task.visibility,
                "next_working_day": "yes" if task.move_to_working_day else "no",
                "reminder_days": "; ".join(str(day) for day in task.reminder_offsets),
            }
        )
    return rows


def to_csv(rows):
    """CSV text with a BOM, so that Excel opens the Finnish and Swedish letters right.

    Cells that a spreadsheet would run as a formula are quoted (kb.spreadsheets);
    the import takes the quote off again.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=imports.COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({name: neutralise(value) for name, value in row.items()} for row in rows)
    return "\ufeff" + buffer.getvalue()


def template_csv():
    return to_csv([imports.TEMPLATE_EXAMPLE])
