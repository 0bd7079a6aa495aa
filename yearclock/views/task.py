"""A task's page: what, when this school year, who, and a form to mark an occurrence done."""

import datetime
import re

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail import hooks

from kb.access import readable_pages, reader_for
from kb.models import FIRST_START_YEAR, LAST_START_YEAR, school_year_dates, school_year_label
from yearclock import occurrences
from yearclock.forms import CompletionForm
from yearclock.models import Task
from yearclock.permissions import can_mark_done
from yearclock.selectors import current_start_year, rows_between

YEAR = re.compile(r"[0-9]{4}")
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# An occurrence can be marked done from a week before its date: a weekly task's May
# date cannot be ticked off in December by a slip of the finger.
MARK_AHEAD = datetime.timedelta(days=7)
NEXT_DATES = 5


def find_task(reader, slug, pk, language):
    """The task in the reader's language; 404 when missing or not for this reader
    (404, not 403: tasks the reader may not see stay unseen)."""
    source = Task.objects.visible_to(reader).filter(pk=pk, year_clock__slug=slug).first()
    if source is None:
        raise Http404(_("No such task."))
    return (
        Task.objects.filter(translation_key=source.translation_key, locale__language_code=language)
        .select_related("year_clock", "owner")
        .first()
        or source
    )


@require_http_methods(["GET", "HEAD", "POST"])
def task_page(request, slug, pk):
    language = translation.get_language()
    reader = reader_for(request)
    task = find_task(reader, slug, pk, language)
    if task.pk != pk:
        # One address per task and language: the other language's number redirects.
        query = request.GET.urlencode()
        return redirect(
            task.get_absolute_url(language) + (f"?{query}" if query else ""), permanent=True
        )
    today = timezone.localdate()
    start_year, year_ok = chosen_start_year(request, today)
    start, end = school_year_dates(start_year)
    tasks = Task.objects.filter(pk=task.pk)
    rows = rows_between(tasks, language, start, end, today)
    form = None
    status = 200 if year_ok else 400
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        form, status = handle_completion(request, task, rows, today)
        if status == 302:
            return redirect(request.get_full_path())
    chosen = chosen_row(request, rows)
    at_hand = chosen or row_at_hand(rows, today)
    upcoming = [row for row in rows if row.end >= today]
    context = {
        "task": task,
        "at_hand": at_hand,
        "chosen": chosen,
        "too_early": at_hand is not None and at_hand.original_date > today + MARK_AHEAD,
        "next_rows": upcoming[:NEXT_DATES],
        "earlier_open": [row for row in rows if row.end < today and row.state == "overdue"],
        "year_clock": task.year_clock,
        "rows": rows,
        "school_year_label": school_year_label(start_year),
        "roles": [role.localized for role in task.roles.all() if role.is_staff_role],
        "concerns": [role.localized for role in task.roles.all() if not role.is_staff_role],
        "schools": [school.localized for school in task.schools.all()],
        "guides": readable_pages(reader, task.guides.all(), language),
        "shows_details": reader.may_see(task.details_audience()),
        "can_mark_done": can_mark_done(request.user, task),
        # Done/overdue are the staff's working words; a guardian sees dates only.
        "show_states": request.user.is_authenticated,
        "form": form,
        # (label, url) pairs other apps offer for this task, e.g. the register's checklist.
        "app_links": [
            link
            for links in hooks.get_hooks("yearclock_task_links")
            for link in links(request, task)
        ],
    }
    return render(request, "yearclock/task.html", context, status=status)


def chosen_row(request, rows):
    """The occurrence the reader came from (?date=2026-12-01 from a list or the wheel)."""
    raw = request.GET.get("date", "")
    if not DAY.fullmatch(raw):
        return None
    return next((row for row in rows if row.original_date.isoformat() == raw), None)


def row_at_hand(rows, today):
    """The occurrence to mark done now: the next open one if it is at most a week away,
    else the latest open one already past, else none."""
    open_rows = [row for row in rows if row.completion is None]
    following = next((row for row in open_rows if row.end >= today), None)
    if following is not None and following.date <= today + MARK_AHEAD:
        return following
    past = [row for row in open_rows if row.end < today]
    return past[-1] if past else following


def chosen_start_year(request, today):
    """(start year, valid): ?year=2026, four ASCII digits in the years we compute.

    Anything else is answered (400) with a message beside the current year's dates.
    """
    raw = request.GET.get("year", "")
    if not raw:
        return current_start_year(today), True
    if YEAR.fullmatch(raw) and FIRST_START_YEAR <= int(raw) <= LAST_START_YEAR:
        return int(raw), True
    messages.error(
        request,
        _("Choose a school year from %(first)d to %(last)d; showing the current one.")
        % {"first": FIRST_START_YEAR, "last": LAST_START_YEAR},
    )
    return current_start_year(today), False


def handle_completion(request, task, rows, today):
    form = CompletionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form could not be saved: check the occurrence and note."))
        return form, 400
    day = form.cleaned_data["occurrence"]
    if day not in {row.original_date for row in rows}:
        messages.error(
            request,
            _("The task has no occurrence on %(date)s in this school year.")
            % {"date": day.strftime("%-d.%-m.%Y")},
        )
        return form, 400
    if not form.cleaned_data["undo"] and day > today + MARK_AHEAD:
        messages.error(
            request,
            _("%(date)s is more than a week away: it can be marked done from %(from)s.")
            % {
                "date": day.strftime("%-d.%-m.%Y"),
                "from": (day - MARK_AHEAD).strftime("%-d.%-m.%Y"),
            },
        )
        return form, 400
    try:
        if form.cleaned_data["undo"]:
            occurrences.undo_done(task, day, request.user)
            messages.success(request, _("The occurrence is no longer marked done."))
        else:
            occurrences.mark_done(task, day, request.user, form.cleaned_data["note"])
            messages.success(request, _("Marked done. Thank you!"))
    except PermissionDenied:
        messages.error(
            request,
            _("Only the task's owner, editors and people in a responsible role can mark it done."),
        )
        return form, 403
    return form, 302
