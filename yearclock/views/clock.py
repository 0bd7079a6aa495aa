"""A year clock's page: the wheel, the same data as a list, filters and subscribe links."""

from itertools import groupby
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.translation import gettext as _

from kb.access import reader_for
from kb.models import school_year_dates, school_year_label
from yearclock import wheel
from yearclock.forms import FilterForm
from yearclock.models import Task, YearClock
from yearclock.selectors import find_year_clock, rows_between, visible_tasks


def index(request):
    language = translation.get_language()
    clocks = {}
    for clock in YearClock.objects.select_related("locale", "organisation"):
        if clock.slug not in clocks or clock.locale.language_code == language:
            clocks[clock.slug] = clock
    ordered = sorted(clocks.values(), key=lambda c: c.name.lower())
    return render(request, "yearclock/index.html", {"year_clocks": ordered})


def year_clock_page(request, slug):
    language = translation.get_language()
    clock = find_year_clock(slug, language)
    if clock is None:
        raise Http404(_("No such year clock."))
    today = timezone.localdate()
    form = FilterForm.for_year_clock(request.GET, clock, today)
    filters, start_year = form.chosen(today)
    start, end = school_year_dates(start_year)
    tasks = visible_tasks(reader_for(request), clock, **filters)
    rows = rows_between(tasks, language, start, end, today)
    context = {
        "year_clock": clock,
        "form": form,
        "filters": filters,
        "start_year": start_year,
        "school_year_label": school_year_label(start_year),
        "wheel_svg": render_wheel(clock, rows, start_year, today),
        "months": group_by_month(rows),
        "rings": [{"key": key, "label": label} for key, label in Task.Category.choices],
        "subscribe": subscribe_links(request, clock, filters, language),
        "has_filters": any(filters.values()),
    }
    return render(request, "yearclock/year_clock.html", context)


def render_wheel(clock, rows, start_year, today):
    rings = [wheel.Ring(key, str(label)) for key, label in Task.Category.choices]
    marks = [
        wheel.Mark(
            day=row.date,
            ring=row.task.category,
            title=f"{row.task.title} ({row.state_label})",
            url=task_url(row),
            state=row.state,
        )
        for row in rows
    ]
    return wheel.render(
        wheel.Wheel(
            start_year=start_year,
            rings=rings,
            marks=marks,
            today=today,
            month_labels=[str(MONTHS_3[n]).capitalize() for n in range(1, 13)],
            title=_("Year wheel of %(name)s, school year %(year)s")
            % {"name": clock.name, "year": school_year_label(start_year)},
            today_label=_("Today, %(date)s") % {"date": today.strftime("%-d.%-m.%Y")},
        )
    )


def task_url(row):
    return reverse("yearclock:task", kwargs={"slug": row.task.year_clock.slug, "pk": row.task.pk})


def group_by_month(rows):
    months = []
    for (year, month), items in groupby(rows, key=lambda row: (row.date.year, row.date.month)):
        months.append({"label": f"{str(MONTHS[month]).capitalize()} {year}", "rows": list(items)})
    return months


def subscribe_links(request, clock, filters, language):
    """webcal:// and https addresses of the public feed with the page's filters."""
    path = reverse("yearclock_feeds:public", kwargs={"slug": clock.slug})
    query = {name: value for name, value in filters.items() if value}
    query["lang"] = language
    url = f"{settings.SITE_BASE_URL}{path}?{urlencode(query)}"
    return {"https": url, "webcal": "webcal://" + url.split("://", 1)[1]}
