"""The open API: occurrences in a date range as JSON, with the feeds' filters.

GET /api/v1/occurrences?start=YYYY-MM-DD&end=YYYY-MM-DD[&yearclock=][&role=][&school=]
[&category=][&lang=fi|sv]. Anonymous callers get public tasks only; the range is
at most 400 days; bad parameters give a 400 with messages, never a 500.
"""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from kb.access import reader_for
from yearclock.forms import OccurrenceQueryForm
from yearclock.selectors import find_year_clock, rows_between, visible_tasks


@require_GET
def occurrences(request):
    form = OccurrenceQueryForm(request.GET)
    language = request.GET.get("lang")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE  # and the form reports the bad value
    with translation.override(language):
        if not form.is_valid():
            return error_response(form)
        query = form.cleaned_data
        clock = None
        if query["yearclock"]:
            clock = find_year_clock(query["yearclock"], language)
            if clock is None:
                return JsonResponse(
                    # 400, not 404: LocaleMiddleware would redirect a 404 to /fi/….
                    {"errors": {"yearclock": [translation.gettext("No such year clock.")]}},
                    status=400,
                )
        tasks = visible_tasks(
            reader_for(request), clock, query["role"], query["school"], query["category"]
        )
        rows = rows_between(tasks, language, query["start"], query["end"])
        data = {
            "start": query["start"].isoformat(),
            "end": query["end"].isoformat(),
            "language": language,
            "count": len(rows),
            "occurrences": [serialise(row, language) for row in rows],
        }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Vary"] = "Cookie"
    response["Cache-Control"] = (
        "private, max-age=300" if request.user.is_authenticated else ("public, max-age=300")
    )
    return response


def error_response(form):
    errors = {name: [str(text) for text in messages] for name, messages in form.errors.items()}
    return JsonResponse({"errors": errors}, status=400, json_dumps_params={"ensure_ascii": False})


def serialise(row, language):
    task, occurrence = row.task, row.occurrence
    return {
        "id": occurrence.key,
        "task": str(task.translation_key),
        "title": task.title,
        "description": task.description,
        "year_clock": task.year_clock.slug,
        "category": task.category,
        "category_label": str(task.get_category_display()),
        "visibility": task.visibility,
        "all_day": occurrence.all_day,
        "start": occurrence.start.isoformat(),
        "end": occurrence.end.isoformat(),
        "original_date": occurrence.original_date.isoformat(),
        "deadline": occurrence.deadline.isoformat(),
        "done": occurrence.is_done,
        "overdue": row.state == "overdue",
        "roles": [{"slug": role.slug, "name": role.name} for role in row.roles],
        "schools": [{"slug": school.slug, "name": school.name} for school in row.schools],
        "url": task.full_url(language),
    }
