"""Queries of the register: what is in force, what a reader may see, what falls due."""

import datetime
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from kb.access import member_keys
from kb.models import Organisation, School, SchoolYear
from services.models import (
    DataProcessingAgreement,
    Decision,
    DigitalService,
    EmailDelivery,
    ImpactAssessment,
    SchoolYearCheck,
    ServiceRequest,
)


def reminder_window_days():
    return settings.SERVICE_REMINDER_WINDOW_DAYS


@dataclass
class Entry:
    """A service as one municipality has decided on it, on one day."""

    decision: Decision
    agreement: DataProcessingAgreement | None = None
    assessment: ImpactAssessment | None = None
    check: SchoolYearCheck | None = None  # for the school year being looked at
    shows_details: bool = False  # the reader is staff of the municipality (kb.access)
    day: datetime.date = field(default_factory=timezone.localdate)

    @property
    def service(self):
        return self.decision.service

    @property
    def organisation(self):
        return self.decision.organisation

    @property
    def agreement_valid(self):
        return self.agreement is not None and self.agreement.is_valid_on(self.day)

    @property
    def assessment_current(self):
        return self.assessment is not None and self.assessment.is_current_on(self.day)

    @property
    def open_safeguards(self):
        return self.assessment.open_safeguards() if self.assessment else []

    @property
    def in_order(self):
        return self.agreement_valid and self.assessment_current and not self.open_safeguards


def decisions_in_force(day=None):
    return (
        Decision.objects.in_force(day)
        .select_related("service__organisation", "organisation", "owner")
        .prefetch_related("roles", "schools")
    )


def entries_for(decisions, reader=None, day=None, school_year=None):
    """Entries for `decisions`, their agreements, assessments and checks in a few queries."""
    day = day or timezone.localdate()
    decisions = list(decisions)
    pairs = pairs_of((d.service_id, d.organisation_id) for d in decisions)
    agreements = {
        (a.service_id, a.organisation_id): a
        for a in DataProcessingAgreement.objects.filter(pairs).select_related("document")
    }
    assessments = {
        (a.service_id, a.organisation_id): a
        for a in ImpactAssessment.objects.filter(pairs).prefetch_related("safeguards__owner")
    }
    checks = {}
    if school_year is not None:
        checks = {
            (c.service_id, c.organisation_id): c
            for c in SchoolYearCheck.objects.filter(pairs, school_year=school_year).select_related(
                "checked_by"
            )
        }
    found = []
    for decision in decisions:
        key = (decision.service_id, decision.organisation_id)
        found.append(
            Entry(
                decision=decision,
                agreement=agreements.get(key),
                assessment=assessments.get(key),
                check=checks.get(key),
                shows_details=bool(reader and reader.may_see(decision.details_audience())),
                day=day,
            )
        )
    return found


def pairs_of(keys):
    """A filter for rows of these (service id, organisation id) pairs, or a few more:
    callers look rows up by pair. (One OR per pair would pass SQLite's depth limit.)"""
    keys = list(keys)
    return Q(
        service_id__in={service for service, _ in keys},
        organisation_id__in={organisation for _, organisation in keys},
    )


# -- the public list ----------------------------------------------------------------------


def filter_decisions(
    decisions, *, organisation=None, status="", grade=None, school=None, pupil_data=None, text=""
):
    """Narrow decisions by the list's filters (each one optional)."""
    if organisation is not None:
        decisions = decisions.filter(organisation__translation_key__in=member_keys(organisation))
    if status:
        decisions = decisions.filter(status=status)
    if grade is not None:
        decisions = decisions.filter(
            Q(grade_min__isnull=True) | Q(grade_min__lte=grade),
            Q(grade_max__isnull=True) | Q(grade_max__gte=grade),
        ).exclude(grade_min__isnull=True, grade_max__isnull=True)
    if school is not None:
        decisions = decisions.filter(
            organisation__translation_key=school.organisation.translation_key
        ).filter(Q(schools__isnull=True) | Q(schools__translation_key=school.translation_key))
    if pupil_data is not None:
        decisions = decisions.filter(service__processes_pupil_data=pupil_data)
    if text:
        decisions = decisions.filter(
            Q(service__name_fi__icontains=text)
            | Q(service__name_sv__icontains=text)
            | Q(service__provider__icontains=text)
        )
    return decisions.distinct().order_by("service__name_fi", "organisation__name")


def organisations_with_services():
    """Municipalities (and regions) that have decided on any service, default-language rows."""
    keys = set(Decision.objects.values_list("organisation__translation_key", flat=True))
    regions = set(
        Organisation.objects.filter(translation_key__in=keys)
        .exclude(parent=None)
        .values_list("parent__translation_key", flat=True)
    )
    return Organisation.objects.filter(translation_key__in=keys | regions)


def schools_with_services():
    keys = set(Decision.objects.values_list("organisation__translation_key", flat=True))
    return School.objects.filter(organisation__translation_key__in=keys)


def group_by_service(decisions):
    """[(service, [its decisions by municipality])], services in the decisions' order.

    The register's list shows one row per service with the municipalities' decisions
    inside it, not one row per decision.
    """
    groups = {}
    for decision in decisions:
        groups.setdefault(decision.service_id, (decision.service, []))[1].append(decision)
    for _service, items in groups.values():
        items.sort(key=lambda decision: decision.organisation.localized.name)
    return list(groups.values())


def service_by_slug(slug):
    """The service whose Finnish or Swedish address word is `slug` (clean() keeps the two
    sets apart, so a word names one service)."""
    services = DigitalService.objects.select_related("organisation")
    return services.filter(slug=slug).first() or services.filter(slug_sv=slug).first()


def entries_of_service(service, reader, day=None):
    day = day or timezone.localdate()
    decisions = decisions_in_force(day).filter(service=service).order_by("organisation__name")
    return entries_for(decisions, reader, day, SchoolYear.objects.for_date(day))


def history(entry, until=None):
    """What was true in each school year up to the current one: (year, decision, check)."""
    until = until or timezone.localdate()
    years = SchoolYear.objects.filter(start_year__lte=until.year).order_by("-start_year")
    checks = {
        check.school_year_id: check
        for check in SchoolYearCheck.objects.filter(
            service_id=entry.decision.service_id, organisation_id=entry.decision.organisation_id
        ).select_related("checked_by")
    }
    rows = []
    for year in years:
        if year.start_date > until:
            continue
        day = min(year.end_date, until)
        decision = (
            Decision.objects.in_force(day)
            .filter(
                service_id=entry.decision.service_id, organisation_id=entry.decision.organisation_id
            )
            .first()
        )
        if decision is None and year.pk not in checks:
            continue
        rows.append({"school_year": year, "decision": decision, "check": checks.get(year.pk)})
    return rows


def related_to_page(page, day=None):
    """Services linked to `page` or to any of its translations, with decisions in force."""
    services = DigitalService.objects.filter(
        guides__translation_key=page.translation_key
    ).distinct()
    decisions = decisions_in_force(day).filter(service__in=services)
    by_service = {}
    for decision in decisions.order_by("service__name_fi", "organisation__name"):
        by_service.setdefault(decision.service, []).append(decision)
    return by_service


# -- the start-of-year check --------------------------------------------------------------


def checklist(organisation, school_year, day=None):
    """Entries of every service in use in `organisation`, with this school year's checks."""
    day = day or timezone.localdate()
    decisions = (
        decisions_in_force(day)
        .filter(organisation=organisation, status__in=Decision.IN_USE)
        .order_by("service__name_fi")
    )
    return entries_for(decisions, None, day, school_year)


# -- what falls due -------------------------------------------------------------------------


@dataclass
class DueItem:
    kind: str  # EmailDelivery.Kind
    subject: object  # the agreement or the assessment
    due_on: datetime.date
    decision: Decision

    @property
    def subject_key(self):
        return f"{self.subject._meta.model_name}:{self.subject.pk}"

    @property
    def label(self):
        return EmailDelivery.Kind(self.kind).label

    @property
    def overdue(self):
        return self.due_on < timezone.localdate()


def due_items(day=None, window_days=None, organisation_keys=None):
    """Agreements ending and impact-assessment reviews falling due within the window
    (or already past) for every service in use, soonest first."""
    day = day or timezone.localdate()
    window_days = reminder_window_days() if window_days is None else window_days
    horizon = day + datetime.timedelta(days=window_days)
    decisions = Decision.objects.in_force(day).filter(status__in=Decision.IN_USE)
    if organisation_keys is not None:
        decisions = decisions.filter(organisation__translation_key__in=organisation_keys)
    decisions = {
        (d.service_id, d.organisation_id): d
        for d in decisions.select_related("service", "organisation", "owner")
    }
    if not decisions:
        return []
    pairs = pairs_of(decisions)
    items = []
    agreements = DataProcessingAgreement.objects.filter(
        pairs, status=DataProcessingAgreement.Status.SIGNED, valid_until__lte=horizon
    )
    for agreement in agreements:
        decision = decisions.get((agreement.service_id, agreement.organisation_id))
        if decision is None:
            continue
        items.append(
            DueItem(
                EmailDelivery.Kind.AGREEMENT_EXPIRING, agreement, agreement.valid_until, decision
            )
        )
    assessments = ImpactAssessment.objects.filter(pairs, needed=True, next_review__lte=horizon)
    for assessment in assessments:
        decision = decisions.get((assessment.service_id, assessment.organisation_id))
        if decision is None:
            continue
        items.append(
            DueItem(EmailDelivery.Kind.REVIEW_DUE, assessment, assessment.next_review, decision)
        )
    return sorted(items, key=lambda item: (item.due_on, str(item.decision.service)))


# -- requests ---------------------------------------------------------------------------


def visible_requests(reader):
    """Requests `reader` may see: the queryset form of ServiceRequest.audience (kb.access),
    staff of the request's municipality."""
    requests = ServiceRequest.objects.order_by("-created_at")
    if reader.sees_everything:
        return requests
    keys = [uuid.UUID(key) for key in reader.organisation_keys]
    return requests.filter(organisation__translation_key__in=keys)
