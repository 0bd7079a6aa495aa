"""The register of digital services used in teaching.

- `DigitalService`: what a service is and does, its privacy notice and accessibility.
  Owned by a municipality, or by a region and then shared by its municipalities.
- `Decision`: a municipality's decision on a service (approved, with conditions, under
  review, not approved, retired), who may use it. Decisions are dated and never
  overwritten by a later one, so the decision in force on any day can be looked up.
- `DataProcessingAgreement`, `ImpactAssessment` (with its `Safeguard`s): one per
  service and municipality, kept up to date.
- `SchoolYearCheck`: who verified a service for which school year, and what was true.
- `ServiceRequest` and its `ReviewStep`s: a teacher's request and the procurement steps.
- `YearClockLink`: which year-clock tasks open the checklist or the review queue.
- `EmailDelivery`: the delivery record of each reminder and outcome e-mail.

Organisations are always their default-language row (`limit_choices_to`), so the
unique constraints hold; readers are compared with them by translation key (kb.access).
Texts have a Finnish and a Swedish field (services.bilingual).
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from kb.access import EVERYONE, staff_of
from services.bilingual import Bilingual
from services.organisations import within
from services.paths import reserved_slugs

DEFAULT_ORGANISATION = {"locale__language_code": settings.LANGUAGE_CODE}
GRADE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(9)]
NOTICE_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link"]


def organisation_field(verbose_name, related_name="+", **kwargs):
    return models.ForeignKey(
        "kb.Organisation",
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        related_name=related_name,
        limit_choices_to=DEFAULT_ORGANISATION,
        **kwargs,
    )


def in_finnish(verbose_name):
    return format_lazy("{} ({})", verbose_name, _("in Finnish"))


def in_swedish(verbose_name):
    return format_lazy("{} ({})", verbose_name, _("in Swedish"))


def text_pair(verbose_name, blank=True, help_text=""):
    """A Finnish and a Swedish TextField."""
    return (
        models.TextField(in_finnish(verbose_name), blank=blank, help_text=help_text),
        models.TextField(in_swedish(verbose_name), blank=True, help_text=help_text),
    )


class DataCategory(models.TextChoices):
    IDENTITY = "identity", _("Identification (name, username)")
    CONTACT = "contact", _("Contact details")
    SCHOOLWORK = "schoolwork", _("Pupils' work and answers")
    ASSESSMENT = "assessment", _("Assessment and feedback")
    USAGE = "usage", _("Usage and log data")
    MEDIA = "media", _("Images, audio and video")
    SPECIAL = "special", _("Special categories (e.g. health, need for support)")


class DataCategoriesField(models.JSONField):
    """The categories of personal data a service processes: a list of codes, as checkboxes."""

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            label=self.verbose_name,
            help_text=self.help_text,
            choices=DataCategory.choices,
            widget=forms.CheckboxSelectMultiple,
            required=False,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        known = set(DataCategory.values)
        if not isinstance(value, list) or not set(value) <= known:
            raise ValidationError(_("Unknown category of personal data."), code="invalid")


# -- the service ------------------------------------------------------------------------


class DigitalService(ClusterableModel):
    """A digital service (app, platform, learning material) and what it does with data."""

    organisation = organisation_field(
        _("owner"),
        related_name="digital_services",
        help_text=_("A region's service is shared by its municipalities."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("The word in the Finnish address; imports and the API name the service by it."),
    )
    slug_sv = models.SlugField(
        in_swedish(_("slug")),
        max_length=80,
        blank=True,
        help_text=_("The word in the Swedish address. Empty: the Finnish one."),
    )
    name_fi = models.CharField(in_finnish(_("name")), max_length=120)
    name_sv = models.CharField(
        in_swedish(_("name")), max_length=120, blank=True, help_text=_("Empty: the Finnish name.")
    )
    provider = models.CharField(_("provider"), max_length=160)
    website = models.URLField(_("website"), blank=True)
    purpose_fi, purpose_sv = text_pair(_("purpose"), blank=False)
    data_categories = DataCategoriesField(_("personal data processed"), default=list, blank=True)
    processes_pupil_data = models.BooleanField(_("processes pupils' personal data"), default=True)
    accessibility_statement = models.URLField(_("accessibility statement"), blank=True)
    accessibility_gaps_fi, accessibility_gaps_sv = text_pair(_("known accessibility gaps"))
    privacy_notice_fi = RichTextField(
        _("privacy notice (fi)"), blank=True, features=NOTICE_FEATURES
    )
    privacy_notice_sv = RichTextField(
        _("privacy notice (sv)"), blank=True, features=NOTICE_FEATURES
    )
    privacy_notice_updated_on = models.DateField(_("privacy notice updated"), null=True, blank=True)
    guides = models.ManyToManyField(
        "wagtailcore.Page",
        verbose_name=_("related guides"),
        blank=True,
        related_name="+",
        help_text=_("The service is listed on these pages too."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    name = Bilingual()
    purpose = Bilingual()
    accessibility_gaps = Bilingual()
    privacy_notice = Bilingual()

    class Meta:
        verbose_name = _("digital service")
        verbose_name_plural = _("digital services")
        ordering = ["name_fi"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug_sv"], condition=~Q(slug_sv=""), name="unique_swedish_service_slug"
            )
        ]

    def __str__(self):
        return self.name_fi

    def clean(self):
        errors = {}
        for field in ("slug", "slug_sv"):
            if getattr(self, field) in reserved_slugs():
                errors[field] = _("This word is used by the register's own pages.")
        # A Swedish word may not be another service's Finnish one (or the other way
        # round): a Swedish address would then name two services.
        others = DigitalService.objects.exclude(pk=self.pk)
        if self.slug_sv and self.slug_sv != self.slug and others.filter(slug=self.slug_sv).exists():
            errors.setdefault("slug_sv", _("Another service has this word in its address."))
        if self.slug and others.filter(slug_sv=self.slug).exists():
            errors.setdefault("slug", _("Another service has this word in its address."))
        if errors:
            raise ValidationError(errors)

    def slug_in(self, language=None):
        """The word in the service's address in `language` (the active one by default)."""
        language = language or get_language()
        return (self.slug_sv if language == "sv" else "") or self.slug

    def get_absolute_url(self):
        return reverse("services:service", kwargs={"slug": self.slug_in()})

    def audience(self):
        return EVERYONE

    @property
    def data_category_labels(self):
        labels = dict(DataCategory.choices)
        return [labels[code] for code in self.data_categories if code in labels]

    @property
    def has_privacy_notice(self):
        return bool(self.privacy_notice_fi or self.privacy_notice_sv)


# -- decisions --------------------------------------------------------------------------


class DatedQuerySet(models.QuerySet):
    """Rows that are a dated history per service and municipality."""

    date_field = "decided_on"

    def in_force(self, day=None):
        """The latest row on or before `day` (default today) per service and organisation."""
        day = day or timezone.localdate()
        name = self.date_field
        newer = self.model.objects.filter(
            service=OuterRef("service"),
            organisation=OuterRef("organisation"),
            **{f"{name}__lte": day},
        ).filter(
            Q(**{f"{name}__gt": OuterRef(name)})
            | Q(**{name: OuterRef(name)}, pk__gt=OuterRef("pk"))
        )
        return self.filter(**{f"{name}__lte": day}).exclude(Exists(newer))


class Decision(models.Model):
    """A municipality's decision on a service, in force from `decided_on` until the next."""

    class Status(models.TextChoices):
        APPROVED = "approved", _("Approved")
        APPROVED_WITH_CONDITIONS = "conditions", _("Approved with conditions")
        UNDER_REVIEW = "review", _("Under review")
        NOT_APPROVED = "not_approved", _("Not approved")
        RETIRED = "retired", _("Retired")

    IN_USE = [Status.APPROVED, Status.APPROVED_WITH_CONDITIONS]

    service = models.ForeignKey(
        DigitalService,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    organisation = organisation_field(_("municipality"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    decided_on = models.DateField(
        _("in force from"), default=timezone.localdate, help_text=_("The date of the decision.")
    )
    decided_by_fi = models.CharField(
        in_finnish(_("decided by")),
        max_length=160,
        blank=True,
        help_text=_("E.g. Head of education."),
    )
    decided_by_sv = models.CharField(
        in_swedish(_("decided by")),
        max_length=160,
        blank=True,
        help_text=_("Empty: the Finnish text."),
    )
    conditions_fi, conditions_sv = text_pair(_("conditions of use"))
    reasons_fi, reasons_sv = text_pair(
        _("reasons"), help_text=_("Why the service was not approved or was retired.")
    )
    internal_conditions_fi, internal_conditions_sv = text_pair(
        _("internal conditions (staff only)")
    )
    grade_min = models.PositiveSmallIntegerField(
        _("from grade"), null=True, blank=True, validators=GRADE_VALIDATORS
    )
    grade_max = models.PositiveSmallIntegerField(
        _("to grade"), null=True, blank=True, validators=GRADE_VALIDATORS
    )
    roles = models.ManyToManyField(
        "kb.Role", verbose_name=_("roles who may use it"), blank=True, related_name="+"
    )
    schools = models.ManyToManyField(
        "kb.School",
        verbose_name=_("schools"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty when every school of the municipality may use it."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Gets the reminders about the agreement and the impact assessment."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = DatedQuerySet.as_manager()

    decided_by = Bilingual()
    conditions = Bilingual()
    reasons = Bilingual()
    internal_conditions = Bilingual()

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_on", "-pk"]
        indexes = [models.Index(fields=["service", "organisation", "decided_on"])]

    def __str__(self):
        return f"{self.service} – {self.organisation}: {self.get_status_display()}"

    def audience(self):
        return EVERYONE

    def details_audience(self):
        """Internal conditions, the responsible person, the agreement's file, the risks."""
        return staff_of(self.organisation)

    @property
    def in_use(self):
        return self.status in self.IN_USE

    @property
    def grades(self):
        if self.grade_min is None and self.grade_max is None:
            return ""
        low, high = self.grade_min or 1, self.grade_max or 9
        return str(low) if low == high else f"{low}–{high}"

    def clean(self):
        errors = {}
        if self.grade_min and self.grade_max and self.grade_min > self.grade_max:
            errors["grade_max"] = _("The last grade cannot be lower than the first grade.")
        if self.status == self.Status.APPROVED_WITH_CONDITIONS and not self.conditions_fi:
            errors["conditions_fi"] = _("Write the conditions of use.")
        if self.status in (self.Status.NOT_APPROVED, self.Status.RETIRED) and not self.reasons_fi:
            errors["reasons_fi"] = _("Write the reasons.")
        decided_by_member = (
            not self.service_id
            or not self.organisation_id
            or within(self.organisation, self.service.organisation)
        )
        if not decided_by_member:
            errors["organisation"] = _(
                "Only the service's owner or a municipality of its region can decide on it."
            )
        if errors:
            raise ValidationError(errors)

    def agreement(self):
        return DataProcessingAgreement.objects.filter(
            service_id=self.service_id, organisation_id=self.organisation_id
        ).first()

    def impact_assessment(self):
        return ImpactAssessment.objects.filter(
            service_id=self.service_id, organisation_id=self.organisation_id
        ).first()


# -- agreement, impact assessment, safeguards --------------------------------------------


class DataProcessingAgreement(models.Model):
    """The data-processing agreement (tietosuojasopimus) of a municipality with the provider."""

    class Status(models.TextChoices):
        NOT_NEEDED = "not_needed", _("Not needed (no personal data)")
        IN_PREPARATION = "preparation", _("In preparation")
        SIGNED = "signed", _("Signed")
        TERMINATED = "terminated", _("Terminated")

    service = models.ForeignKey(
        DigitalService,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="agreements",
    )
    organisation = organisation_field(_("municipality"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_PREPARATION
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty: until further notice.")
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("agreement file (staff only)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(_("notes (staff only)"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("data-processing agreement")
        verbose_name_plural = _("data-processing agreements")
        ordering = ["service__name_fi"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "organisation"], name="one_agreement_per_municipality"
            )
        ]

    def __str__(self):
        return f"{self.service} – {self.organisation}"

    def audience(self):
        return staff_of(self.organisation)

    def is_valid_on(self, day):
        if self.status == self.Status.NOT_NEEDED:
            return True
        if self.status != self.Status.SIGNED:
            return False
        return self.valid_until is None or self.valid_until >= day

    def clean(self):
        if self.status == self.Status.SIGNED and not self.signed_on:
            raise ValidationError({"signed_on": _("Give the date the agreement was signed.")})
        if self.signed_on and self.valid_until and self.valid_until < self.signed_on:
            raise ValidationError({"valid_until": _("The agreement ends before it was signed.")})


class ImpactAssessment(ClusterableModel):
    """The data-protection impact assessment (DPIA) and its risk assessment."""

    class RiskLevel(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    service = models.ForeignKey(
        DigitalService,
        verbose_name=_("service"),
        on_delete=models.CASCADE,
        related_name="impact_assessments",
    )
    organisation = organisation_field(_("municipality"))
    needed = models.BooleanField(_("needed"), default=True)
    justification_fi, justification_sv = text_pair(
        _("why needed or not"), help_text=_("Shown to everyone.")
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    risk_level = models.CharField(
        _("risk level (staff only)"), max_length=10, choices=RiskLevel.choices, blank=True
    )
    risk_details_fi, risk_details_sv = text_pair(_("risk details (staff only)"))
    next_review = models.DateField(_("next review (staff only)"), null=True, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("assessment file (staff only)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    justification = Bilingual()
    risk_details = Bilingual()

    class Meta:
        verbose_name = _("impact assessment")
        verbose_name_plural = _("impact assessments")
        ordering = ["service__name_fi"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "organisation"], name="one_assessment_per_municipality"
            )
        ]

    def __str__(self):
        return f"{self.service} – {self.organisation}"

    def audience(self):
        return staff_of(self.organisation)

    def is_current_on(self, day):
        if not self.needed:
            return True
        if self.completed_on is None or self.completed_on > day:
            return False
        return self.next_review is None or self.next_review >= day

    def open_safeguards(self):
        return [item for item in self.safeguards.all() if item.status != Safeguard.Status.DONE]


class Safeguard(Orderable):
    """A protective measure the impact assessment names, with its status and owner."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    assessment = ParentalKey(ImpactAssessment, on_delete=models.CASCADE, related_name="safeguards")
    description_fi, description_sv = text_pair(_("safeguard"), blank=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)

    description = Bilingual()

    class Meta(Orderable.Meta):
        verbose_name = _("safeguard")
        verbose_name_plural = _("safeguards")

    def __str__(self):
        return self.description_fi

    def audience(self):
        return self.assessment.audience()
