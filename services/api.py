"""The register in the open API: GET /api/v1/services (read-only JSON).

Parameters: organisation (slug; a region includes its municipalities), status, grade
(1–9), school (slug), pupil_data (true/false), lang (fi/sv). One item per service, with
the decisions in force of the matching municipalities. Public fields for everyone;
the staff of a municipality (signed-in session) also get that municipality's staff
fields (kb.access). Bad parameters give a 400 with translated messages, never a 500.
"""

from django.conf import settings
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from kb.access import reader_for
from kb.models import Organisation, School
from services.forms import ServiceQueryForm
from services.models import DataCategory
from services.selectors import decisions_in_force, entries_for, filter_decisions


@require_GET
def services(request):
    form = ServiceQueryForm(request.GET)
    requested = request.GET.get("lang")
    language = requested if requested in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        if not form.is_valid():
            return errors(form.errors)
        query = form.cleaned_data
        filters, problems = resolve(query)
        if problems:
            return errors(problems)
        decisions = filter_decisions(decisions_in_force(), **filters)
        entries = entries_for(decisions, reader_for(request))
        items = {}
        for entry in entries:
            item = items.setdefault(entry.service.pk, service_data(entry.service, language))
            item["decisions"].append(decision_data(entry, language))
        data = {"language": language, "count": len(items), "services": list(items.values())}
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Vary"] = "Cookie"
    response["Cache-Control"] = (
        "private, max-age=300" if request.user.is_authenticated else "public, max-age=300"
    )
    return response


def errors(found):
    data = {"errors": {name: [str(text) for text in texts] for name, texts in found.items()}}
    return JsonResponse(data, status=400, json_dumps_params={"ensure_ascii": False})


def resolve(query):
    """Filters for selectors.filter_decisions, or problems for unknown slugs (400: a 404
    on this language-neutral path would be redirected to /fi/ by LocaleMiddleware)."""
    problems = {}
    organisation = school = None
    default = {"locale__language_code": settings.LANGUAGE_CODE}
    if query["organisation"]:
        organisation = Organisation.objects.filter(slug=query["organisation"], **default).first()
        if organisation is None:
            problems["organisation"] = [translation.gettext("No such municipality.")]
    if query["school"]:
        school = School.objects.filter(slug=query["school"], **default).first()
        if school is None:
            problems["school"] = [translation.gettext("No such school.")]
    pupil_data = {"true": True, "false": False}.get(query["pupil_data"])
    filters = {
        "organisation": organisation,
        "status": query["status"],
        "grade": query["grade"],
        "school": school,
        "pupil_data": pupil_data,
    }
    return filters, problems


def absolute(path):
    return settings.SITE_BASE_URL + path


def service_data(service, language):
    url = service.get_absolute_url()
    return {
        "slug": service.slug,
        "name": service.name,
        "provider": service.provider,
        "website": service.website,
        "purpose": service.purpose,
        "data_categories": [
            {"code": code, "label": str(DataCategory(code).label)}
            for code in service.data_categories
        ],
        "pupil_data": service.processes_pupil_data,
        "accessibility": {
            "statement": service.accessibility_statement,
            "known_gaps": service.accessibility_gaps,
        },
        "privacy_notice": absolute(
            reverse("services:privacy_notice", kwargs={"slug": service.slug_in()})
        )
        if service.has_privacy_notice
        else None,
        "url": absolute(url),
        "decisions": [],
    }


def decision_data(entry, language):
    decision, agreement, assessment = entry.decision, entry.agreement, entry.assessment
    data = {
        "organisation": {
            "slug": decision.organisation.slug,
            "name": decision.organisation.localized.name,
        },
        "status": decision.status,
        "status_label": str(decision.get_status_display()),
        "in_use": decision.in_use,
        "decided_on": decision.decided_on.isoformat(),
        "decided_by": decision.decided_by,
        "grades": {"min": decision.grade_min, "max": decision.grade_max},
        "roles": [{"slug": r.slug, "name": r.localized.name} for r in decision.roles.all()],
        "schools": [{"slug": s.slug, "name": s.localized.name} for s in decision.schools.all()],
        "conditions": decision.conditions,
        "reasons": decision.reasons,
        "agreement": agreement
        and {
            "status": agreement.status,
            "signed_on": agreement.signed_on and agreement.signed_on.isoformat(),
            "valid_until": agreement.valid_until and agreement.valid_until.isoformat(),
            "valid": entry.agreement_valid,
        },
        "impact_assessment": assessment
        and {
            "needed": assessment.needed,
            "justification": assessment.justification,
            "completed_on": assessment.completed_on and assessment.completed_on.isoformat(),
        },
    }
    if entry.shows_details:
        data["staff"] = staff_data(entry)
    return data


def staff_data(entry):
    """Fields for the municipality's staff only (Decision.details_audience)."""
    decision, agreement, assessment = entry.decision, entry.agreement, entry.assessment
    return {
        "internal_conditions": decision.internal_conditions,
        "responsible": decision.owner
        and (decision.owner.get_full_name() or decision.owner.username),
        "agreement_notes": agreement.notes if agreement else "",
        "agreement_file": absolute(agreement.document.url)
        if agreement and agreement.document
        else None,
        "risk_level": assessment.risk_level if assessment else "",
        "risk_details": assessment.risk_details if assessment else "",
        "next_review": assessment.next_review.isoformat()
        if assessment and assessment.next_review
        else None,
        "safeguards": [
            {"description": item.description, "status": item.status}
            for item in (assessment.safeguards.all() if assessment else [])
        ],
    }


# Mounted language-neutral by kb/urls.py: /api/v1/services
app_name = "services_api"
urlpatterns = [path("api/v1/services", services, name="services")]
