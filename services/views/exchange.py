"""Export of the register (CSV, XLSX) with the list's filters, and the editors' import."""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_safe

from kb.access import reader_for
from services import exchange, spreadsheets
from services.selectors import decisions_in_force, entries_for, filter_decisions
from services.views.register import filter_form

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def exported(request):
    reader = reader_for(request)
    form = filter_form(request)
    if form.is_bound:
        form.is_valid()  # invalid filters are left out, as on the list
    decisions = filter_decisions(decisions_in_force(), **form.filters())
    entries = entries_for(decisions, reader)
    # Staff columns only for someone who is staff of a municipality in the file.
    return exchange.export_rows(entries, with_staff=any(e.shows_details for e in entries))


def download(body, content_type, extension, request):
    response = HttpResponse(body, content_type=content_type)
    name = f"palvelurekisteri-{timezone.localdate():%Y-%m-%d}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    if request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def export_csv(request):
    columns, rows = exported(request)
    return download(spreadsheets.to_csv(columns, rows), "text/csv; charset=utf-8", "csv", request)


@require_safe
def export_xlsx(request):
    columns, rows = exported(request)
    return download(spreadsheets.to_xlsx(columns, rows, "Palvelut"), XLSX, "xlsx", request)


def import_view(request):
    """The import moved into the admin (services.admin_imports); old links still work."""
    return redirect("services_import")
