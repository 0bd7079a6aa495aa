"""The year-clock import as an admin view, in Wagtail's frame: the same upload form and
the same all-or-nothing import (yearclock.imports.import_file) with its per-row report.

Only editors who may add tasks, into the clocks of the organisations they manage
(kb.rights through YearClock.objects.managed_by), in the default language: imports
write the source tasks and translations follow them.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from yearclock import imports
from yearclock.forms import ImportForm
from yearclock.models import Task, YearClock


def may_import(user):
    return user.has_perm("yearclock.add_task")


def import_view(request):
    if not may_import(request.user):
        raise PermissionDenied
    clocks = YearClock.objects.managed_by(request.user).filter(
        locale__language_code=settings.LANGUAGE_CODE
    )
    form = ImportForm(request.POST or None, request.FILES or None, year_clocks=clocks)
    form.fields["default_category"].choices = [("", "–"), *Task.Category.choices]
    result = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = imports.import_file(
                form.cleaned_data["year_clock"],
                upload.read(),
                imports.detect_format(upload.name),
                form.cleaned_data["default_category"],
            )
            status = 200 if result.ok else 400
        else:
            status = 400
    context = {
        "form": form,
        "result": result,
        "page_title": _("Import tasks"),
        "header_icon": "upload",
    }
    return TemplateResponse(request, "yearclock/admin/import.html", context, status=status)
