"""Editor side of "verified up to date per school year": verify, report, dashboard, history."""

import datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, Max, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import LocaleFilter, WagtailFilterSet
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

import django_filters

from guides.models import GuidePage, MemoPage, PageVerification, ProcessPage, SkillPage
from guides.review import Status, unverified_status, verify_page
from kb.models import SchoolYear, school_year_label
from kb.spreadsheets import SafeSpreadsheetExportMixin


def content_page_models():
    return [GuidePage, ProcessPage, SkillPage, MemoPage]


def can_verify(page, user):
    """Whoever may edit (or publish) the page may verify it.

    Verifying changes no content, so Wagtail's Editors group, which can edit but
    not publish by default, is enough; readers without page permissions are not.
    """
    return page.permissions_for_user(user).can_edit()


def review_queryset(user, school_year):
    """Content pages the user may edit, annotated with verification facts."""
    pages = (
        PagePermissionPolicy()
        .instances_user_has_permission_for(user, "change")
        .type(*content_page_models())
        .select_related("locale", "content_type")
        .annotate(
            last_verified_start_year=Max("verifications__school_year__start_year"),
            verified_now=Exists(
                PageVerification.objects.filter(page=OuterRef("pk"), school_year=school_year)
            ),
        )
        .order_by("title", "locale__language_code")
    )
    return pages


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


class ReviewFilterSet(WagtailFilterSet):
    verified = django_filters.ChoiceFilter(
        label=_("Review status"),
        choices=[("yes", _("Verified")), ("no", _("Awaiting review"))],
        method="filter_verified",
        empty_label=_("All"),
    )
    locale = LocaleFilter(label=_("Language"), choices=settings.LANGUAGES, empty_label=_("All"))

    class Meta:
        model = Page
        fields = ["verified", "locale", "live"]

    def filter_verified(self, queryset, name, value):
        if value in ("yes", "no"):
            return queryset.filter(verified_now=(value == "yes"))
        return queryset


class ReviewReportView(SafeSpreadsheetExportMixin, PageReportView):
    page_title = _("Content review")
    header_icon = "tasks"
    results_template_name = "guides/admin/review_report_results.html"
    index_url_name = "review_report"
    index_results_url_name = "review_report_results"
    filterset_class = ReviewFilterSet
    any_permission_required = ["add", "change", "publish"]
    list_export = [
        "title",
        "language",
        "type_label",
        "owner_name",
        "last_verified_label",
        "review_status",
        "address",
    ]
    export_headings = {
        "title": _("Title"),
        "language": _("Language"),
        "type_label": _("Type"),
        "owner_name": _("Content owner"),
        "last_verified_label": _("Last verified for"),
        "review_status": _("Review status"),
        "address": _("Address"),
    }

    def get_filename(self):
        return f"content-review-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        self.school_year = SchoolYear.objects.current()
        self.queryset = review_queryset(self.request.user, self.school_year)
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        unverified = unverified_status(self.school_year) if self.school_year else Status.UNSCHEDULED
        pages = list(object_list)
        owners = {
            page.pk: page.specific_deferred.content_owner
            for page in pages
            if hasattr(page.specific_deferred, "content_owner")
        }
        for page in pages:
            status = Status.VERIFIED if page.verified_now else unverified
            page.review_status_code = status
            page.review_status = str(Status.labels[status])
            page.last_verified_label = year_label(page.last_verified_start_year)
            page.language = page.locale.get_display_name()
            page.type_label = str(page.content_type.model_class()._meta.verbose_name).capitalize()
            owner = owners.get(page.pk)
            page.owner_name = (owner.get_full_name() or owner.get_username()) if owner else ""
            page.address = page.full_url or ""
        return pages

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
        pages = review_queryset(self.request.user, school_year).filter(verified_now=False)
        context.update(
            {
                "status": unverified_status(school_year),
                "status_label": Status.labels[unverified_status(school_year)],
                "count": pages.count(),
                "pages": pages[: self.list_limit],
                "report_url": reverse("review_report"),
            }
        )
        return context


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
