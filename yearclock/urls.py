"""Reader-facing year-clock URLs (language-prefixed, with translated path words)."""

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import RedirectView

from yearclock.views import calendar, clock, exchange, task

app_name = "yearclock"

# /fi/vuosikello/…, /sv/arshjul/…: the words are translated, the slugs are not.
YEAR_CLOCK = pgettext_lazy("URL path", "year-clock")
TASKS = pgettext_lazy("URL path", "tasks")
IMPORT = pgettext_lazy("URL path", "import")
# The same word as the account pages' (identity.urls): /fi/tili/kalenteri/, /sv/konto/kalender/.
ACCOUNT = gettext_lazy("account/")
CALENDAR = pgettext_lazy("URL path", "calendar")


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
    path(route("{}{}/", ACCOUNT, CALENDAR), calendar.my_calendar, name="calendar"),
    # The English address of before (bookmarks); a form posts to the new one.
    path(
        "account/calendar/",
        RedirectView.as_view(pattern_name="yearclock:calendar", permanent=True, query_string=True),
    ),
]
