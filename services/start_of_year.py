"""The start-of-year check: every service in use, verified for the school year.

At the start of each school year the digitalisation expert and the management check,
for each service in use, that its data-processing agreement is valid, that its impact
assessment and risk assessment are up to date, and that the safeguards it names are
done. Each service checked is a SchoolYearCheck (who, when, what was true then).
When the last one is checked, the year-clock tasks linked to the check
(YearClockLink) are marked done for that school year, by the person who checked.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kb.access import Reader
from services.models import SchoolYearCheck, YearClockLink, staff_of
from services.selectors import checklist

log = logging.getLogger(__name__)
CHECK_PERMISSION = "services.add_schoolyearcheck"


def can_check(user, organisation):
    """The permission, and staff of the municipality whose services are checked."""
    if organisation is None or not user.is_authenticated or not user.has_perm(CHECK_PERMISSION):
        return False
    return Reader.for_user(user).may_see(staff_of(organisation))


def state_of(entry):
    """What was true of a service when it was checked (JSON for SchoolYearCheck.state)."""
    decision, agreement, assessment = entry.decision, entry.agreement, entry.assessment

    def iso(day):
        return day.isoformat() if day else None

    return {
        "decision": {
            "id": decision.pk,
            "status": decision.status,
            "decided_on": iso(decision.decided_on),
            "grades": decision.grades,
        },
        "agreement": agreement
        and {
            "status": agreement.status,
            "signed_on": iso(agreement.signed_on),
            "valid_until": iso(agreement.valid_until),
            "document": agreement.document_id,
            "valid": entry.agreement_valid,
        },
        "assessment": assessment
        and {
            "needed": assessment.needed,
            "completed_on": iso(assessment.completed_on),
            "risk_level": assessment.risk_level,
            "next_review": iso(assessment.next_review),
            "current": entry.assessment_current,
        },
        "open_safeguards": [item.description_fi for item in entry.open_safeguards],
    }


def record_check(organisation, school_year, service_id, user, findings, today=None):
    """Record the check of one service in use; returns (check, every service checked).

    `findings` has agreement_valid, assessment_current, safeguards_done and notes.
    Raises PermissionDenied, or LookupError when the service is not in use there.
    """
    if not can_check(user, organisation):
        raise PermissionDenied(_("Only the municipality's checkers can record the check."))
    today = today or timezone.localdate()
    with transaction.atomic():
        entries = checklist(organisation, school_year, today)
        entry = next((e for e in entries if e.service.pk == service_id), None)
        if entry is None:
            raise LookupError(service_id)
        check, _created = SchoolYearCheck.objects.update_or_create(
            service=entry.service,
            organisation=organisation,
            school_year=school_year,
            defaults={
                **findings,
                "state": state_of(entry),
                "checked_by": user,
                "checked_at": timezone.now(),
            },
        )
        checked = set(
            SchoolYearCheck.objects.filter(
                organisation=organisation, school_year=school_year
            ).values_list("service_id", flat=True)
        )
        complete = all(e.service.pk in checked for e in entries)
        if complete:
            mark_year_clock_done(organisation, school_year, user)
    return check, complete


def linked_tasks(organisation, purpose=YearClockLink.Purpose.CHECK):
    """The organisation's year-clock tasks linked to the check (or to the queue)."""
    from yearclock.models import Task

    keys = YearClockLink.objects.filter(purpose=purpose).values_list("task_key", flat=True)
    return Task.objects.filter(
        translation_key__in=list(keys),
        year_clock__organisation__translation_key=organisation.translation_key,
    ).localized(settings.LANGUAGE_CODE)


def mark_year_clock_done(organisation, school_year, user):
    """Mark the school year's first occurrence of each linked task done, as `user`.

    The year clock's own rule decides whether `user` may (yearclock.permissions.can_mark_done); when
    not, the occurrence is left for the task's responsible people and logged.
    """
    from yearclock.occurrences import occurrences_for

    marked = []
    for task in linked_tasks(organisation):
        found = occurrences_for([task], school_year.start_date, school_year.end_date)
        if not found or found[0].is_done:
            continue
        try:
            found[0].mark_done(user, _("Every service in use has been checked."))
        except PermissionDenied:
            log.info("services: %s may not mark %s done", user, task)
            continue
        marked.append(found[0])
    return marked
