"""Editor side of "verified up to date per school year": verify, report, dashboard, history."""

import datetime
import operator
from functools import reduce

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy

import django_filters

from guides.models import SectionPage
from guides.review import CONTENT_MODELS, content_owners, decorate, review_queryset, verify_page
from guides.verification import PageVerification, Status, unverified_status
from kb.models import Organisation, SchoolYear, school_year_label
from kb.people import display_name
from kb.spreadsheets import SafeSpreadsheetExportMixin


def can_verify(page, user):
    """Whoever may edit (or publish) the page may verify it.

    Verifying changes no content, so Wagtail's Editors group, which can edit but
    not publish by default, is enough; readers without page permissions are not.
    """
    return page.permissions_for_user(user).can_edit()


def year_label(start_year):
    return school_year_label(start_year) if start_year else ""


class VerifyForm(forms.Form):
    school_year = forms.ModelChoiceField(
        queryset=SchoolYear.objects.all(),
        required=False,
        error_messages={
            "invalid_choice": _("That school year does not exist. Choose an existing one."),
        },
    )


def _next_url(request, page):
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def verify_view(request, page_id):
    """GET: confirm; POST: record the verification for the chosen or current school year."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not can_verify(page, request.user):
        raise PermissionDenied
    current = SchoolYear.objects.current()
    form = VerifyForm(request.POST or None, initial={"school_year": current})
    if request.method == "POST" and form.is_valid():
        try:
            verification = verify_page(page, request.user, form.cleaned_data["school_year"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("“%(title)s” is verified for the school year %(label)s.")
                % {"title": page.get_admin_display_title(), "label": verification.school_year},
            )
            return redirect(_next_url(request, page))
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(
        request,
        "guides/admin/verify.html",
        {
            "page": page,
            "form": form,
            "school_year": current,
            "state": page.review_state() if hasattr(page, "review_state") else None,
            "next": _next_url(request, page),
            "page_title": _("Verify page"),
            "page_subtitle": page.get_admin_display_title(),
            "header_icon": "tick-inverse",
        },
        status=status,
    )


def history_view(request, page_id):
    """What the page said in each school year it was verified for."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    verifications = page.verifications.select_related("school_year", "verified_by", "revision")
    return TemplateResponse(
        request,
        "guides/admin/history.html",
        {
            "page": page,
            "verifications": verifications,
            "can_verify": can_verify(page, request.user),
            "page_title": _("Verification history"),
            "page_subtitle": page.get_admin_display_title(),
            "header_icon": "history",
        },
    )


def year_view(request, page_id, start_year):
    """Redirect to Wagtail's preview of the revision that was live when the year was verified."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    verification = PageVerification.objects.filter(
        page=page, school_year__start_year=start_year, revision__isnull=False
    ).first()
    if verification is None:
        messages.error(
            request,
            _("The page was not verified for the school year %(label)s.")
            % {"label": year_label(start_year)},
        )
        return redirect("review_history", page_id=page.pk)
    return redirect("wagtailadmin_pages:revisions_view", page.pk, verification.revision_id)


def owned_by(lookup, value):
    """A filter on the content owner of any kind of content page."""
    return reduce(
        operator.or_,
        (
            Q(**{f"{model._meta.model_name}__content_owner{lookup}": value})
            for model in CONTENT_MODELS
        ),
    )


class ReviewFilterSet(WagtailFilterSet):
    verified = django_filters.ChoiceFilter(
        label=_("Review status"),
        choices=[("yes", _("Verified")), ("no", _("Awaiting review"))],
        method="filter_verified",
        empty_label=_("All"),
    )
    language = django_filters.ChoiceFilter(
        label=_("Awaiting review in"),
        choices=settings.LANGUAGES,
        method="filter_language",
        empty_label=_("Any language"),
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Municipality"),
        queryset=lambda request: Organisation.objects.filter(locale=Locale.get_active()),
        method="filter_municipality",
        empty_label=_("All"),
    )
    section = django_filters.ModelChoiceFilter(
        label=_("Section"),
        queryset=lambda request: SectionPage.objects.filter(
            depth=3, locale=Locale.get_default()
        ).order_by("path"),
        method="filter_section",
        empty_label=_("All"),
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Content owner"),
        queryset=lambda request: content_owners(),
        method="filter_owner",
        empty_label=_("All"),
    )

    class Meta:
        model = Page
        fields = ["verified", "language", "municipality", "section", "owner"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["owner"].field.label_from_instance = display_name

    def filter_verified(self, queryset, name, value):
        return queryset.filter(needs_review=(value == "no"))

    def filter_language(self, queryset, name, value):
        if value == settings.LANGUAGE_CODE:
            return queryset.filter(verified_now=False)
        return queryset.filter(translation_verified=False)

    def filter_municipality(self, queryset, name, value):
        return queryset.filter(
            owned_by("__staff_profile__organisation__translation_key", value.translation_key)
        )

    def filter_section(self, queryset, name, value):
        return queryset.filter(path__startswith=value.path)

    def filter_owner(self, queryset, name, value):
        return queryset.filter(owned_by("", value))


class ReviewReportView(SafeSpreadsheetExportMixin, PageReportView):
    """Finnish pages with their Swedish translations, overdue first (guides.review)."""

    page_title = _("Content review")
    header_icon = "tasks"
    results_template_name = "guides/admin/review_report_results.html"
    index_url_name = "review_report"
    index_results_url_name = "review_report_results"
    filterset_class = ReviewFilterSet
    any_permission_required = ["add", "change", "publish"]
    list_export = [
        "title",
        "review_status",
        "translation_title",
        "translation_status",
        "owner_name",
        "section_title",
        "last_verified_label",
        "address",
    ]
    export_headings = {
        "title": _("Title"),
        "review_status": _("Review status"),
        "translation_title": _("Translation"),
        "translation_status": _("Translation's review status"),
        "owner_name": _("Content owner"),
        "section_title": _("Section"),
        "last_verified_label": _("Last verified for"),
        "address": _("Address"),
    }

    def get_filename(self):
        return f"content-review-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        self.school_year = SchoolYear.objects.current()
        self.queryset = review_queryset(self.request.user, self.school_year)
        return super().get_queryset()

    def get_ordering(self):
        return ["-needs_review", "title"]

    def decorate_paginated_queryset(self, object_list):
        return decorate(list(object_list), self.school_year)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["school_year"] = self.school_year
        return context


class ReviewDashboardPanel(Component):
    """Due and overdue pages for the editor, with a one-click verify button."""

    name = "content_review"
    order = 90
    template_name = "guides/admin/dashboard_panel.html"
    list_limit = 10

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        school_year = SchoolYear.objects.current()
        context.update({"school_year": school_year, "request": self.request})
        if school_year is None:
            return context
        pages = review_queryset(self.request.user, school_year).filter(needs_review=True)
        context.update(
            {
                "status": unverified_status(school_year),
                "status_label": Status.labels[unverified_status(school_year)],
                "count": pages.count(),
                "pages": decorate(list(pages[: self.list_limit]), school_year),
                "report_url": reverse("review_report"),
            }
        )
        return context

    def render_html(self, parent_context=None):
        # With the request, so {% csrf_token %} gives the verify forms their token.
        return render_to_string(
            self.template_name, self.get_context_data(parent_context), request=self.request
        )


class VerifyPageMenuItem(PageMenuItem):
    icon_name = "tick-inverse"
    url_name = "review_verify_page"
    priority = 64

    def __init__(self, *, page, user, next_url=None, school_year=None):
        label = _("Verify for %(label)s") % {"label": school_year} if school_year else ""
        super().__init__(label=label, page=page, next_url=next_url)
        self.user = user
        self.school_year = school_year

    def is_shown(self, user):
        return self.school_year is not None and can_verify(self.page, user)


class NewSchoolYearMenuItem(MenuItem):
    def is_shown(self, request):
        return may_review(request.user)


def may_review(user):
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


def new_school_year_view(request):
    """1 August in one sitting: the school year, what became due, what changed since.

    1. the running school year with its term dates and breaks (or where to add it);
    2. how many pages and translations await review, with the report;
    3. each page whose content changed since it was last verified, with Wagtail's
       comparison of the verified revision and the live one.
    """
    if not may_review(request.user):
        raise PermissionDenied
    school_year = SchoolYear.objects.current()
    due_count = page_count = 0
    changed = []
    if school_year is not None:
        pages = review_queryset(request.user, school_year)
        due_count = pages.filter(needs_review=True).count()
        page_count = pages.count()
        verified = pages.filter(verified_revision_id__isnull=False)
        changed = decorate(
            [page for page in verified if page.verified_revision_id != page.live_revision_id],
            school_year,
        )
    return TemplateResponse(
        request,
        "guides/admin/new_school_year.html",
        {
            "school_year": school_year,
            "breaks": school_year.breaks.all() if school_year else [],
            "today": timezone.localdate(),
            "can_add_school_year": request.user.has_perm("kb.add_schoolyear"),
            "can_change_school_year": request.user.has_perm("kb.change_schoolyear"),
            "due_count": due_count,
            "page_count": page_count,
            "changed": changed,
            "report_url": reverse("review_report") + "?verified=no",
            "page_title": _("New school year"),
            "header_icon": "date",
        },
    )
