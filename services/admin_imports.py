"""The service register's import as an admin view, in Wagtail's frame: the same upload
form and the same all-or-nothing import (services.exchange.import_file, which checks
each row's organisation against the editor's rights) with its per-row report."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from services import exchange
from services.forms import ImportForm


def may_import(user):
    return user.has_perm("services.add_decision")


@require_http_methods(["GET", "HEAD", "POST"])
def import_view(request):
    if not may_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            file_format = "xlsx" if upload.name.lower().endswith(".xlsx") else "csv"
            result = exchange.import_file(upload.read(), file_format, request.user)
            status = 200 if result.ok else 400
        else:
            status = 400
    context = {
        "form": form,
        "result": result,
        "columns": exchange.ALL_COLUMNS,
        "page_title": _("Import the service register"),
        "header_icon": "upload",
    }
    return TemplateResponse(request, "services/admin/import.html", context, status=status)
