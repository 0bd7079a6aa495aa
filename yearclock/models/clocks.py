"""Year clocks and their recurring tasks.

Texts (name, title, description, checklist) are translated with wagtail-localize;
everything that decides *when* and *for whom* a task happens is a `SynchronizedField`
that translators cannot override, and saving a task brings its translations up to
date through wagtail-localize in the same transaction (kb.translation,
yearclock.signals), so the Finnish and Swedish calendars never disagree.
Completions and reminder deliveries refer to a task by its
`translation_key`, which is shared by all its translations.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from kb.access import EVERYONE, staff_of
from kb.models import StaffProfile
from kb.rights import OrganisationPermissionPolicy
from kb.translation import in_language, is_syncing
from yearclock import recurrence

DEFAULT_REMINDER_DAYS = "7,1"


class YearClockQuerySet(models.QuerySet):
    def managed_by(self, user):
        """These year clocks narrowed to those `user` manages, as the admin's permission
        policy decides (CLOCK_POLICY, also used by yearclock.permissions)."""
        return self & CLOCK_POLICY.managed(user)


class YearClock(TranslatableMixin, models.Model):
    """The annual rhythm of one municipality, school or region."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        SCHOOL = "school", _("School")
        REGION = "region", _("Region")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(
        _("slug"), max_length=80, help_text=_("The same in every language; used in feed addresses.")
    )
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY
    )
    organisation = models.ForeignKey(
        "kb.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="year_clocks",
    )
    school = models.ForeignKey(
        "kb.School",
        verbose_name=_("school"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="year_clocks",
        help_text=_("Only for a school's own year clock."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = YearClockQuerySet.as_manager()

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("kind", overridable=False),
        # Point to the organisation's and school's translation in the same language.
        TranslatableField("organisation"),
        TranslatableField("school"),
    ]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("kind"),
        FieldPanel("organisation"),
        FieldPanel("school"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("year clock")
        verbose_name_plural = _("year clocks")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_year_clock_slug")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == self.Kind.SCHOOL and not self.school_id:
            raise ValidationError({"school": _("Choose the school this year clock belongs to.")})

    def tasks_all_locales(self):
        """Every translation of every task of this clock (any locale)."""
        return Task.objects.filter(year_clock__translation_key=self.translation_key)


# Year clocks (every language) of the organisations an editor manages (kb.rights).
CLOCK_POLICY = OrganisationPermissionPolicy(YearClock, "organisation")


staff_audience = staff_of  # the name this app's callers know


class TaskQuerySet(models.QuerySet):
    def visible_to(self, reader):
        """Tasks `reader` may see: the queryset form of `Task.audience` (kb.access).

        Public tasks are for everyone; staff tasks for the staff of the year clock's
        organisation, which includes a region's member municipalities.
        """
        if reader.sees_everything:
            return self
        keys = [uuid.UUID(key) for key in reader.organisation_keys]
        return self.filter(
            Q(visibility=Task.Visibility.PUBLIC)
            | Q(
                visibility=Task.Visibility.STAFF,
                year_clock__organisation__translation_key__in=keys,
            )
        )

    def in_year_clock(self, year_clock):
        return self.filter(year_clock__translation_key=year_clock.translation_key)

    def for_roles(self, role_slugs):
        return self.filter(roles__slug__in=list(role_slugs)).distinct()

    def for_schools(self, school_slugs):
        """Tasks for any of these schools, plus tasks for every school (no school set)."""
        return self.filter(
            Q(schools__isnull=True) | Q(schools__slug__in=list(school_slugs))
        ).distinct()

    def for_user(self, user):
        """Tasks a person is responsible for: their roles (in their schools) or owned by them."""
        profile = StaffProfile.objects.filter(user=user).first()
        owned = Q(owner=user)
        if profile is None:
            return self.filter(owned).distinct()
        role_keys = list(profile.roles.values_list("translation_key", flat=True))
        school_keys = list(profile.schools.values_list("translation_key", flat=True))
        in_role = Q(roles__translation_key__in=role_keys) & (
            Q(schools__isnull=True) | Q(schools__translation_key__in=school_keys)
        )
        return self.filter(pk__in=Task.objects.filter(owned | in_role).values("pk"))

    def localized(self, language, related=("roles", "schools", "guides")):
        """One task per translation_key, in `language` where translated, else in the source.

        Returns a list (ordered by title), because the choice needs Python. `related`
        are prefetched; bulk callers that do not need them pass fewer (Django's
        prefetch costs a queryset clone per task and relation).
        """
        tasks = self.select_related("locale", "year_clock", "owner").prefetch_related(*related)
        return sorted(in_language(tasks, language), key=lambda t: (t.title.lower(), t.pk))


class Task(TranslatableMixin, index.Indexed, models.Model):
    """A recurring duty in the school year: who does what, when, with which guide."""

    class Category(models.TextChoices):
        DATA_PROTECTION = "data_protection", _("Data protection")
        COMPETENCE = "competence", _("Competence")
        DEVICES = "devices", _("Devices")
        FINANCE = "finance", _("Finance and procurement")
        PEDAGOGY = "pedagogy", _("Pedagogy")
        ADMINISTRATION = "administration", _("Administration")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public (also guardians)")
        STAFF = "staff", _("Staff only")

    class Rule(models.TextChoices):
        ONCE = "once", _("Once, on a date")
        YEARLY_DATE = "yearly_date", _("Every year on a date (e.g. 15.1.)")
        WEEK = "week", _("Every year in a week (e.g. week 38)")
        MONTHLY_WEEKDAY = "monthly_weekday", _("Monthly on a weekday (e.g. first Monday)")
        TERM = "term", _("Relative to the term dates")
        RRULE = "rrule", _("Custom RFC 5545 rule (RRULE)")

    class Anchor(models.TextChoices):
        AUTUMN_TERM_START = "autumn_term_start", _("Autumn term starts")
        AUTUMN_TERM_END = "autumn_term_end", _("Autumn term ends")
        SPRING_TERM_START = "spring_term_start", _("Spring term starts")
        SPRING_TERM_END = "spring_term_end", _("Spring term ends")
        SCHOOL_YEAR_START = "school_year_start", _("School year starts (1.8.)")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    class Nth(models.IntegerChoices):
        FIRST = 1, _("first")
        SECOND = 2, _("second")
        THIRD = 3, _("third")
        FOURTH = 4, _("fourth")
        LAST = -1, _("last")

    year_clock = models.ForeignKey(
        YearClock, verbose_name=_("year clock"), on_delete=models.CASCADE, related_name="tasks"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    checklist = models.TextField(_("checklist"), blank=True, help_text=_("One item per line."))
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    roles = models.ManyToManyField(
        "kb.Role", verbose_name=_("responsible roles"), blank=True, related_name="+"
    )
    schools = models.ManyToManyField(
        "kb.School",
        verbose_name=_("schools"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty when the task concerns every school."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    guides = models.ManyToManyField(
        "wagtailcore.Page", verbose_name=_("guides"), blank=True, related_name="+"
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.STAFF
    )

    rule = models.CharField(_("repeats"), max_length=20, choices=Rule.choices)
    once_date = models.DateField(_("date"), null=True, blank=True)
    month = models.PositiveSmallIntegerField(
        _("month"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    day = models.PositiveSmallIntegerField(
        _("day of month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(31)],
    )
    week = models.PositiveSmallIntegerField(
        _("week number"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(53)],
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    nth = models.SmallIntegerField(_("which"), choices=Nth.choices, null=True, blank=True)
    anchor = models.CharField(_("anchor"), max_length=30, choices=Anchor.choices, blank=True)
    offset_days = models.SmallIntegerField(
        _("days from the anchor"),
        default=0,
        validators=[MinValueValidator(-200), MaxValueValidator(200)],
        help_text=_("Negative for before, e.g. -14 for two weeks before the spring term ends."),
    )
    rrule = models.CharField(
        _("RRULE"),
        max_length=300,
        blank=True,
        help_text=_("RFC 5545, e.g. FREQ=MONTHLY;BYDAY=1MO. Expanded within each school year."),
    )
    within_terms = models.BooleanField(
        _("only in term time"),
        default=False,
        help_text=_("Skip dates outside the terms and during school breaks."),
    )
    move_to_working_day = models.BooleanField(
        _("move to the next working day"),
        default=True,
        help_text=_("A date on a weekend or public holiday moves to the next working day."),
    )
    start_time = models.TimeField(
        _("start time"), null=True, blank=True, help_text=_("Empty for an all-day task.")
    )
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    duration_days = models.PositiveSmallIntegerField(
        _("duration in days"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("For all-day tasks; the last day is the deadline."),
    )
    alarm_minutes = models.PositiveIntegerField(
        _("calendar alarm (minutes before)"), null=True, blank=True
    )
    reminder_days = models.CharField(
        _("e-mail reminders (days before)"),
        max_length=40,
        default=DEFAULT_REMINDER_DAYS,
        blank=True,
        help_text=_("Comma-separated, e.g. 7,1. Empty for no reminders."),
    )
    sequence = models.PositiveIntegerField(_("revision"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = TaskQuerySet.as_manager()

    # Texts are translated; everything else is the same in every locale.
    SYNCHRONISED = [
        "category",
        "owner",
        "visibility",
        "rule",
        "once_date",
        "month",
        "day",
        "week",
        "weekday",
        "nth",
        "anchor",
        "offset_days",
        "rrule",
        "within_terms",
        "move_to_working_day",
        "start_time",
        "end_time",
        "duration_days",
        "alarm_minutes",
        "reminder_days",
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("description"),
        TranslatableField("checklist"),
        TranslatableField("year_clock"),
        *[SynchronizedField(name, overridable=False) for name in SYNCHRONISED],
    ]
    # Many-to-many relations, the same in every language (kb.translation.sync_relations).
    SYNCHRONISED_RELATIONS = ["roles", "schools", "guides"]
    search_fields = [index.SearchField("title"), index.SearchField("description")]
    panels = [
        FieldPanel("year_clock"),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("checklist"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("visibility")]),
        FieldPanel("roles"),
        FieldPanel("schools"),
        FieldPanel("owner"),
        FieldPanel("guides"),
        MultiFieldPanel(
            [
                FieldPanel("rule"),
                FieldPanel("once_date"),
                FieldRowPanel([FieldPanel("day"), FieldPanel("month")]),
                FieldRowPanel([FieldPanel("nth"), FieldPanel("weekday"), FieldPanel("week")]),
                FieldRowPanel([FieldPanel("anchor"), FieldPanel("offset_days")]),
                FieldPanel("rrule"),
                FieldPanel("within_terms"),
                FieldPanel("move_to_working_day"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldPanel("duration_days"),
                FieldPanel("alarm_minutes"),
                FieldPanel("reminder_days"),
            ],
            heading=_("Duration and reminders"),
        ),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("year-clock task")
        verbose_name_plural = _("year-clock tasks")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        with transaction.atomic():
            if self.pk and not is_syncing():
                # Any change may alter what calendars show: SEQUENCE rises in every
                # language by one UPDATE (no read-modify-write race between two
                # saves); wagtail-localize's own sync of a translation does not add one.
                Task.objects.filter(translation_key=self.translation_key).update(
                    sequence=models.F("sequence") + 1
                )
                self.sequence = Task.objects.values_list("sequence", flat=True).get(pk=self.pk)
            super().save(*args, **kwargs)

    def get_absolute_url(self, language=None):
        """Path of the task's page in `language` (default: the task's own)."""
        with override(language or self.locale.language_code):
            return reverse("yearclock:task", kwargs={"slug": self.year_clock.slug, "pk": self.pk})

    # -- who may see it (kb.access) -----------------------------------------------

    def audience(self):
        if self.visibility == Task.Visibility.PUBLIC:
            return EVERYONE
        return staff_audience(self.year_clock.organisation)

    def details_audience(self):
        """Who did an occurrence, their note and the task's owner: the organisation's staff.

        Anyone who may see a task sees whether an occurrence is done, never by whom.
        """
        return staff_audience(self.year_clock.organisation)

    # -- derived values ------------------------------------------------------------

    @property
    def all_day(self):
        return self.start_time is None

    @property
    def reminder_offsets(self):
        """Reminder offsets in days, largest first, e.g. [7, 1]."""
        return sorted(parse_reminder_days(self.reminder_days), reverse=True)

    @property
    def checklist_items(self):
        return [line.strip() for line in self.checklist.splitlines() if line.strip()]

    def full_url(self, language=None):
        return settings.SITE_BASE_URL + self.get_absolute_url(language)

    # -- validation ----------------------------------------------------------------

    def clean(self):
        errors = {}
        if self.start_time is None and self.end_time is not None:
            errors["start_time"] = _("Give a start time when you give an end time.")
        elif self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end time must be after the start time.")
        try:
            parse_reminder_days(self.reminder_days)
        except ValueError:
            errors["reminder_days"] = _(
                "Write whole numbers of days from 0 to 365 separated by commas, e.g. 7,1."
            )
        if errors:
            raise ValidationError(errors)
        recurrence.validate(recurrence.Rule.of(self))

    def translations(self):
        return Task.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk)


def parse_reminder_days(value):
    """'7,1' -> [7, 1]; raises ValueError on anything else than 0–365 day counts."""
    days = []
    for part in (value or "").split(","):
        part = part.strip()
        if not part:
            continue
        number = int(part)
        if not 0 <= number <= 365:
            raise ValueError(part)
        if number not in days:
            days.append(number)
    return days


def occurrence_key(task_key, series, ordinal):
    """Stable key of one occurrence, shared by all translations of the task:
    task, school year (its start year, or "once") and place in it, "<uuid>:2026-3"."""
    return f"{task_key}:{series}-{ordinal}"
