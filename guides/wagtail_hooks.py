"""Admin side of page review: report, dashboard panel, verify and history buttons."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from guides import review_menus, review_panels, review_report, review_views
from kb.models import SchoolYear


@hooks.register("register_admin_urls")
def review_urls():
    return [
        path("review/report/", review_report.ReviewReportView.as_view(), name="review_report"),
        path(
            "review/report/results/",
            review_report.ReviewReportView.as_view(results_only=True),
            name="review_report_results",
        ),
        path("review/new-school-year/", review_views.new_school_year_view, name="review_new_year"),
        path("review/<int:page_id>/verify/", review_views.verify_view, name="review_verify_page"),
        path("review/<int:page_id>/", review_views.history_view, name="review_history"),
        path(
            "review/<int:page_id>/year/<int:start_year>/",
            review_views.year_view,
            name="review_year",
        ),
    ]


@hooks.register("register_reports_menu_item")
def review_report_menu_item():
    return MenuItem(_("Content review"), reverse("review_report"), icon_name="tasks", order=50)


@hooks.register("register_reports_menu_item")
def new_school_year_menu_item():
    return review_menus.NewSchoolYearMenuItem(
        _("New school year"), reverse("review_new_year"), icon_name="date", order=51
    )


@hooks.register("construct_homepage_panels")
def review_dashboard_panel(request, panels):
    panels.append(review_panels.ReviewDashboardPanel(request))


def _verify_buttons(page, user, next_url=None):
    if not hasattr(page.specific_class or object, "review_state"):
        return []
    school_year = SchoolYear.objects.current()
    return [
        review_menus.VerifyPageMenuItem(
            page=page, user=user, next_url=next_url, school_year=school_year
        ),
        PageMenuItem(
            label=_("Verification history"),
            url=reverse("review_history", args=[page.pk]),
            icon_name="history",
            priority=66,
            page=page,
        ),
    ]


@hooks.register("register_page_header_buttons")
def verify_header_buttons(page, user, view_name, next_url=None):
    return _verify_buttons(page, user, next_url)


@hooks.register("register_page_listing_more_buttons")
def verify_listing_buttons(page, user, next_url=None):
    return _verify_buttons(page, user, next_url)
