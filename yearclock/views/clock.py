"""A year clock's page: the wheel, the same data as a list, filters and subscribe links."""

from itertools import groupby
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kb.access import reader_for
from kb.addresses import absolute_url, webcal
from kb.models import school_year_dates, school_year_label
from yearclock import wheel
from yearclock.forms import FilterForm
from yearclock.models import Task, YearClock
from yearclock.selectors import (
    concerning_guardians,
    find_year_clock,
    reader_defaults,
    rows_between,
    visible_tasks,
)


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
    data, started_from = chosen_filters(request, clock)
    form = FilterForm.for_year_clock(data, clock, today)
    filters, start_year = form.chosen(today)
    start, end = school_year_dates(start_year)
    tasks = visible_tasks(reader_for(request), clock, **filters)
    show_states = request.user.is_authenticated
    # A guardian starts with what concerns guardians; a chosen role or ?all=1 widens it.
    guardian_view = not show_states and not filters["role"] and request.GET.get("all") != "1"
    if guardian_view:
        tasks = concerning_guardians(tasks)
    rows = rows_between(tasks, language, start, end, today)
    months = group_by_month(rows)
    context = {
        "year_clock": clock,
        "form": form,
        "filters": filters,
        "start_year": start_year,
        "school_year_label": school_year_label(start_year),
        "wheel_svg": render_wheel(clock, rows, start_year, today, show_states),
        "show_states": show_states,
        "this_month": this_month_anchor(months, today) if start <= today <= end else "",
        "months": months,
        "rings": [{"key": key, "label": label} for key, label in Task.Category.choices],
        "subscribe": subscribe_links(request, clock, filters, language),
        "has_filters": any(filters.values()),
        "started_from": started_from,
        "active_filters": active_filters(form, filters),
        "printed_on": today,
        "guardian_view": guardian_view,
        "all_public_query": urlencode({**request.GET.dict(), "all": "1"}),
    }
    return render(request, "yearclock/year_clock.html", context)


FILTER_KEYS = ("role", "school", "category", "year")


def chosen_filters(request, clock):
    """(filter data, where it came from): the query string, else what this person chose
    last time on this year clock, else their own role and school; "" for a guardian.

    The choice is remembered in the session, so a teacher who picked another role
    keeps it; "All roles" is a choice too (role="" in the query string).
    """
    key = f"yearclock-filters-{clock.slug}"
    given = {name: request.GET[name] for name in FILTER_KEYS if name in request.GET}
    if given:
        if request.user.is_authenticated:
            request.session[key] = given
        return given, "query"
    if not request.user.is_authenticated:
        return {}, ""
    remembered = request.session.get(key)
    if isinstance(remembered, dict):
        return {name: str(remembered.get(name, "")) for name in FILTER_KEYS}, "remembered"
    defaults = reader_defaults(request.user, clock)
    return defaults, "profile" if defaults else ""


def reader_state(row, show_states):
    """Done/overdue are the staff's working words: a guardian sees every date as a date."""
    return row.state if show_states else "upcoming"


def render_wheel(clock, rows, start_year, today, show_states=True):
    rings = [wheel.Ring(key, str(label)) for key, label in Task.Category.choices]
    marks = [
        wheel.Mark(
            day=row.date,
            ring=row.task.category,
            title=f"{row.task.title} ({row.state_label})" if show_states else row.task.title,
            state=reader_state(row, show_states),
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
            count_label=lambda count: (
                ngettext("%(count)d task", "%(count)d tasks", count) % {"count": count}
            ),
        )
    )


def group_by_month(rows):
    """[{label, anchor "2026-12", rows}]: the list's months, each an anchor to jump to."""
    months = []
    for (year, month), items in groupby(rows, key=lambda row: (row.date.year, row.date.month)):
        months.append(
            {
                "label": f"{str(MONTHS[month]).capitalize()} {year}",
                "anchor": f"{year}-{month:02d}",
                "rows": list(items),
            }
        )
    return months


def active_filters(form, filters):
    """[{label, value}] of the chosen filters, named as in the form (the print header)."""
    chosen = []
    for name, value in filters.items():
        if value:
            field = form.fields[name]
            names = {str(key): str(label) for key, label in field.choices}
            chosen.append({"label": str(field.label), "value": names.get(value, value)})
    return chosen


def this_month_anchor(months, today):
    """The list's month to jump to: this month, or the next one with tasks."""
    current = f"{today.year}-{today.month:02d}"
    following = [month["anchor"] for month in months if month["anchor"] >= current]
    return following[0] if following else ""


def subscribe_links(request, clock, filters, language):
    """webcal:// and http(s) addresses of the public feed with the page's filters."""
    path = reverse("yearclock_feeds:public", kwargs={"slug": clock.slug})
    query = {name: value for name, value in filters.items() if value}
    query["lang"] = language
    url = absolute_url(f"{path}?{urlencode(query)}", request)
    return {"https": url, "webcal": webcal(url)}
