"""Editor views of "verified up to date per school year": verify a page, its history,
the revision of a year, the new school year (the report: review_report; the dashboard:
review_panels; menu items: review_menus)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from guides.review import can_verify, decorate, may_review, review_queryset, verify_page
from guides.verification import PageVerification
from kb.models import SchoolYear, school_year_label


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
