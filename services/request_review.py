"""The request and review process: a teacher asks, reviewers take the procurement
steps, the decision goes into the register and the requester is told by e-mail.

    submitted --start_review--> in review --resolve_step (×4)--> --decide--> decided

Starting the review links the request to a service in the register (or adds it),
and, when the municipality has no decision on it yet, records one "under review".
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kb.access import Reader, lineage_keys
from services.models import Decision, DigitalService, ReviewStep, ServiceRequest
from services.organisations import default_row
from services.reminders import queue_outcome

REVIEW_PERMISSION = "services.review_servicerequest"


def can_review(user, service_request):
    """Reviewers: the permission, and staff of the request's municipality (kb.access)."""
    if not user.is_authenticated or not user.has_perm(REVIEW_PERMISSION):
        return False
    return Reader.for_user(user).may_see(service_request.audience())


def require_reviewer(user, service_request):
    if not can_review(user, service_request):
        raise PermissionDenied(_("Only the municipality's reviewers can process requests."))


@transaction.atomic
def submit(form, user, organisation, language):
    """Save a request from a valid RequestForm."""
    service_request = form.save(commit=False)
    service_request.organisation = default_row(organisation)
    service_request.requested_by = user
    service_request.language = language
    service_request.save()  # its review steps are added by services.signals
    return service_request


def services_for(service_request):
    """Services the request's municipality may decide on: its own and its regions'."""
    keys = lineage_keys(service_request.organisation)
    return DigitalService.objects.filter(organisation__translation_key__in=keys)


@transaction.atomic
def start_review(service_request, user, existing=None, slug=""):
    require_reviewer(user, service_request)
    if service_request.status != ServiceRequest.Status.SUBMITTED:
        raise ValidationError(_("The review of this request has already started."))
    service = existing
    if service is None:
        service = DigitalService(
            organisation=service_request.organisation,
            slug=slug,
            name_fi=service_request.service_name,
            provider=service_request.provider or "–",
            website=service_request.website,
            purpose_fi=service_request.purpose,
            processes_pupil_data=service_request.pupils_sign_in,
        )
        service.full_clean()
        service.save()
    decided = Decision.objects.in_force().filter(
        service=service, organisation=service_request.organisation
    )
    if not decided.exists():
        Decision.objects.create(
            service=service,
            organisation=service_request.organisation,
            status=Decision.Status.UNDER_REVIEW,
            grade_min=service_request.grade_min,
            grade_max=service_request.grade_max,
        )
    service_request.service = service
    service_request.status = ServiceRequest.Status.IN_REVIEW
    service_request.save(update_fields=["service", "status", "updated_at"])
    return service


@transaction.atomic
def resolve_step(service_request, user, kind, status, notes=""):
    require_reviewer(user, service_request)
    if service_request.status != ServiceRequest.Status.IN_REVIEW:
        raise ValidationError(_("Start the review before taking its steps."))
    if kind == ReviewStep.Kind.DECISION:
        raise ValidationError(_("The decision is recorded with the decision form."))
    step = service_request.steps.get(kind=kind)
    step.status, step.notes = status, notes
    step.done_by, step.done_at = user, timezone.now()
    step.save()
    return step


@transaction.atomic
def decide(service_request, user, decision):
    """Record `decision` (an unsaved Decision from DecisionForm) as the outcome."""
    require_reviewer(user, service_request)
    if service_request.status != ServiceRequest.Status.IN_REVIEW:
        raise ValidationError(_("Only a request in review can be decided."))
    pending = service_request.steps.exclude(kind=ReviewStep.Kind.DECISION).filter(
        status=ReviewStep.Status.PENDING
    )
    if pending.exists():
        raise ValidationError(
            _("Take every step before the decision: %(steps)s.")
            % {"steps": ", ".join(str(step.get_kind_display()) for step in pending)}
        )
    previous = (
        Decision.objects.in_force()
        .filter(service=service_request.service, organisation=service_request.organisation)
        .first()
    )
    decision.service = service_request.service
    decision.organisation = service_request.organisation
    decision.decided_on = timezone.localdate()
    decision.owner = (previous.owner if previous else None) or user
    decision.full_clean()
    decision.save()
    if previous is not None:
        decision.roles.set(previous.roles.all())
        decision.schools.set(previous.schools.all())
    service_request.steps.filter(kind=ReviewStep.Kind.DECISION).update(
        status=ReviewStep.Status.DONE, done_by=user, done_at=timezone.now()
    )
    service_request.decision = decision
    service_request.status = ServiceRequest.Status.DECIDED
    service_request.save(update_fields=["decision", "status", "updated_at"])
    queue_outcome(service_request)
    return decision
