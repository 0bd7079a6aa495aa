"""Exporting a year clock: tasks as CSV (the import template's columns, so a file
round-trips) and a school year's occurrences as an ICS file to download."""

import csv
import datetime
import io

from django.conf import settings
from django.utils import timezone

from icalendar import Calendar, Event

from yearclock import imports
from yearclock.models import Task
from yearclock.occurrences import original_dates, rule_text, school_years_between


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
        rule = "" if task.rule == Task.Rule.ONCE else (rule_text(task) or "")
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
    """CSV text with a BOM, so that Excel opens the Finnish and Swedish letters right."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=imports.COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


def template_csv():
    return to_csv([imports.TEMPLATE_EXAMPLE])


def to_ics(rows, name, host=None):
    """A downloadable calendar of occurrences (listing.Row), all-day or timed."""
    host = host or settings.SITE_BASE_URL.split("://", 1)[-1]
    calendar = Calendar()
    calendar.add("prodid", "-//vuosikello//export//FI")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    for row in rows:
        occurrence = row.occurrence
        event = Event()
        event.add("uid", f"{occurrence.key}@{host}")
        event.add("dtstamp", stamp)
        event.add("summary", row.task.title)
        event.add("dtstart", occurrence.start)
        event.add("dtend", occurrence.end)
        link = row.task.full_url()
        event.add("description", f"{row.task.description}\n\n{link}".strip())
        event.add("url", link)
        event.add("categories", [row.task.get_category_display()])
        event.add("sequence", row.task.sequence)
        event.add("class", "PUBLIC" if row.task.visibility == Task.Visibility.PUBLIC else "PRIVATE")
        calendar.add_component(event)
    calendar.add_missing_timezones()  # VTIMEZONE Europe/Helsinki for timed events
    return calendar.to_ical()
