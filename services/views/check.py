"""The start-of-year checklist: every service in use in the checker's municipality."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kb.models import SchoolYear, school_year_start
from services.forms import CheckForm, YearForm
from services.organisations import default_row, organisation_of
from services.selectors import checklist as checklist_entries
from services.start_of_year import can_check, linked_tasks, record_check


def chosen_year(request):
    """(school year, form, error?): ?year= among existing school years up to the current one."""
    today = timezone.localdate()
    years = list(SchoolYear.objects.filter(start_year__lte=school_year_start(today)))
    current = SchoolYear.objects.for_date(today)
    form = YearForm(request.GET if "year" in request.GET else None, years=years)
    if form.is_bound:
        if form.is_valid():
            return form.years[form.cleaned_data["year"]], form, False
        return current, form, True
    if current is not None:
        form.initial["year"] = current.start_year
    return current, form, False


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def checklist(request):
    organisation = organisation_of(request.user)
    organisation = default_row(organisation) if organisation is not None else None
    if not can_check(request.user, organisation):
        reason = _("The start-of-year check is for the municipality's checkers.")
        return render(request, "services/no_access.html", {"reason": reason}, status=403)
    school_year, year_form, bad_year = chosen_year(request)
    status = 400 if bad_year else 200
    if school_year is None:
        context = {"organisation": organisation, "year_form": year_form}
        return render(request, "services/check.html", context, status=status)
    here = f"{reverse('services:check')}?year={school_year.start_year}"
    if request.method == "POST":
        service_id = posted_id(request.POST.get("service", ""))
        form = CheckForm(request.POST, prefix=f"s{service_id}")
        if service_id and form.is_valid():
            try:
                check, complete = record_check(
                    organisation, school_year, service_id, request.user, form.cleaned_data
                )
            except LookupError:
                messages.error(request, _("That service is not in use in your municipality."))
                status = 400
            else:
                messages.success(
                    request, _("%(service)s checked.") % {"service": check.service.name}
                )
                if complete:
                    messages.success(
                        request,
                        _("Every service in use has been checked for %(year)s.")
                        % {"year": school_year.label},
                    )
                return redirect(f"{here}#service-{check.service.slug}")
        else:
            messages.error(request, _("The check could not be saved."))
            status = 400
    entries = checklist_entries(organisation, school_year)
    rows = [(entry, form_for(entry)) for entry in entries]
    checked = sum(1 for entry in entries if entry.check)
    context = {
        "organisation": organisation,
        "school_year": school_year,
        "year_form": year_form,
        "rows": rows,
        "checked": checked,
        "total": len(entries),
        "tasks": linked_tasks(organisation),
    }
    return render(request, "services/check.html", context, status=status)


def posted_id(value):
    """A database id from a form, or None (never an error on odd input such as '²')."""
    if value.isascii() and value.isdigit() and 0 < int(value) < 2**31:
        return int(value)
    return None


def form_for(entry):
    """The form of one service, filled with the last check or with what the register says."""
    check = entry.check
    initial = {
        "agreement_valid": check.agreement_valid if check else entry.agreement_valid,
        "assessment_current": check.assessment_current if check else entry.assessment_current,
        "safeguards_done": check.safeguards_done if check else not entry.open_safeguards,
        "notes": check.notes if check else "",
    }
    return CheckForm(initial=initial, prefix=f"s{entry.service.pk}")
