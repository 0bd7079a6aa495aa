"""The admin's task listing: one language at a time (the editor's own by default),
the next date of each task, filters by clock, category and role."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.models import Locale
from wagtail.snippets.views.snippets import IndexView

import django_filters

from kb.models import Role, school_year_dates, school_year_start
from yearclock.models import Task, YearClock
from yearclock.occurrences import occurrences_for, school_years_between

LANGUAGE = "language"


def listing_language(request):
    """The language the listing shows: the one asked for, else the editor's own
    admin language (when it is a content language), else the default. "" is all."""
    if LANGUAGE in request.GET:
        asked = request.GET[LANGUAGE]
        return asked if asked in dict(settings.LANGUAGES) or asked == "" else None
    own = (get_language() or "").split("-")[0]
    return own if own in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class TaskFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=settings.LANGUAGES,
        empty_label=_("All languages"),
        method="filter_language",
        widget=forms.RadioSelect,
    )
    year_clock = django_filters.ModelChoiceFilter(
        label=_("Year clock"),
        queryset=lambda request: YearClock.objects.managed_by(request.user).filter(
            locale__language_code=listing_language(request) or settings.LANGUAGE_CODE
        ),
        empty_label=_("All"),
    )
    roles = django_filters.ModelChoiceFilter(
        label=_("Responsible role"),
        queryset=lambda request: Role.objects.filter(
            locale__language_code=listing_language(request) or settings.LANGUAGE_CODE
        ),
        empty_label=_("All"),
    )

    class Meta:
        model = Task
        fields = ["language", "year_clock", "category", "roles", "visibility", "rule"]

    def __init__(self, data=None, *args, request=None, **kwargs):
        if data is not None and request is not None and LANGUAGE not in data:
            # The editor's own language unless they chose another (or all).
            data = data.copy()
            data[LANGUAGE] = listing_language(request)
        super().__init__(data, *args, request=request, **kwargs)

    def _add_locale_filter(self):
        # `language` replaces Wagtail's locale filter: its "All" is the default there,
        # which mixed Finnish and Swedish rows.
        pass

    def filter_language(self, queryset, name, value):
        return queryset.filter(locale__language_code=value) if value else queryset


class NextDateColumn(Column):
    def get_value(self, instance):
        day = getattr(instance, "next_date", None)
        return f"{day:%-d.%-m.%Y}" if day else "–"


def next_dates(tasks, today=None):
    """{task pk: its next date} from today to the end of the next school year."""
    today = today or timezone.localdate()
    end = school_year_dates(school_year_start(today) + 1)[1]
    found = {}
    years = school_years_between(today, end)
    for item in occurrences_for(tasks, today, end, with_completions=False, school_years=years):
        found.setdefault(item.task.pk, item.start_date)
    return found


class TaskIndexView(IndexView):
    def get_locale(self):
        # The add button creates a task in the language the listing shows.
        language = listing_language(self.request) if self.i18n_enabled else None
        if language:
            return Locale.objects.get(language_code=language)
        return super().get_locale()

    @cached_property
    def today(self):
        return timezone.localdate()

    def get_table(self, object_list):
        rows = list(object_list)
        dates = next_dates(rows, self.today)
        for row in rows:
            row.next_date = dates.get(row.pk)
        return super().get_table(rows)


NEXT_DATE = NextDateColumn("next_date", label=_("Next date"))
