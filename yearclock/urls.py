"""Reader-facing year-clock URLs (language-prefixed, with translated path words)."""

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from yearclock.views import calendar, clock, exchange, task

app_name = "yearclock"

# /fi/vuosikello/…, /sv/arshjul/…: the words are translated, the slugs are not.
YEAR_CLOCK = pgettext_lazy("URL path", "year-clock")
TASKS = pgettext_lazy("URL path", "tasks")
IMPORT = pgettext_lazy("URL path", "import")


def route(template, *words):
    return format_lazy(template, *words)


urlpatterns = [
    path(route("{}/", YEAR_CLOCK), clock.index, name="index"),
    path(route("{}/{}/", YEAR_CLOCK, IMPORT), exchange.import_view, name="import"),
    path(
        route("{}/{}/template.csv", YEAR_CLOCK, IMPORT),
        exchange.import_template,
        name="import_template",
    ),
    path(route("{}/<slug:slug>/", YEAR_CLOCK), clock.year_clock_page, name="year_clock"),
    path(route("{}/<slug:slug>/export.csv", YEAR_CLOCK), exchange.export_csv, name="export_csv"),
    path(route("{}/<slug:slug>/export.ics", YEAR_CLOCK), exchange.export_ics, name="export_ics"),
    path(route("{}/<slug:slug>/{}/<int:pk>/", YEAR_CLOCK, TASKS), task.task_page, name="task"),
    path("account/calendar/", calendar.my_calendar, name="calendar"),
]
