"""A teacher's request, the review queue and a request's page with the reviewers' steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kb.access import reader_for
from services import request_review
from services.forms import DecisionForm, RequestForm, StartReviewForm, StepForm
from services.models import ReviewStep, ServiceRequest
from services.organisations import organisation_of
from services.selectors import visible_requests


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_form(request):
    organisation = organisation_of(request.user)
    if organisation is None:
        context = {"reason": _("Your account is not linked to a municipality. Ask an editor.")}
        return render(request, "services/no_access.html", context, status=403)
    form = RequestForm(request.POST or None, organisation=organisation)
    if request.method == "POST":
        if form.is_valid():
            created = request_review.submit(form, request.user, organisation, get_language())
            messages.success(request, _("Thank you! Your request has been sent for review."))
            return redirect("services:request_page", pk=created.pk)
        return render(request, "services/request_form.html", {"form": form}, status=400)
    return render(request, "services/request_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "HEAD"])
def queue(request):
    reader = reader_for(request)
    requests = (
        visible_requests(reader)
        .select_related("requested_by", "school", "organisation", "decision")
        .prefetch_related("steps")
    )
    context = {
        "open_requests": [r for r in requests if r.is_open],
        "decided_requests": [r for r in requests if not r.is_open][:50],
    }
    return render(request, "services/queue.html", context)


def find_request(request, pk):
    """The request, or 404 for anyone who may not see it (kb.access)."""
    found = ServiceRequest.objects.select_related(
        "requested_by", "school", "organisation", "service", "decision"
    ).filter(pk=pk)
    found = found.first()
    if found is None or not reader_for(request).may_see(found.audience()):
        raise Http404(_("No such request."))
    return found


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def request_page(request, pk):
    service_request = find_request(request, pk)
    reviewer = request_review.can_review(request.user, service_request)
    forms = {
        "start_form": StartReviewForm(services=request_review.services_for(service_request)),
        "decision_form": DecisionForm(
            initial={"grade_min": service_request.grade_min, "grade_max": service_request.grade_max}
        ),
    }
    status = 200
    if request.method == "POST":
        if not reviewer:
            messages.error(request, _("Only the municipality's reviewers can process requests."))
            status = 403
        else:
            done, status = act(request, service_request, forms)
            if done:
                return redirect("services:request_page", pk=service_request.pk)
    takes_steps = reviewer and service_request.status == ServiceRequest.Status.IN_REVIEW
    steps = [
        (step, step_form(step) if takes_steps and step.kind != ReviewStep.Kind.DECISION else None)
        for step in service_request.steps.all()
    ]
    context = {
        "service_request": service_request,
        "steps": steps,
        "reviewer": reviewer,
        **forms,
    }
    return render(request, "services/request_page.html", context, status=status)


def step_form(step):
    # Several step forms on one page: the same field names, ids of their own.
    initial = {"kind": step.kind, "status": ReviewStep.Status.DONE}
    return StepForm(initial=initial, auto_id=f"id_{step.kind}_%s")


def act(request, service_request, forms):
    """Handle one reviewer action; (done, status). Invalid input keeps the form (400)."""
    action = request.POST.get("action")
    try:
        if action == "start":
            form = StartReviewForm(
                request.POST, services=request_review.services_for(service_request)
            )
            forms["start_form"] = form
            if not form.is_valid():
                return False, 400
            request_review.start_review(
                service_request,
                request.user,
                existing=form.cleaned_data["existing"],
                slug=form.cleaned_data["slug"],
            )
            messages.success(request, _("The review has started."))
        elif action == "step":
            form = StepForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("The step could not be saved: check the result."))
                return False, 400
            request_review.resolve_step(service_request, request.user, **form.cleaned_data)
            messages.success(request, _("The step has been recorded."))
        elif action == "decide":
            form = DecisionForm(request.POST)
            forms["decision_form"] = form
            if not form.is_valid():
                return False, 400
            request_review.decide(service_request, request.user, form.save(commit=False))
            messages.success(request, _("The decision is in the register; the requester is told."))
        else:
            messages.error(request, _("Unknown action."))
            return False, 400
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return False, 400
    return True, 302
