"""The dashboard panel: due and overdue pages, each with a verify button."""

from django.template.loader import render_to_string
from django.urls import reverse

from wagtail.admin.ui.components import Component

from guides.review import decorate, review_queryset
from guides.verification import Status, unverified_status
from kb.models import SchoolYear


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
