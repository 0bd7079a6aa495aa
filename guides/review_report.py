"""The content review report: Finnish pages with their Swedish translations, filtered
and exported (guides.review decides what is due)."""

import datetime
import operator
from functools import reduce

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Locale, Page

import django_filters

from guides.models import SectionPage
from guides.review import CONTENT_MODELS, content_owners, decorate, review_queryset
from kb.models import Organisation, SchoolYear
from kb.people import display_name
from kb.spreadsheets import SafeSpreadsheetExportMixin


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
