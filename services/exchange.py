"""The register as CSV/XLSX: one row per service and municipality, and back again.

Export: the list's filters; anonymous readers get the public columns only, staff also
the staff columns, filled for the municipalities whose staff they are (kb.access).
Import: all or nothing. Every row is validated as the admin would (model validation);
if any row has a problem, nothing is written and every problem is listed by row and
column. A row whose decision date differs from every decision of that service and
municipality adds a decision (the history is kept); otherwise it updates that one.
The agreement and the impact assessment are updated in place. Columns missing from
the file leave those fields as they are.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kb.access import Reader
from kb.models import Organisation, Role, School
from kb.row_import import CellDateField, RowForm, YesNoField, short
from services.bilingual import field_names
from services.models import (
    DataCategory,
    DataProcessingAgreement,
    Decision,
    DigitalService,
    ImpactAssessment,
    staff_of,
)
from services.spreadsheets import MAX_CELL, read_table

SERVICE_COLUMNS = [
    "service",
    "slug_sv",
    "name_fi",
    "name_sv",
    "provider",
    "website",
    "owner",
    "purpose_fi",
    "purpose_sv",
    "data_categories",
    "pupil_data",
    "accessibility_statement",
    "accessibility_gaps_fi",
    "accessibility_gaps_sv",
]
DECISION_COLUMNS = [
    "organisation",
    "status",
    "decided_on",
    "decided_by_fi",
    "decided_by_sv",
    "grades",
    "roles",
    "schools",
    "conditions_fi",
    "conditions_sv",
    "reasons_fi",
    "reasons_sv",
    "agreement_status",
    "agreement_signed_on",
    "agreement_valid_until",
    "assessment_needed",
    "assessment_justification_fi",
    "assessment_justification_sv",
    "assessment_completed_on",
]
STAFF_COLUMNS = [
    "internal_conditions_fi",
    "internal_conditions_sv",
    "responsible_email",
    "agreement_notes",
    "risk_level",
    "risk_details_fi",
    "risk_details_sv",
    "next_review",
]
PUBLIC_COLUMNS = SERVICE_COLUMNS + DECISION_COLUMNS
ALL_COLUMNS = PUBLIC_COLUMNS + STAFF_COLUMNS
REQUIRED = ["service", "organisation", "status", "decided_on"]
# Columns of earlier files, read under their new names.
RENAMED = {"decided_by": "decided_by_fi"}


# -- export -------------------------------------------------------------------------------


def date_text(day):
    return f"{day.day}.{day.month}.{day.year}" if day else ""


def yes_no(value):
    return "yes" if value else "no"


def export_rows(entries, with_staff):
    """(columns, rows) for `entries` (selectors.Entry); staff cells only where allowed."""
    rows = [row_of(entry, with_staff and entry.shows_details) for entry in entries]
    return (ALL_COLUMNS if with_staff else PUBLIC_COLUMNS), rows


def row_of(entry, staff):
    service, decision = entry.service, entry.decision
    agreement, assessment = entry.agreement, entry.assessment
    row = {
        "service": service.slug,
        "slug_sv": service.slug_sv,
        "name_fi": service.name_fi,
        "name_sv": service.name_sv,
        "provider": service.provider,
        "website": service.website,
        "owner": service.organisation.slug,
        "purpose_fi": service.purpose_fi,
        "purpose_sv": service.purpose_sv,
        "data_categories": "; ".join(service.data_categories),
        "pupil_data": yes_no(service.processes_pupil_data),
        "accessibility_statement": service.accessibility_statement,
        "accessibility_gaps_fi": service.accessibility_gaps_fi,
        "accessibility_gaps_sv": service.accessibility_gaps_sv,
        "organisation": decision.organisation.slug,
        "status": decision.status,
        "decided_on": date_text(decision.decided_on),
        "decided_by_fi": decision.decided_by_fi,
        "decided_by_sv": decision.decided_by_sv,
        "grades": decision.grades.replace("–", "-"),
        "roles": "; ".join(sorted({role.slug for role in decision.roles.all()})),
        "schools": "; ".join(sorted({school.slug for school in decision.schools.all()})),
        "conditions_fi": decision.conditions_fi,
        "conditions_sv": decision.conditions_sv,
        "reasons_fi": decision.reasons_fi,
        "reasons_sv": decision.reasons_sv,
        "agreement_status": agreement.status if agreement else "",
        "agreement_signed_on": date_text(agreement and agreement.signed_on),
        "agreement_valid_until": date_text(agreement and agreement.valid_until),
        "assessment_needed": yes_no(assessment.needed) if assessment else "",
        "assessment_justification_fi": assessment.justification_fi if assessment else "",
        "assessment_justification_sv": assessment.justification_sv if assessment else "",
        "assessment_completed_on": date_text(assessment and assessment.completed_on),
    }
    if staff:
        row.update(
            {
                "internal_conditions_fi": decision.internal_conditions_fi,
                "internal_conditions_sv": decision.internal_conditions_sv,
                "responsible_email": decision.owner.email if decision.owner else "",
                "agreement_notes": agreement.notes if agreement else "",
                "risk_level": assessment.risk_level if assessment else "",
                "risk_details_fi": assessment.risk_details_fi if assessment else "",
                "risk_details_sv": assessment.risk_details_sv if assessment else "",
                "next_review": date_text(assessment and assessment.next_review),
            }
        )
    return row


# -- import -------------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    problems: list = field(default_factory=list)  # (row, column, message)

    @property
    def ok(self):
        return not self.problems


class RowProblems(Exception):
    """Problems of one row, collected before anything of it is saved."""

    def __init__(self, problems):
        super().__init__("row problems")
        self.problems = problems


class Rollback(Exception):
    pass


def rename_columns(table):
    if any(new in table.header for new in RENAMED.values()):
        return  # both names in one file: the old one stays an unknown column
    table.header = [RENAMED.get(name, name) for name in table.header]
    for _number, values in table.rows:
        for old, new in RENAMED.items():
            if old in values:
                values[new] = values.pop(old)


def import_file(data, file_format, user):
    """Import an uploaded CSV or XLSX; all or nothing. Returns an ImportResult."""
    table = read_table(data, file_format)
    result = ImportResult(problems=list(table.problems))
    rename_columns(table)
    if result.problems:
        return result
    missing = [name for name in REQUIRED if name not in table.header]
    unknown = [name for name in table.header if name and name not in ALL_COLUMNS]
    if missing:
        result.problems.append(
            (
                1,
                ", ".join(missing),
                _("The header lacks the column(s) %(columns)s.") % {"columns": ", ".join(missing)},
            )
        )
    if unknown:
        result.problems.append(
            (
                1,
                ", ".join(unknown),
                _("Unknown column(s): %(columns)s.") % {"columns": ", ".join(unknown)},
            )
        )
    if not table.rows and not missing:
        result.problems.append((None, "", _("The file has no rows.")))
    if result.problems:
        return result
    importer = RowImporter(user, set(table.header))
    try:
        with transaction.atomic():
            for number, values in table.rows:
                try:
                    created = importer.apply(values)
                except RowProblems as error:
                    result.problems.extend((number, col, msg) for col, msg in error.problems)
                    continue
                if created:
                    result.created += 1
                else:
                    result.updated += 1
            if result.problems:
                raise Rollback
    except Rollback:
        result.created = result.updated = 0
    return result


class RowImporter:
    """Turns one row into saved register records, or raises RowProblems."""

    def __init__(self, user, columns):
        self.user = user
        self.reader = Reader.for_user(user)
        self.columns = columns

    def has(self, column):
        return column in self.columns

    def apply(self, values):
        problems = []
        parsed = Parser(values, problems)
        organisation = parsed.organisation("organisation", required=True)
        if organisation is not None and not self.reader.may_see(staff_of(organisation)):
            problems.append(("organisation", _("You can import only your own municipality's.")))
        service, created = self.service(parsed, organisation, problems)
        if service is None or organisation is None:
            raise RowProblems(problems)
        decision = self.decision(parsed, service, organisation, problems)
        agreement = self.agreement(parsed, service, organisation, problems)
        assessment = self.assessment(parsed, service, organisation, problems)
        if problems:
            raise RowProblems(problems)
        decision.save()
        roles, schools = parsed.roles, parsed.schools
        if self.has("roles"):
            decision.roles.set(roles)
        if self.has("schools"):
            decision.schools.set(schools)
        for record in (agreement, assessment):
            if record is not None:
                record.save()
        return created

    def service(self, parsed, organisation, problems):
        slug = parsed.text("service")
        service = DigitalService.objects.filter(slug=slug).first()
        created = service is None
        if created:
            service = DigitalService(slug=slug)
            owner = parsed.organisation("owner") if self.has("owner") else None
            service.organisation = owner or organisation
        elif not self.reader.may_see(staff_of(service.organisation)):
            problems.append(("service", _("The service belongs to another organisation.")))
            return None, created
        for column in SERVICE_COLUMNS[1:]:
            if not self.has(column) or column == "owner":
                continue
            if column == "data_categories":
                service.data_categories = parsed.codes(column, DataCategory.values)
            elif column == "pupil_data":
                service.processes_pupil_data = parsed.boolean(column)
            else:
                setattr(service, column, parsed.text(column))
        validate(service, problems, {"slug": "service", "organisation": "owner"})
        if not problems:
            service.save()
        return service, created

    def decision(self, parsed, service, organisation, problems):
        decided_on = parsed.date("decided_on")
        decision = existing(Decision, service, organisation, decided_on=decided_on) or Decision(
            service=service, organisation=organisation, decided_on=decided_on
        )
        decision.status = parsed.choice("status", Decision.Status)
        for column in field_names("decided_by", "conditions", "reasons", "internal_conditions"):
            if self.has(column):
                setattr(decision, column, parsed.text(column))
        if self.has("grades"):
            decision.grade_min, decision.grade_max = parsed.grades("grades")
        if self.has("responsible_email"):
            decision.owner = parsed.user("responsible_email")
        parsed.roles = parsed.slugs("roles", Role) if self.has("roles") else []
        parsed.schools = parsed.slugs("schools", School) if self.has("schools") else []
        foreign = list(
            School.objects.filter(pk__in=[school.pk for school in parsed.schools])
            .exclude(organisation__translation_key=organisation.translation_key)
            .values_list("slug", flat=True)
        )
        if foreign:
            problems.append(
                (
                    "schools",
                    _("Not schools of this municipality: %(slugs)s.")
                    % {"slugs": ", ".join(foreign)},
                )
            )
        validate(decision, problems, {"grade_min": "grades", "grade_max": "grades"})
        return decision

    def agreement(self, parsed, service, organisation, problems):
        columns = ["agreement_status", "agreement_signed_on", "agreement_valid_until"]
        if not any(self.has(c) and parsed.text(c) for c in columns + ["agreement_notes"]):
            return None
        agreement = existing(
            DataProcessingAgreement, service, organisation
        ) or DataProcessingAgreement(service=service, organisation=organisation)
        if self.has("agreement_status"):
            agreement.status = parsed.choice("agreement_status", DataProcessingAgreement.Status)
        if self.has("agreement_signed_on"):
            agreement.signed_on = parsed.date("agreement_signed_on")
        if self.has("agreement_valid_until"):
            agreement.valid_until = parsed.date("agreement_valid_until")
        if self.has("agreement_notes"):
            agreement.notes = parsed.text("agreement_notes")
        validate(
            agreement,
            problems,
            {"signed_on": "agreement_signed_on", "valid_until": "agreement_valid_until"},
        )
        return agreement

    def assessment(self, parsed, service, organisation, problems):
        columns = ["assessment_needed", "assessment_completed_on", "assessment_justification_fi"]
        if not any(self.has(c) and parsed.text(c) for c in columns):
            return None
        assessment = existing(ImpactAssessment, service, organisation) or ImpactAssessment(
            service=service, organisation=organisation
        )
        if self.has("assessment_needed"):
            assessment.needed = parsed.boolean("assessment_needed")
        for column, name in [
            ("assessment_justification_fi", "justification_fi"),
            ("assessment_justification_sv", "justification_sv"),
            ("risk_details_fi", "risk_details_fi"),
            ("risk_details_sv", "risk_details_sv"),
        ]:
            if self.has(column):
                setattr(assessment, name, parsed.text(column))
        if self.has("assessment_completed_on"):
            assessment.completed_on = parsed.date("assessment_completed_on")
        if self.has("next_review"):
            assessment.next_review = parsed.date("next_review")
        if self.has("risk_level"):
            level = parsed.text("risk_level")
            assessment.risk_level = (
                parsed.choice("risk_level", ImpactAssessment.RiskLevel) if level else ""
            )
        validate(assessment, problems, {"completed_on": "assessment_completed_on"})
        return assessment


def existing(model, service, organisation, **lookup):
    """The saved row of `model` for this service and municipality (none for a new service)."""
    if service.pk is None:
        return None
    return model.objects.filter(service=service, organisation=organisation, **lookup).first()


def validate(instance, problems, columns):
    """Model validation as the admin does it; messages attached to the file's columns."""
    try:
        instance.full_clean(exclude=["service", "assessment"], validate_unique=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            column = columns.get(name, name)
            problems.extend((column, message) for message in messages)


class RegisterRowForm(RowForm):
    """The typed cells of a register row (kb.row_import); the lookups are Parser's."""

    decided_on = CellDateField(max_length=MAX_CELL, required=True)
    agreement_signed_on = CellDateField(max_length=MAX_CELL)
    agreement_valid_until = CellDateField(max_length=MAX_CELL)
    assessment_completed_on = CellDateField(max_length=MAX_CELL)
    next_review = CellDateField(max_length=MAX_CELL)
    pupil_data = YesNoField(max_length=MAX_CELL)
    assessment_needed = YesNoField(max_length=MAX_CELL)


class Parser:
    """Typed values from one row's cells; problems are collected, never raised.

    A cell's problems are reported when the importer reads it (a block of columns left
    empty is not read), so the row form's errors are taken column by column."""

    def __init__(self, values, problems):
        self.values = values
        self.problems = problems
        self.form = RegisterRowForm(values)
        self.form.is_valid()
        self.roles = []
        self.schools = []

    def problem(self, column, message):
        self.problems.append((column, message))

    def text(self, column):
        value = self.values.get(column, "")
        if isinstance(value, datetime.datetime | datetime.date):
            return value.isoformat()
        return str(value).strip()

    def typed(self, column):
        """The row form's value of a typed column, or None after its problems."""
        if column in self.form.errors:
            self.problems.extend((column, str(message)) for message in self.form.errors[column])
            return None
        return self.form.cleaned_data[column]

    def boolean(self, column):
        return bool(self.typed(column))

    def date(self, column):
        return self.typed(column)

    def choice(self, column, choices):
        text = self.text(column)
        labels = {str(label).lower(): value for value, label in choices.choices}
        if text in choices.values:
            return text
        if text.lower() in labels:
            return labels[text.lower()]
        self.problem(
            column,
            _("“%(value)s” is not one of: %(codes)s.")
            % {"value": short(text), "codes": ", ".join(choices.values)},
        )
        return text[:20]

    def codes(self, column, known):
        codes = [part.strip() for part in re.split("[;,]", self.text(column)) if part.strip()]
        unknown = [code for code in codes if code not in known]
        if unknown:
            self.problem(column, _("Unknown code(s): %(codes)s.") % {"codes": ", ".join(unknown)})
        return [code for code in codes if code in known]

    def grades(self, column):
        text = self.text(column).replace("–", "-")
        if not text:
            return None, None
        match = re.fullmatch(r"([1-9])(?:\s*-\s*([1-9]))?", text)
        if match is None:
            self.problem(column, _("Write the grades as 3-9, or one grade as 5."))
            return None, None
        low = int(match.group(1))
        return low, int(match.group(2) or low)

    def organisation(self, column, required=False):
        slug = self.text(column)
        if not slug:
            if required:
                self.problem(column, _("A municipality is required."))
            return None
        found = Organisation.objects.filter(
            slug=slug, locale__language_code=settings.LANGUAGE_CODE
        ).first()
        if found is None:
            self.problem(column, _("No organisation “%(slug)s”.") % {"slug": short(slug)})
        return found

    def slugs(self, column, model):
        slugs = {part.strip() for part in re.split("[;,]", self.text(column)) if part.strip()}
        found = list(
            model.objects.filter(slug__in=slugs, locale__language_code=settings.LANGUAGE_CODE)
        )
        unknown = slugs - {item.slug for item in found}
        if unknown:
            self.problem(column, _("Unknown: %(slugs)s.") % {"slugs": ", ".join(sorted(unknown))})
        return found

    def user(self, column):
        from django.contrib.auth import get_user_model

        email = self.text(column)
        if not email:
            return None
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            self.problem(
                column,
                _("No active user with the e-mail address %(email)s.")
                % {"email": short(email, 120)},
            )
        return user
