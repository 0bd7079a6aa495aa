"""The task form's "When": only the chosen rule's fields, and a preview of the dates the
rule gives in the current and the next school year.

The preview is rendered by the server, on load for the saved rule (so it works without
the script) and by `preview_view` as the editor changes the rule
(static/yearclock/task-form.js swaps it in). Validation stays the model's
(Task.clean, recurrence.validate): the script only shows and hides.
"""

import json

from django import forms
from django.http import JsonResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from wagtail.admin.panels import MultiFieldPanel, Panel
from wagtail.permissions import policy_registry

from kb.models import school_year_dates, school_year_start
from yearclock import recurrence
from yearclock.models import Task
from yearclock.occurrences import build_occurrence, original_dates, school_years_between

RULE_FIELDS = sorted({name for names in recurrence.FIELDS.values() for name in names})
# Read by the preview too: whether and where a date moves, and term time.
PREVIEW_FIELDS = ["rule", *RULE_FIELDS, "within_terms", "move_to_working_day"]
PREVIEW_LIMIT = 12  # dates shown per school year; a weekly rule gives ~50


class PreviewForm(forms.ModelForm):
    """The rule's fields from the task form's query string, parsed as the task form does."""

    class Meta:
        model = Task
        fields = PREVIEW_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A half-filled rule is previewed, not refused: recurrence.errors says what
        # it lacks, in the same words as saving.
        for field in self.fields.values():
            field.required = False

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            model_field = Task._meta.get_field(name)
            if value in (None, "") and not model_field.null and model_field.has_default():
                cleaned[name] = model_field.get_default()
        return cleaned


def preview(task, today=None):
    """The context of the preview: the rule's problems, or its dates per school year."""
    if not task.rule:
        return {"problems": [_("Choose how the task repeats.")]}
    problems = recurrence.errors(recurrence.Rule.of(task))
    if problems:
        return {"problems": list(problems.values())}
    today = today or timezone.localdate()
    first = school_year_start(today)
    years = school_years_between(school_year_dates(first)[0], school_year_dates(first + 1)[1])
    return {
        "years": [
            {
                "label": year.label,
                "known": year.pk is not None,
                "dates": dates[:PREVIEW_LIMIT],
                "more": max(len(dates) - PREVIEW_LIMIT, 0),
            }
            for year in years
            for dates in [year_preview(task, year)]
        ]
    }


def year_preview(task, year):
    return [
        build_occurrence(task, year, original, ordinal=ordinal)
        for ordinal, original in enumerate(original_dates(task, year), 1)
    ]


def render_preview(task, request=None):
    return render_to_string("yearclock/admin/rule_preview.html", preview(task), request=request)


def may_edit_tasks(user):
    """Whoever may add or change tasks may ask for a preview (as the task form)."""
    return policy_registry.get_by_type(Task).user_has_any_permission(user, ["add", "change"])


@require_GET
def preview_view(request):
    """JSON {"html": the preview} for the rule in the query string."""
    if not may_edit_tasks(request.user):
        return JsonResponse({"error": "forbidden"}, status=403)
    form = PreviewForm(request.GET)
    if not form.is_valid():
        problems = [message for messages in form.errors.values() for message in messages]
        html = render_to_string(
            "yearclock/admin/rule_preview.html", {"problems": problems}, request=request
        )
        return JsonResponse({"html": html})
    return JsonResponse({"html": render_preview(form.instance, request)})


class RulePreviewPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "yearclock/admin/rule_preview_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["preview"] = render_preview(self.instance, self.request)
            context["preview_url"] = reverse("yearclock_rule_preview")
            context["preview_fields"] = json.dumps(PREVIEW_FIELDS)
            return context

        @property
        def media(self):
            return forms.Media(js=["yearclock/task-form.js"])


def with_rule_preview(panels):
    """`panels` with the rule's fields marked for the script and the preview after them."""
    result = []
    for panel in panels:
        names = [getattr(child, "field_name", None) for child in getattr(panel, "children", [])]
        if isinstance(panel, MultiFieldPanel) and "rule" in names:
            panel = MultiFieldPanel(
                [*panel.children, RulePreviewPanel()],
                heading=panel.heading,
                attrs={
                    "data-yearclock-rule": json.dumps(recurrence.FIELDS),
                    "data-yearclock-rule-required": json.dumps(recurrence.REQUIRED),
                },
            )
        result.append(panel)
    return result
