"""Forms of the year-clock pages: filters, marking done, imports, the API's parameters."""

import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from kb.models import (
    FIRST_START_YEAR,
    LAST_START_YEAR,
    Role,
    School,
    school_year_dates,
    school_year_label,
)
from kb.people import display_name, people_choices
from yearclock import imports
from yearclock.models import ReminderPreference, Task, YearClock
from yearclock.selectors import current_start_year, offered_start_years

MAX_API_DAYS = 400


def _slug_choices(queryset, empty_label):
    """(slug, name) once per slug, named in the reader's language where translated."""
    seen = {}
    for item in queryset:
        if item.slug not in seen:  # `localized` is a query: once per slug, not per row
            seen[item.slug] = item.localized.name
    return [("", empty_label)] + sorted(seen.items(), key=lambda pair: pair[1].lower())


class FilterForm(forms.Form):
    """Role, school and category by slug, and the school year: a plain GET form.

    The year-clock page, its exports and the open API read their filters through it."""

    FILTERS = ("role", "school", "category")

    role = forms.ChoiceField(label=_("Role"), required=False)
    school = forms.ChoiceField(label=_("School"), required=False)
    category = forms.ChoiceField(label=_("Category"), required=False)
    year = forms.TypedChoiceField(label=_("School year"), required=False, coerce=int)

    def __init__(self, data=None, *, year_clock=None, start_years=(), **kwargs):
        super().__init__(data, **kwargs)
        self.fields["role"].choices = _slug_choices(Role.objects.all(), _("All roles"))
        schools = School.objects.all()
        if year_clock is not None:
            schools = schools.filter(organisation__translation_key=_org_key(year_clock))
        self.fields["school"].choices = _slug_choices(schools, _("All schools"))
        self.fields["category"].choices = [("", _("All categories")), *Task.Category.choices]
        if "year" in self.fields:
            self.fields["year"].choices = [(y, school_year_label(y)) for y in start_years]

    @classmethod
    def for_year_clock(cls, data, year_clock, today):
        """Unbound without a query, so the selector shows the current school year."""
        return cls(
            data or None,
            year_clock=year_clock,
            start_years=offered_start_years(today),
            initial={"year": current_start_year(today)},
        )

    def cleaned_or_empty(self):
        """Valid values; an unknown slug in a shared link shows everything, not an error."""
        if not self.is_bound:
            return {}
        if self.is_valid():
            return self.cleaned_data
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}

    def chosen(self, today):
        """({filter: slug or ""}, the chosen school year's start year)."""
        chosen = self.cleaned_or_empty()
        filters = {name: chosen.get(name) or "" for name in self.FILTERS}
        return filters, chosen.get("year") or current_start_year(today)


def _org_key(year_clock):
    return year_clock.organisation.translation_key


class CompletionForm(forms.Form):
    occurrence = forms.DateField(widget=forms.HiddenInput, input_formats=["%Y-%m-%d"])
    note = forms.CharField(
        label=_("Note (optional)"), required=False, max_length=2000, widget=forms.Textarea
    )
    undo = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ImportForm(forms.Form):
    year_clock = forms.ModelChoiceField(
        label=_("Year clock"), queryset=YearClock.objects.none(), empty_label=None
    )
    default_category = forms.ChoiceField(
        label=_("Category for rows without one"),
        required=False,
        help_text=_("ICS files seldom say which ring a task belongs to."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV (UTF-8), XLSX or ICS, at most 5 MB."),
    )

    MAX_BYTES = 5 * 1024 * 1024

    def __init__(self, *args, year_clocks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year_clock"].queryset = year_clocks

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        if not imports.detect_format(upload.name):
            raise forms.ValidationError(_("Upload a file ending in .csv, .xlsx or .ics."))
        return upload


class OccurrenceQueryForm(FilterForm):
    """The open API's parameters: the page's filters (an unknown slug is an error here,
    a caller must learn of its typo) and a date range; errors become a 400."""

    start = forms.DateField(label="start", input_formats=["%Y-%m-%d"])
    end = forms.DateField(label="end", input_formats=["%Y-%m-%d"])
    yearclock = forms.SlugField(required=False)
    year = None  # the range replaces the school year
    lang = forms.ChoiceField(
        required=False, choices=[("", ""), *((code, code) for code, _name in settings.LANGUAGES)]
    )

    def clean_start(self):
        return within_computed_years(self.cleaned_data["start"])

    def clean_end(self):
        return within_computed_years(self.cleaned_data["end"])

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("end must not be before start."))
            if (end - start) > datetime.timedelta(days=MAX_API_DAYS):
                raise forms.ValidationError(
                    _("The range may be at most %(days)d days.") % {"days": MAX_API_DAYS}
                )
        return data


def within_computed_years(day):
    """A date in the school years recurrence computes (1.8.1900–31.7.2200)."""
    first = school_year_dates(FIRST_START_YEAR)[0]
    last = school_year_dates(LAST_START_YEAR)[1]
    if not first <= day <= last:
        raise forms.ValidationError(
            _("Give a date from %(first)s to %(last)s.")
            % {"first": first.isoformat(), "last": last.isoformat()}
        )
    return day


class FeedLabelForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=80, required=False)


class ReminderPreferenceForm(forms.ModelForm):
    class Meta:
        model = ReminderPreference
        fields = ["email_reminders", "weekly_digest"]


class TaskAdminForm(WagtailAdminModelForm):
    """Choosers list year clocks, roles, schools and guides in the task's own language,
    clocks of the editor's own organisations only (yearclock.permissions), and people
    by name."""

    LOCALIZED_CHOOSERS = ("year_clock", "roles", "schools", "guides")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = self.instance.locale_id or Locale.get_default().pk
        for name in self.LOCALIZED_CHOOSERS:
            if name in self.fields:
                field = self.fields[name]
                field.queryset = field.queryset.filter(locale_id=locale_id)
        if "year_clock" in self.fields and self.for_user is not None:
            field = self.fields["year_clock"]
            field.queryset = field.queryset.managed_by(self.for_user)
        if "owner" in self.fields:
            field = self.fields["owner"]
            field.queryset = people_choices(field.queryset)
            field.label_from_instance = display_name
