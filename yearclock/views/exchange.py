"""Import and export: the old upload address (now in the admin), the CSV template, CSV and
ICS downloads."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kb.access import reader_for
from kb.models import school_year_dates, school_year_label
from yearclock import exports, feeds
from yearclock.forms import FilterForm
from yearclock.selectors import find_year_clock, visible_tasks


def import_view(request):
    """The import moved into the admin (yearclock.admin_imports); old links still work."""
    return redirect("yearclock_import")


def import_template(request):
    response = HttpResponse(exports.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="vuosikello-pohja.csv"'
    return response


def _chosen(request, slug):
    clock = find_year_clock(slug, translation.get_language())
    if clock is None:
        raise Http404(_("No such year clock."))
    today = timezone.localdate()
    filters, start_year = FilterForm.for_year_clock(request.GET, clock, today).chosen(today)
    return clock, filters, start_year


def export_csv(request, slug):
    clock, filters, start_year = _chosen(request, slug)
    tasks = visible_tasks(reader_for(request), clock, **filters).localized(settings.LANGUAGE_CODE)
    body = exports.to_csv(exports.task_rows(tasks, start_year))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{clock.slug}-{start_year}.csv"'
    return response


def export_ics(request, slug):
    """The chosen school year as a calendar file, written by the same builder as the feeds."""
    clock, filters, start_year = _chosen(request, slug)
    language = translation.get_language()
    reader = reader_for(request)
    tasks = visible_tasks(reader, clock, **filters).localized(language, related=())
    body = feeds.build_calendar(
        tasks,
        name=f"{clock.name} {school_year_label(start_year)}",
        description=clock.description,
        language=language,
        window=school_year_dates(start_year),
        reader=reader,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{clock.slug}-{start_year}.ics"'
    return response
