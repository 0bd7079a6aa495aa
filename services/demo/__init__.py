"""Demo service register for Rusko and Kangasala, read from `register.json` (fictional
services and providers, fi and sv). Registered as the "services" demo loader (kb.demo_loaders),
which `manage.py load_demo` runs after the pages and the year clock.

Idempotent: a service is created, with its decisions, agreements, assessments and
checks, only when its slug is missing; requests are found by requester and name;
the group and the year-clock links by their names. Unknown keys in the file are an
error, so a typo never silently drops demo content.
"""

import datetime
import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.models import Page

from kb.models import Organisation, Role, School, SchoolYear, school_year_start
from services.models import (
    DataProcessingAgreement,
    Decision,
    DigitalService,
    ImpactAssessment,
    ReviewStep,
    Safeguard,
    SchoolYearCheck,
    ServiceRequest,
    YearClockLink,
)
from services.selectors import Entry
from services.start_of_year import state_of

DATA = Path(__file__).with_name("register.json")


def swedish_slug(slug, name_sv):
    """The Swedish address word from the Swedish name (Ordspelet: /sv/tjanster/ordspelet/)."""
    word = slugify(name_sv)
    return "" if word == slug else word


KEYS = {
    "file": {"about", "services", "requests", "year_clock_links"},
    "service": {
        "slug",
        "owner",
        "name",
        "provider",
        "website",
        "purpose",
        "data",
        "pupil_data",
        "accessibility",
        "privacy_notice",
        "notice_updated",
        "guides",
        "decisions",
    },
    "accessibility": {"statement", "gaps"},
    "decision": {
        "municipality",
        "earlier",
        "status",
        "on",
        "by",
        "grades",
        "roles",
        "schools",
        "conditions",
        "reasons",
        "internal",
        "owner",
        "agreement",
        "assessment",
        "checked_years",
    },
    "earlier": {"status", "on", "grades"},
    "agreement": {"status", "signed", "valid_until", "file", "notes"},
    "assessment": {
        "needed",
        "why",
        "completed",
        "risk",
        "risk_details",
        "next_review",
        "safeguards",
    },
    "safeguard": {"fi", "sv", "status"},
    "request": {
        "by",
        "school",
        "service_name",
        "provider",
        "website",
        "purpose",
        "grades",
        "pupils_sign_in",
        "created",
        "service",
        "steps",
        "notes",
        "decided",
    },
    "link": {"task", "purpose"},
    "text": {"fi", "sv"},
}
GROUP = "Palvelurekisteri – Tjänsteregistret"
GROUP_PERMISSIONS = [
    "review_servicerequest",
    "view_servicerequest",
    "add_schoolyearcheck",
    "change_schoolyearcheck",
    "view_schoolyearcheck",
    *[
        f"{action}_{model}"
        for action in ("add", "change", "view")
        for model in ("digitalservice", "decision", "dataprocessingagreement", "impactassessment")
    ],
]
GROUP_MEMBERS = ["digiasiantuntija", "toimittaja"]


def checked(spec, kind):
    unknown = set(spec) - KEYS[kind]
    if unknown:
        raise ValueError(f"services demo: unknown {kind} keys {sorted(unknown)}")
    return spec


def text(spec, kind="text"):
    """{'fi': …, 'sv': …} or a plain Finnish string, as (fi, sv)."""
    if isinstance(spec, str):
        return spec, ""
    checked(spec or {}, kind)
    return (spec or {}).get("fi", ""), (spec or {}).get("sv", "")


def day(offset, today):
    """'+24' or '-480': days from today."""
    return today + datetime.timedelta(days=int(offset)) if offset else None


def grades(spec):
    if not spec:
        return None, None
    low, _sep, high = spec.partition("-")
    return int(low), int(high or low)


class Loader:
    def __init__(self):
        self.today = timezone.localdate()
        self.fi = settings.LANGUAGE_CODE
        self.users = {user.username: user for user in get_user_model().objects.all()}
        self.admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        self.created = 0

    def organisation(self, slug):
        return Organisation.objects.get(slug=slug, locale__language_code=self.fi)

    def load_service(self, spec):
        checked(spec, "service")
        if DigitalService.objects.filter(slug=spec["slug"]).exists():
            return
        access = checked(spec.get("accessibility", {}), "accessibility")
        name_fi, name_sv = text(spec["name"])
        purpose_fi, purpose_sv = text(spec["purpose"])
        gaps_fi, gaps_sv = text(access.get("gaps"))
        notice_fi, notice_sv = text(spec.get("privacy_notice"))
        service = DigitalService(
            organisation=self.organisation(spec["owner"]),
            slug=spec["slug"],
            slug_sv=swedish_slug(spec["slug"], name_sv),
            name_fi=name_fi,
            name_sv=name_sv,
            provider=spec["provider"],
            website=spec.get("website", ""),
            purpose_fi=purpose_fi,
            purpose_sv=purpose_sv,
            data_categories=spec.get("data", []),
            processes_pupil_data=spec.get("pupil_data", True),
            accessibility_statement=access.get("statement", ""),
            accessibility_gaps_fi=gaps_fi,
            accessibility_gaps_sv=gaps_sv,
            privacy_notice_fi=notice_fi,
            privacy_notice_sv=notice_sv,
            privacy_notice_updated_on=day(spec.get("notice_updated"), self.today),
        )
        service.full_clean()
        service.save()
        guides = Page.objects.filter(slug__in=spec.get("guides", []), locale__language_code=self.fi)
        service.guides.set(guides)
        for decision_spec in spec["decisions"]:
            self.load_decision(service, checked(decision_spec, "decision"))
        self.created += 1

    def load_decision(self, service, spec):
        organisation = self.organisation(spec["municipality"])
        for earlier in spec.get("earlier", []):
            checked(earlier, "earlier")
            self.decision(service, organisation, {**spec, **earlier, "reasons": None})
        decision = self.decision(service, organisation, spec)
        agreement = self.agreement(service, organisation, spec.get("agreement"))
        assessment = self.assessment(service, organisation, spec.get("assessment"))
        entry = Entry(decision, agreement, assessment, day=self.today)
        for offset in spec.get("checked_years", []):
            self.check(entry, offset)

    def decision(self, service, organisation, spec):
        low, high = grades(spec.get("grades"))
        by_fi, by_sv = text(spec.get("by"))
        conditions_fi, conditions_sv = text(spec.get("conditions"))
        reasons_fi, reasons_sv = text(spec.get("reasons"))
        internal_fi, internal_sv = text(spec.get("internal"))
        decision = Decision(
            service=service,
            organisation=organisation,
            status=spec["status"],
            decided_on=day(spec["on"], self.today),
            decided_by_fi=by_fi,
            decided_by_sv=by_sv,
            grade_min=low,
            grade_max=high,
            conditions_fi=conditions_fi,
            conditions_sv=conditions_sv,
            reasons_fi=reasons_fi,
            reasons_sv=reasons_sv,
            internal_conditions_fi=internal_fi,
            internal_conditions_sv=internal_sv,
            owner=self.users.get(spec.get("owner", "")),
        )
        decision.full_clean()
        decision.save()
        decision.roles.set(
            Role.objects.filter(slug__in=spec.get("roles", []), locale=organisation.locale)
        )
        decision.schools.set(
            School.objects.filter(slug__in=spec.get("schools", []), locale=organisation.locale)
        )
        return decision

    def agreement(self, service, organisation, spec):
        if spec is None:
            return None
        checked(spec, "agreement")
        agreement = DataProcessingAgreement(
            service=service,
            organisation=organisation,
            status=spec["status"],
            signed_on=day(spec.get("signed"), self.today),
            valid_until=day(spec.get("valid_until"), self.today),
            notes=spec.get("notes", ""),
            document=self.document(spec["file"]) if spec.get("file") else None,
        )
        agreement.full_clean()
        agreement.save()
        return agreement

    def document(self, title):
        Document = get_document_model()
        found = Document.objects.filter(title=title).first()
        if found is None:
            found = Document(title=title)
            body = f"{title}\n\nDemo: fictional agreement, no real provider.\n"
            found.file.save(f"{Path(title).stem[:40]}.txt", ContentFile(body.encode()), save=False)
            found.save()
        return found

    def assessment(self, service, organisation, spec):
        if spec is None:
            return None
        checked(spec, "assessment")
        why_fi, why_sv = text(spec.get("why"))
        details_fi, details_sv = text(spec.get("risk_details"))
        assessment = ImpactAssessment(
            service=service,
            organisation=organisation,
            needed=spec["needed"],
            justification_fi=why_fi,
            justification_sv=why_sv,
            completed_on=day(spec.get("completed"), self.today),
            risk_level=spec.get("risk", ""),
            risk_details_fi=details_fi,
            risk_details_sv=details_sv,
            next_review=day(spec.get("next_review"), self.today),
        )
        assessment.full_clean()
        assessment.save()
        for order, item in enumerate(spec.get("safeguards", [])):
            checked(item, "safeguard")
            Safeguard.objects.create(
                assessment=assessment,
                sort_order=order,
                description_fi=item["fi"],
                description_sv=item.get("sv", ""),
                status=item["status"],
                owner=assessment_owner(service, organisation),
            )
        return assessment

    def check(self, entry, offset):
        year = SchoolYear.objects.filter(start_year=school_year_start(self.today) + offset).first()
        if year is None:
            return
        moment = timezone.make_aware(
            datetime.datetime.combine(
                year.start_date + datetime.timedelta(days=20), datetime.time(9)
            )
        )
        SchoolYearCheck.objects.create(
            service=entry.service,
            organisation=entry.organisation,
            school_year=year,
            agreement_valid=True,
            assessment_current=True,
            safeguards_done=not entry.open_safeguards,
            state=state_of(entry),
            checked_by=entry.decision.owner or self.admin,
            checked_at=min(moment, timezone.now()),
        )

    def load_request(self, spec):
        checked(spec, "request")
        requester = self.users[spec["by"]]
        if ServiceRequest.objects.filter(
            requested_by=requester, service_name=spec["service_name"]
        ).exists():
            return
        low, high = grades(spec.get("grades"))
        service = DigitalService.objects.filter(slug=spec.get("service", "")).first()
        organisation = requester.staff_profile.organisation
        request = ServiceRequest.objects.create(
            organisation=organisation,
            school=School.objects.get(slug=spec["school"], locale=organisation.locale),
            requested_by=requester,
            service_name=spec["service_name"],
            provider=spec.get("provider", ""),
            website=spec.get("website", ""),
            purpose=spec["purpose"],
            grade_min=low,
            grade_max=high,
            pupils_sign_in=spec.get("pupils_sign_in", False),
            created_at=timezone.now() + datetime.timedelta(days=int(spec["created"])),
            service=service,
        )
        reviewer = self.users.get("digiasiantuntija")
        when = request.created_at + datetime.timedelta(days=2)
        for kind in ReviewStep.ORDER:
            status = spec.get("steps", {}).get(kind, ReviewStep.Status.PENDING)
            if kind == ReviewStep.Kind.DECISION and spec.get("decided"):
                status = ReviewStep.Status.DONE
            resolved = status != ReviewStep.Status.PENDING
            request.steps.filter(kind=kind).update(
                status=status,
                notes=spec.get("notes", {}).get(kind, ""),
                done_by=reviewer if resolved else None,
                done_at=when if resolved else None,
            )
        if spec.get("decided"):
            request.decision = Decision.objects.in_force(self.today).get(
                service=service, organisation=organisation
            )
            request.status = ServiceRequest.Status.DECIDED
        elif service is not None:
            request.status = ServiceRequest.Status.IN_REVIEW
        request.save()

    def load_links(self, specs):
        from yearclock.models import Task

        for spec in specs:
            checked(spec, "link")
            task = Task.objects.filter(title=spec["task"], locale__language_code=self.fi).first()
            if task is not None:
                YearClockLink.objects.get_or_create(
                    task_key=task.translation_key, purpose=spec["purpose"]
                )

    def load_group(self):
        group, _created = Group.objects.get_or_create(name=GROUP)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="services", codename__in=GROUP_PERMISSIONS
            )
        )
        for username in GROUP_MEMBERS:
            if username in self.users:
                self.users[username].groups.add(group)


def assessment_owner(service, organisation):
    decision = Decision.objects.filter(service=service, organisation=organisation).first()
    return decision.owner if decision else None


@transaction.atomic
def load(stdout=None):
    data = checked(json.loads(DATA.read_text(encoding="utf-8")), "file")
    loader = Loader()
    loader.load_group()
    for spec in data["services"]:
        loader.load_service(spec)
    for spec in data["requests"]:
        loader.load_request(spec)
    loader.load_links(data["year_clock_links"])
    if stdout is not None:
        stdout.write(f"services: {loader.created} services created")
    return loader.created
