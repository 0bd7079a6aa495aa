"""Marker words in every staff-only place of the register, for canary tests.

`mark_register(markers, decision)` puts `markers.new(place)` into each staff-only field
of a decision's service in its municipality (Finnish and Swedish where the field has
both): internal conditions, the responsible person, the agreement's notes and file
(title and file name), the assessment's risk details and file, the safeguards and
their owner, the school year's check (notes, who checked), a request and its
reviewer's notes. Used by services/tests/test_canary.py and meant for the project-wide
canary (tests/test_canary.py), whose `Markers` has the same `new(place)`.
"""

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

from kb.models import SchoolYear
from kb.tests.factories import staff_user
from services.models import (
    DataProcessingAgreement,
    ImpactAssessment,
    Safeguard,
    SchoolYearCheck,
    ServiceRequest,
)


def private_file(markers, place):
    document = get_document_model()(title=markers.new(f"{place} title"))
    name = markers.new(f"{place} file name")
    document.file.save(f"{name}.txt", ContentFile(b"Sopimus"), save=False)
    document.save()
    return document


def mark_register(markers, decision, school_year=None):
    """Markers in every staff-only field of `decision`'s service in its municipality."""
    service, organisation = decision.service, decision.organisation
    person = staff_user(
        username=markers.new("register person username"),
        first_name=markers.new("register person name"),
        organisation=organisation,
    )
    decision.internal_conditions_fi = markers.new("internal conditions fi")
    decision.internal_conditions_sv = markers.new("internal conditions sv")
    decision.owner = person
    decision.save()
    DataProcessingAgreement.objects.update_or_create(
        service=service,
        organisation=organisation,
        defaults={
            "notes": markers.new("agreement notes"),
            "document": private_file(markers, "agreement file"),
        },
    )
    assessment, _created = ImpactAssessment.objects.update_or_create(
        service=service,
        organisation=organisation,
        defaults={
            "risk_details_fi": markers.new("risk details fi"),
            "risk_details_sv": markers.new("risk details sv"),
            "document": private_file(markers, "assessment file"),
        },
    )
    Safeguard.objects.create(
        assessment=assessment,
        description_fi=markers.new("safeguard fi"),
        description_sv=markers.new("safeguard sv"),
        owner=person,
        status=Safeguard.Status.PLANNED,
    )
    SchoolYearCheck.objects.update_or_create(
        service=service,
        organisation=organisation,
        school_year=school_year or SchoolYear.objects.current(),
        defaults={
            "agreement_valid": True,
            "assessment_current": True,
            "safeguards_done": False,
            "notes": markers.new("check notes"),
            "checked_by": person,
        },
    )
    for linked in (None, service):
        request = ServiceRequest.objects.create(
            organisation=organisation,
            requested_by=person,
            service_name=service.name_fi if linked else markers.new("request name"),
            provider=markers.new("request provider"),
            website=f"https://{markers.new('request website')}.example",
            purpose=markers.new("request purpose"),
            service=linked,
            status=ServiceRequest.Status.IN_REVIEW if linked else ServiceRequest.Status.SUBMITTED,
        )
        for step in request.steps.all():
            step.notes = markers.new(f"reviewer notes {step.kind}")
            step.save()
    return person
