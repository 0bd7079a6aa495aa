"""Organisations, schools, roles and school years: who content concerns, and when."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from kb.outbox import Delivery


class Organisation(TranslatableMixin, index.Indexed, models.Model):
    """A municipality or a region whose schools share instructions and a year clock."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.MUNICIPALITY
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("kind"), FieldPanel("parent")]
    # Slugs are identifiers at URL boundaries only, the same in every language;
    # `parent` points to the parent's translation in the same language.
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("kind", overridable=False),
        TranslatableField("parent"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_organisation_slug")
        ]

    def __str__(self):
        return self.name


class School(TranslatableMixin, index.Indexed, models.Model):
    class Kind(models.TextChoices):
        PRIMARY = "primary", _("Primary school (grades 1–6)")
        LOWER_SECONDARY = "lower_secondary", _("Lower secondary school (grades 7–9)")
        COMPREHENSIVE = "comprehensive", _("Comprehensive school (grades 1–9)")
        UPPER_SECONDARY = "upper_secondary", _("Upper secondary school")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="schools",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PRIMARY)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("organisation"),
        FieldPanel("kind"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug", overridable=False),
        TranslatableField("organisation"),
        SynchronizedField("kind", overridable=False),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_school_slug")
        ]

    def __str__(self):
        return self.name


class Role(TranslatableMixin, index.Indexed, models.Model):
    """An audience: rehtori, opettaja, TVT-vastaava, huoltaja …

    `slug` is the same in every locale, so filters in URLs (?role=rehtori)
    work whatever the reader's language.
    """

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=60)
    description = models.TextField(_("description"), blank=True)
    is_staff_role = models.BooleanField(
        _("staff role"),
        default=True,
        help_text=_("Guardians and pupils are not staff; staff roles can sign in."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("is_staff_role"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug", overridable=False),
        TranslatableField("description"),
        SynchronizedField("is_staff_role", overridable=False),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_role_slug")]

    def __str__(self):
        return self.name


# School years the service computes: wide enough for any archive or plan, far from the
# calendar's ends (year 1 and 9999), where date arithmetic overflows.
FIRST_START_YEAR, LAST_START_YEAR = 1900, 2199


def school_year_start(day):
    """The starting year of the school year (1.8.–31.7.) that `day` falls in."""
    return day.year if day.month >= 8 else day.year - 1


def school_year_dates(start_year):
    """First and last day of the school year that starts in `start_year`."""
    return datetime.date(start_year, 8, 1), datetime.date(start_year + 1, 7, 31)


def school_year_label(start_year):
    # An en dash, as Finnish and Swedish typography write year spans.
    return f"{start_year}–{start_year + 1}"


class SchoolYearQuerySet(models.QuerySet):
    def for_date(self, day):
        return self.filter(start_year=school_year_start(day)).first()

    def current(self):
        return self.for_date(timezone.localdate())


class SchoolYear(ClusterableModel):
    """A lukuvuosi / läsår: 1 August – 31 July, with the term dates schools keep."""

    start_year = models.PositiveSmallIntegerField(
        _("starting year"), unique=True, help_text=_("2026 for the school year 2026–2027.")
    )
    autumn_term_start = models.DateField(_("autumn term starts"))
    autumn_term_end = models.DateField(_("autumn term ends"))
    spring_term_start = models.DateField(_("spring term starts"))
    spring_term_end = models.DateField(_("spring term ends"))

    objects = SchoolYearQuerySet.as_manager()

    panels = [
        FieldPanel("start_year"),
        FieldPanel("autumn_term_start"),
        FieldPanel("autumn_term_end"),
        FieldPanel("spring_term_start"),
        FieldPanel("spring_term_end"),
        InlinePanel("breaks", label=capfirst(_("holidays and breaks"))),
    ]

    class Meta:
        verbose_name = _("school year")
        verbose_name_plural = _("school years")
        ordering = ["-start_year"]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return school_year_label(self.start_year)

    @property
    def start_date(self):
        return school_year_dates(self.start_year)[0]

    @property
    def end_date(self):
        return school_year_dates(self.start_year)[1]

    def contains(self, day):
        return self.start_date <= day <= self.end_date

    def clean(self):
        errors = {}
        if self.start_year is None:
            return
        if not FIRST_START_YEAR <= self.start_year <= LAST_START_YEAR:
            raise ValidationError(
                {
                    "start_year": _("Give a starting year from %(first)d to %(last)d.")
                    % {"first": FIRST_START_YEAR, "last": LAST_START_YEAR}
                }
            )
        ordered = [
            ("autumn_term_start", self.autumn_term_start),
            ("autumn_term_end", self.autumn_term_end),
            ("spring_term_start", self.spring_term_start),
            ("spring_term_end", self.spring_term_end),
        ]
        for name, day in ordered:
            if day and not self.contains(day):
                errors[name] = _(
                    "The date must fall within the school year %(label)s (1.8.–31.7.)."
                ) % {"label": self.label}
        for (_prev_name, prev), (name, day) in zip(ordered, ordered[1:], strict=False):
            if prev and day and day <= prev and name not in errors:
                errors[name] = _("Term dates must be in order: autumn term, then spring term.")
        if errors:
            raise ValidationError(errors)


class SchoolBreak(Orderable):
    """Autumn, Christmas, winter and Easter breaks (syysloma, joululoma, talviloma …)."""

    class Kind(models.TextChoices):
        AUTUMN = "autumn", _("Autumn break")
        CHRISTMAS = "christmas", _("Christmas break")
        WINTER = "winter", _("Winter break")
        EASTER = "easter", _("Easter break")
        OTHER = "other", _("Other break")

    school_year = ParentalKey(SchoolYear, on_delete=models.CASCADE, related_name="breaks")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))

    panels = [FieldPanel("kind"), FieldPanel("start"), FieldPanel("end")]

    class Meta(Orderable.Meta):
        verbose_name = _("break")
        verbose_name_plural = _("breaks")

    def __str__(self):
        return f"{self.get_kind_display()} {self.start:%d.%m.}–{self.end:%d.%m.%Y}"

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The last day cannot be before the first day.")})


class StaffProfile(models.Model):
    """What a signed-in user is: their roles, schools and language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    roles = models.ManyToManyField(Role, verbose_name=_("roles"), blank=True)
    schools = models.ManyToManyField(School, verbose_name=_("schools"), blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    valid_until = models.DateField(
        _("account valid until"),
        null=True,
        blank=True,
        help_text=_(
            "For substitutes: the last day the account works. After it the person cannot "
            "sign in, their sessions end and their calendar feed addresses stop working."
        ),
    )

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return str(self.user)

    @classmethod
    def for_user(cls, user):
        profile, _created = cls.objects.get_or_create(user=user)
        return profile


class FailureCount(models.Model):
    """How often one client address failed in one fixed time window (kb.security).

    A table, not the cache: one atomic upsert counts, so every process and every
    worker shares the count and no increment is lost (a cache's incr is a get and
    a set on the database cache, and per process on the memory cache).
    """

    counter = models.CharField(max_length=40)  # which limit, e.g. "feed-token"
    address = models.CharField(max_length=64)  # IPv4 address or IPv6 /64
    period = models.BigIntegerField()  # unix time // window length
    failures = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["counter", "address", "period"], name="unique_failure_count"
            )
        ]

    def __str__(self):
        return f"{self.counter} {self.address} {self.period}: {self.failures}"


ANSWER_WITHIN = datetime.timedelta(days=14)  # Act 306/2019: an answer within two weeks


class AccessibilityFeedback(models.Model):
    """Feedback on accessibility from the statement's form (Act 306/2019, § 17).

    No account needed; contact details are optional, so feedback may be anonymous.
    The organisation's editors see it in the admin with its answer deadline.
    """

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    page = models.CharField(_("page concerned"), max_length=500, blank=True)
    message = models.TextField(_("feedback"), max_length=5000)
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    created_at = models.DateTimeField(_("received"), default=timezone.now)
    answer = models.TextField(
        _("answer"),
        blank=True,
        help_text=_("Saved with an answer, it is e-mailed to the sender if they left an address."),
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answer_sent_at = models.DateTimeField(_("answer e-mailed"), null=True, blank=True)

    panels = [
        FieldPanel("created_at", read_only=True),
        FieldPanel("organisation", read_only=True),
        FieldPanel("page", read_only=True),
        FieldPanel("message", read_only=True),
        FieldPanel("name", read_only=True),
        FieldPanel("email", read_only=True),
        FieldPanel("answer"),
        FieldPanel("answered_at", read_only=True),
        FieldPanel("answer_sent_at", read_only=True),
    ]

    class Meta:
        verbose_name = _("accessibility feedback")
        verbose_name_plural = _("accessibility feedback")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.created_at:%d.%m.%Y} – {self.message[:60]}"

    @property
    def due_on(self):
        """The last day to answer: 14 days from its arrival."""
        return (timezone.localtime(self.created_at) + ANSWER_WITHIN).date()


class FeedbackReminder(Delivery):
    """One reminder to one editor about one unanswered feedback (exactly once); the
    life cycle and the shared fields are kb.outbox.Delivery's."""

    feedback = models.ForeignKey(
        AccessibilityFeedback, on_delete=models.CASCADE, related_name="reminders"
    )

    class Meta(Delivery.Meta):
        verbose_name = _("feedback reminder")
        verbose_name_plural = _("feedback reminders")
        constraints = [
            models.UniqueConstraint(fields=["feedback", "recipient"], name="one_feedback_reminder")
        ]

    def __str__(self):
        return f"{self.feedback_id} → {self.recipient_id}: {self.status}"
