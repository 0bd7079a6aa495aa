"""Review work: verifying pages, the review report's rows, the new school year.

What *verified*, *due* and *overdue* mean, and the PageVerification record, are in
guides.verification.

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

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import (
    BooleanField,
    Case,
    Exists,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from guides.models import GuidePage, MemoPage, ProcessPage, SkillPage
from guides.verification import PageVerification, Status, unverified_status
from kb.models import SchoolYear, school_year_label
from kb.people import display_name


def can_verify(page, user):
    """Whoever may edit (or publish) the page may verify it.

    Verifying changes no content, so Wagtail's Editors group, which can edit but
    not publish by default, is enough; readers without page permissions are not.
    """
    return page.permissions_for_user(user).can_edit()


def may_review(user):
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


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


# -- the review report and dashboard: Finnish pages with their translations ------------

CONTENT_MODELS = [GuidePage, ProcessPage, SkillPage, MemoPage]


def review_queryset(user, school_year):
    """Content pages in the site's default language that `user` may edit, one row each
    with its translation, those awaiting review first.

    Annotations: `verified_now` (the page, for `school_year`), `translation_id`,
    `translation_title`, `translation_verified` (verified for `school_year` after the
    source page was last published: a translation whose source changed since counts
    as due), `translation_verified_now` (for the year at all), `needs_review`,
    `last_verified_start_year`, `verified_revision_id` (the revision live when it was
    last verified) and `content_owner_id`.
    """
    current = PageVerification.objects.filter(school_year=school_year)
    translation = Page.objects.filter(translation_key=OuterRef("translation_key")).exclude(
        locale_id=OuterRef("locale_id")
    )
    of_translation = current.filter(page__translation_key=OuterRef("translation_key")).exclude(
        page__locale_id=OuterRef("locale_id")
    )
    return (
        PagePermissionPolicy()
        .instances_user_has_permission_for(user, "change")
        .type(*CONTENT_MODELS)
        .filter(locale=Locale.get_default())
        .select_related("locale", "content_type")
        .annotate(
            last_verified_start_year=Max("verifications__school_year__start_year"),
            verified_revision_id=Subquery(
                PageVerification.objects.filter(page=OuterRef("pk"))
                .order_by("-school_year__start_year")
                .values("revision_id")[:1]
            ),
            verified_now=Exists(current.filter(page=OuterRef("pk"))),
            translation_id=Subquery(translation.values("pk")[:1]),
            translation_title=Subquery(translation.values("title")[:1]),
            translation_verified_now=Exists(of_translation),
            translation_verified=Exists(
                of_translation.filter(verified_at__gte=OuterRef("last_published_at"))
            ),
            content_owner_id=Coalesce(
                *(f"{model._meta.model_name}__content_owner" for model in CONTENT_MODELS)
            ),
        )
        .annotate(
            needs_review=Case(
                When(
                    Q(verified_now=True)
                    & (Q(translation_verified=True) | Q(translation_id__isnull=True)),
                    then=Value(False),
                ),
                default=Value(True),
                output_field=BooleanField(),
            )
        )
        .order_by("-needs_review", "title")
    )


def content_owners():
    """People who own content pages, for a filter."""
    owned = Q()
    for model in CONTENT_MODELS:
        owned |= Q(pk__in=model.objects.values("content_owner"))
    return get_user_model().objects.filter(owned).order_by("first_name", "last_name")


def decorate(pages, school_year):
    """Labels for a page of report rows: statuses, owner, section, translation."""
    unverified = unverified_status(school_year) if school_year else Status.UNSCHEDULED
    owners = get_user_model().objects.in_bulk(
        {p.content_owner_id for p in pages if p.content_owner_id}
    )
    section_paths = {p.path[: Page.steplen * 3] for p in pages}
    sections = {s.path: s for s in Page.objects.filter(path__in=section_paths)}
    for page in pages:
        status = Status.VERIFIED if page.verified_now else unverified
        page.review_status_code = status
        page.review_status = str(Status.labels[status])
        if page.translation_id is None:
            page.translation_status_code, page.translation_status = "", ""
        else:
            code = Status.VERIFIED if page.translation_verified else unverified
            page.translation_status_code = code
            page.translation_status = str(Status.labels[code])
            page.translation_source_changed = (
                page.translation_verified_now and not page.translation_verified
            )
        page.last_verified_label = (
            school_year_label(page.last_verified_start_year)
            if page.last_verified_start_year
            else ""
        )
        owner = owners.get(page.content_owner_id)
        page.owner_name = display_name(owner) if owner else ""
        section = sections.get(page.path[: Page.steplen * 3])
        page.section_title = section.title if section else ""
        page.type_label = capfirst(page.content_type.model_class()._meta.verbose_name)
        page.address = page.full_url or ""
        page.changed_since_verified = bool(
            page.verified_revision_id and page.verified_revision_id != page.live_revision_id
        )
    return pages
