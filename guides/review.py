"""Is a page verified up to date for the current school year?

A page is *verified* when its content owner (or an editor) has confirmed it for
the school year that is running today. When a new school year starts on 1.8.,
every page not yet verified for it becomes *due*; after REVIEW_GRACE_DAYS
(default 60) it is *overdue*. Verification is a PageVerification record, not a
page revision, so it never touches the content.

Why not wagtail-periodic-review 0.5.0 (evaluated): it schedules reviews as
"last review date + N months" and stores the dates as fields on the page, so a
review means saving the page (a new revision); nothing anchors it to the school
year 1.8.–31.7. Its `PeriodicReviewFrequencySettings.set_next_review_dates`
computes new dates in a loop but never appends them to `to_update`, so the final
`bulk_update` writes nothing (and `.only("id", "next_review_date")` then reads the
deferred `last_review_date` once per page). It also only walks the default
site's root tree, missing the Swedish pages. A verification record per
(page, school year) is simpler and keeps the revision each year was verified at.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from guides.models import PageVerification
from kb.models import SchoolYear, school_year_start

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


def verify_page(page, user, school_year=None):
    """Record that `page` is up to date for `school_year` (default: the current one).

    Raises ValidationError (translated) when there is no such school year.
    Verifying again for the same year refreshes who and when.
    """
    if school_year is None:
        school_year = SchoolYear.objects.current()
        if school_year is None:
            raise ValidationError(
                _("No school year has been defined for today. Add it under Settings first."),
                code="no_school_year",
            )
    # Read from the database: the instance may predate its latest publish.
    live_revision_id = (
        Page.objects.filter(pk=page.pk, live=True)
        .values_list("live_revision_id", flat=True)
        .first()
    )
    with transaction.atomic():
        verification, _created = PageVerification.objects.update_or_create(
            page_id=page.pk,
            school_year=school_year,
            defaults={
                "verified_by": user,
                "verified_at": timezone.now(),
                "revision_id": live_revision_id,
            },
        )
    if hasattr(page, "_review_state"):
        del page._review_state
    return verification
