"""Is a page verified up to date for the current school year? (the model and its states)

A page is *verified* when its content owner (or an editor) has confirmed it for
the school year that is running today. When a new school year starts on 1.8.,
every page not yet verified for it becomes *due*; after REVIEW_GRACE_DAYS
(default 60) it is *overdue*. Verification is a PageVerification record, not a
page revision, so it never touches the content. The report, the verify action and
the new school year are in guides.review; this module imports no page model, so
pages can ask for their state (ContentPage.review_state) without an import cycle.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kb.models import SchoolYear, school_year_start


class PageVerification(models.Model):
    """A content owner's statement that a page is up to date for a school year.

    Kept apart from page revisions on purpose: verifying changes nothing in the
    content, but remembers which revision was live, so editors can later see
    what the page said in that school year.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="verifications",
    )
    school_year = models.ForeignKey(
        "kb.SchoolYear",
        verbose_name=_("school year"),
        on_delete=models.PROTECT,
        related_name="verifications",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), default=timezone.now)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("live revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("page verification")
        verbose_name_plural = _("page verifications")
        ordering = ["-school_year__start_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["page", "school_year"], name="unique_verification_per_school_year"
            )
        ]

    def __str__(self):
        return f"{self.page} – {self.school_year}"


DEFAULT_GRACE_DAYS = 60


class Status:
    VERIFIED = "verified"
    DUE = "due"
    OVERDUE = "overdue"
    UNSCHEDULED = "unscheduled"  # no school year defined for today

    labels = {
        VERIFIED: _("Verified"),
        DUE: _("Due for review"),
        OVERDUE: _("Overdue"),
        UNSCHEDULED: _("No school year"),
    }


def grace_days():
    return int(getattr(settings, "REVIEW_GRACE_DAYS", DEFAULT_GRACE_DAYS))


@dataclass(frozen=True)
class ReviewState:
    status: str
    school_year: SchoolYear | None  # the current one
    last_verified: PageVerification | None
    overdue_from: datetime.date | None = None

    @property
    def label(self):
        return Status.labels[self.status]

    @property
    def is_verified(self):
        return self.status == Status.VERIFIED

    @property
    def needs_review(self):
        return self.status in (Status.DUE, Status.OVERDUE)

    @property
    def last_verified_year(self):
        return self.last_verified.school_year if self.last_verified else None


def unverified_status(school_year, today=None):
    """Due or overdue: the same for every unverified page on a given day."""
    today = today or timezone.localdate()
    if today >= overdue_date(school_year):
        return Status.OVERDUE
    return Status.DUE


def overdue_date(school_year):
    return school_year.start_date + datetime.timedelta(days=grace_days())


def review_state_for(page, today=None):
    today = today or timezone.localdate()
    current = SchoolYear.objects.for_date(today)
    running_start_year = school_year_start(today)
    last = (
        PageVerification.objects.filter(
            page_id=page.pk, school_year__start_year__lte=running_start_year
        )
        .select_related("school_year", "verified_by")
        .order_by("-school_year__start_year")
        .first()
    )
    if current is None:
        return ReviewState(Status.UNSCHEDULED, None, last)
    if last is not None and last.school_year_id == current.pk:
        return ReviewState(Status.VERIFIED, current, last)
    return ReviewState(unverified_status(current, today), current, last, overdue_date(current))
