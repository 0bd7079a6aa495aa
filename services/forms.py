"""Forms of the register: list filters, a request, review steps, the check, imports, the API."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kb.models import School
from kb.translation import in_language
from services.models import Decision, DigitalService, ReviewStep, ServiceRequest
from services.organisations import one_per_key

GRADE_CHOICES = [(grade, str(grade)) for grade in range(1, 10)]
MAX_TEXT = 4000


def slug_choices(items, empty_label):
    return [("", empty_label)] + [(item.slug, item.name) for item in items]


class ListFilterForm(forms.Form):
    """The list's filters, a plain GET form; every field by slug or code."""

    organisation = forms.ChoiceField(label=_("Municipality"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    grade = forms.TypedChoiceField(label=_("Grade"), required=False, coerce=int, empty_value=None)
    school = forms.ChoiceField(label=_("School"), required=False)
    pupil_data = forms.ChoiceField(label=_("Pupils' personal data"), required=False)
    q = forms.CharField(label=_("Name or provider"), required=False, max_length=100)

    def __init__(self, data=None, *, organisations, schools, language, **kwargs):
        super().__init__(data, **kwargs)
        self.organisations = {o.slug: o for o in one_per_key(organisations, language)}
        self.schools = {s.slug: s for s in self._localized_schools(schools, language)}
        self.fields["organisation"].choices = slug_choices(
            self.organisations.values(), _("All municipalities")
        )
        self.fields["status"].choices = [("", _("All statuses")), *Decision.Status.choices]
        self.fields["grade"].choices = [("", _("All grades")), *GRADE_CHOICES]
        self.fields["school"].choices = slug_choices(self.schools.values(), _("All schools"))
        self.fields["pupil_data"].choices = [
            ("", _("Either")),
            ("yes", _("Processes pupils' data")),
            ("no", _("No pupils' data")),
        ]

    @staticmethod
    def _localized_schools(schools, language):
        rows = in_language(schools.select_related("locale", "organisation"), language)
        return sorted(rows, key=lambda s: s.name.lower())

    def filters(self):
        """Keyword arguments for selectors.filter_decisions from the valid fields."""
        data = self.cleaned_data if self.is_bound else {}
        data = {name: value for name, value in data.items() if name not in self.errors}
        pupil_data = {"yes": True, "no": False}.get(data.get("pupil_data") or "")
        return {
            "organisation": self.organisations.get(data.get("organisation") or ""),
            "status": data.get("status") or "",
            "grade": data.get("grade"),
            "school": self.schools.get(data.get("school") or ""),
            "pupil_data": pupil_data,
            "text": (data.get("q") or "").strip(),
        }


class RequestForm(forms.ModelForm):
    """A teacher's request to use a new service."""

    class Meta:
        model = ServiceRequest
        fields = [
            "service_name",
            "provider",
            "website",
            "school",
            "purpose",
            "grade_min",
            "grade_max",
            "pupils_sign_in",
        ]
        widgets = {
            "purpose": forms.Textarea(attrs={"rows": 5, "maxlength": MAX_TEXT}),
            "grade_min": forms.Select(choices=[("", "–"), *GRADE_CHOICES]),
            "grade_max": forms.Select(choices=[("", "–"), *GRADE_CHOICES]),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = School.objects.filter(
            organisation__translation_key=organisation.translation_key,
            locale__language_code=settings.LANGUAGE_CODE,
        )
        self.fields["purpose"].max_length = MAX_TEXT


class StartReviewForm(forms.Form):
    """Link the request to a service already in the register, or add a new one."""

    existing = forms.ModelChoiceField(
        label=_("Service already in the register"),
        queryset=DigitalService.objects.none(),
        required=False,
        help_text=_("Leave empty to add the requested service to the register."),
    )
    slug = forms.SlugField(
        label=_("Short name in addresses"),
        required=False,
        max_length=80,
        help_text=_("For a new service, e.g. sanapeli."),
    )

    def __init__(self, *args, services, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["existing"].queryset = services

    def clean(self):
        data = super().clean()
        existing, slug = data.get("existing"), data.get("slug")
        if existing is None and not slug:
            raise forms.ValidationError(
                _("Choose a service from the register or give a short name for a new one.")
            )
        if existing is None and DigitalService.objects.filter(slug=slug).exists():
            self.add_error("slug", _("A service with this short name is already in the register."))
        return data


class StepForm(forms.Form):
    """Resolve one review step (done or not needed) with the reviewer's notes."""

    kind = forms.ChoiceField(choices=ReviewStep.Kind.choices, widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("Result"),
        choices=[
            (ReviewStep.Status.DONE, ReviewStep.Status.DONE.label),
            (ReviewStep.Status.NOT_NEEDED, ReviewStep.Status.NOT_NEEDED.label),
        ],
    )
    notes = forms.CharField(
        label=_("Reviewer's notes"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.ModelForm):
    """The outcome of a review: the municipality's decision on the service."""

    OUTCOMES = [
        Decision.Status.APPROVED,
        Decision.Status.APPROVED_WITH_CONDITIONS,
        Decision.Status.NOT_APPROVED,
    ]

    class Meta:
        model = Decision
        fields = [
            "status",
            "decided_by_fi",
            "decided_by_sv",
            "grade_min",
            "grade_max",
            "conditions_fi",
            "conditions_sv",
            "reasons_fi",
            "reasons_sv",
        ]
        widgets = {
            "grade_min": forms.Select(choices=[("", "–"), *GRADE_CHOICES]),
            "grade_max": forms.Select(choices=[("", "–"), *GRADE_CHOICES]),
            **{
                name: forms.Textarea(attrs={"rows": 3})
                for name in ("conditions_fi", "conditions_sv", "reasons_fi", "reasons_sv")
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].label = _("Decision")
        self.fields["status"].choices = [(s.value, s.label) for s in self.OUTCOMES]
        for name in ("conditions_fi", "conditions_sv", "reasons_fi", "reasons_sv"):
            self.fields[name].max_length = MAX_TEXT


class CheckForm(forms.Form):
    """One service's start-of-year check."""

    agreement_valid = forms.BooleanField(
        label=_("The data-processing agreement is valid"), required=False
    )
    assessment_current = forms.BooleanField(
        label=_("The impact assessment and its risk assessment are up to date"), required=False
    )
    safeguards_done = forms.BooleanField(
        label=_("The safeguards it names have been carried out"), required=False
    )
    notes = forms.CharField(
        label=_("Notes"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class YearForm(forms.Form):
    """The checklist's school year: one of those defined, up to the current one."""

    year = forms.TypedChoiceField(label=_("School year"), coerce=int)

    def __init__(self, data, *, years):
        super().__init__(data)
        self.years = {year.start_year: year for year in years}
        self.fields["year"].choices = [(year.start_year, year.label) for year in years]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("CSV (UTF-8) or XLSX with the export's columns, at most 2 MB.")
    )

    MAX_BYTES = 2 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Upload a file ending in .csv or .xlsx."))
        return upload


class ServiceQueryForm(forms.Form):
    """The API's parameters; errors become a 400 with these messages."""

    organisation = forms.SlugField(required=False, max_length=80)
    status = forms.ChoiceField(required=False, choices=[("", ""), *Decision.Status.choices])
    grade = forms.TypedChoiceField(
        required=False, choices=[("", ""), *GRADE_CHOICES], coerce=int, empty_value=None
    )
    school = forms.SlugField(required=False, max_length=80)
    pupil_data = forms.ChoiceField(
        required=False, choices=[("", ""), ("true", "true"), ("false", "false")]
    )
    lang = forms.ChoiceField(
        required=False, choices=[("", ""), *((code, code) for code, _name in settings.LANGUAGES)]
    )
