"""The start-of-year check, requests and their review steps, links from the year clock."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kb.access import EVERYONE
from services.models.register import (
    GRADE_VALIDATORS,
    Decision,
    DigitalService,
    organisation_field,
    staff_of,
)

# -- the start-of-year check --------------------------------------------------------------


class SchoolYearCheck(models.Model):
    """A statement that a service in use was checked for a school year (like PageVerification).

    `state` keeps what was true when it was checked: the decision, the agreement,
    the assessment and its open safeguards, as they were then.
    """

    service = models.ForeignKey(
        DigitalService, verbose_name=_("service"), on_delete=models.CASCADE, related_name="checks"
    )
    organisation = organisation_field(_("municipality"))
    school_year = models.ForeignKey(
        "kb.SchoolYear",
        verbose_name=_("school year"),
        on_delete=models.PROTECT,
        related_name="service_checks",
    )
    agreement_valid = models.BooleanField(_("the data-processing agreement is valid"))
    assessment_current = models.BooleanField(
        _("the impact assessment and its risks are up to date")
    )
    safeguards_done = models.BooleanField(_("the safeguards have been carried out"))
    notes = models.TextField(_("notes (staff only)"), blank=True)
    state = models.JSONField(_("what was true"), default=dict, editable=False)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)

    class Meta:
        verbose_name = _("school-year check")
        verbose_name_plural = _("school-year checks")
        ordering = ["-school_year__start_year", "service__name_fi"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "organisation", "school_year"], name="one_check_per_school_year"
            )
        ]

    def __str__(self):
        return f"{self.service} – {self.organisation} – {self.school_year}"

    def audience(self):
        return staff_of(self.organisation)

    @property
    def all_in_order(self):
        return self.agreement_valid and self.assessment_current and self.safeguards_done


# -- requests and their review ------------------------------------------------------------


class ServiceRequest(models.Model):
    """A teacher's request to use a new service, reviewed through the procurement steps."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        DECIDED = "decided", _("Decided")

    organisation = organisation_field(_("municipality"))
    school = models.ForeignKey(
        "kb.School",
        verbose_name=_("school"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="service_requests",
    )
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    service_name = models.CharField(_("name of the service"), max_length=120)
    provider = models.CharField(_("provider"), max_length=160, blank=True)
    website = models.URLField(_("website"), blank=True)
    purpose = models.TextField(
        _("teaching need"), help_text=_("What would pupils learn or do with it?")
    )
    grade_min = models.PositiveSmallIntegerField(
        _("from grade"), null=True, blank=True, validators=GRADE_VALIDATORS
    )
    grade_max = models.PositiveSmallIntegerField(
        _("to grade"), null=True, blank=True, validators=GRADE_VALIDATORS
    )
    pupils_sign_in = models.BooleanField(
        _("pupils would sign in or enter their own data"), default=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    service = models.ForeignKey(
        DigitalService,
        verbose_name=_("service in the register"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
    )
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-created_at"]
        permissions = [("review_servicerequest", _("Can review service requests"))]

    def __str__(self):
        return self.service_name

    def audience(self):
        return staff_of(self.organisation)

    def clean(self):
        if self.grade_min and self.grade_max and self.grade_min > self.grade_max:
            raise ValidationError(
                {"grade_max": _("The last grade cannot be lower than the first grade.")}
            )

    @property
    def is_open(self):
        return self.status != self.Status.DECIDED


class ReviewStep(models.Model):
    """One step of the procurement process for a request, in `Kind` order."""

    class Kind(models.TextChoices):
        DATA_PROTECTION = "data_protection", _("Data-protection check (GDPR)")
        ACCESSIBILITY = "accessibility", _("Accessibility check")
        AGREEMENT = "agreement", _("Data-processing agreement")
        IMPACT_ASSESSMENT = "impact_assessment", _("Impact assessment, if needed")
        DECISION = "decision", _("Decision")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        DONE = "done", _("Done")
        NOT_NEEDED = "not_needed", _("Not needed")

    ORDER = list(Kind.values)

    request = models.ForeignKey(
        ServiceRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="steps"
    )
    kind = models.CharField(_("step"), max_length=30, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    notes = models.TextField(_("reviewer's notes (staff only)"), blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["request", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["request", "kind"], name="one_step_of_each_kind")
        ]

    def __str__(self):
        return f"{self.request}: {self.get_kind_display()}"

    def audience(self):
        return self.request.audience()

    @property
    def resolved(self):
        return self.status != self.Status.PENDING


# -- links from the year clock ------------------------------------------------------------


class YearClockLink(models.Model):
    """A year-clock task whose page opens the register (by the task's translation key)."""

    class Purpose(models.TextChoices):
        CHECK = "check", _("Start-of-year check of the services")
        REVIEW = "review", _("Processing of service requests")

    task_key = models.UUIDField(_("year-clock task"))
    purpose = models.CharField(_("opens"), max_length=20, choices=Purpose.choices)

    class Meta:
        verbose_name = _("year-clock link")
        verbose_name_plural = _("year-clock links")
        constraints = [
            models.UniqueConstraint(fields=["task_key", "purpose"], name="one_link_per_purpose")
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} ({self.task_key})"

    def audience(self):
        return EVERYONE
