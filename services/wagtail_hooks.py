"""Admin: the register as snippets limited to the editor's organisation, a dashboard panel
of what falls due, and links the year clock's task pages and guide pages show."""

import uuid

from django import forms
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import path, reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    extract_panel_definitions_from_model_class,
)
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kb.access import Reader, reader_for
from kb.models import Organisation
from kb.rights import ManagedViewSetMixin, OrganisationPermissionPolicy
from services import admin_imports, selectors
from services.models import (
    DataProcessingAgreement,
    Decision,
    DigitalService,
    EmailDelivery,
    ImpactAssessment,
    SchoolYearCheck,
    ServiceRequest,
    YearClockLink,
)


def staff_organisation_keys(user):
    """The register's rule for kb.rights: the staff of a row's organisation manage it, so a
    region's services are kept by its member municipalities' staff (kb.access), as UUIDs."""
    return [uuid.UUID(key) for key in Reader.for_user(user).organisation_keys]


def staff_keys(user):
    """`staff_organisation_keys`, or None for superusers (every organisation)."""
    return None if Reader.for_user(user).sees_everything else staff_organisation_keys(user)


class OrganisationForm(WagtailAdminModelForm):
    """Offers only organisations whose staff the editor is (default-language rows)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        keys = staff_keys(self.for_user) if self.for_user else None
        if "organisation" in self.fields and keys is not None:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                translation_key__in=keys, locale__language_code=settings.LANGUAGE_CODE
            )


class RegisterViewSet(ManagedViewSetMixin, SnippetViewSet):
    """Listings and every view of one row: the rows of the user's organisations only
    (kb.rights, with the register's rule)."""

    search_backend_name = None  # the ORM's icontains over search_fields
    base_form_class = OrganisationForm

    def get_edit_handler(self):
        panels = getattr(self, "panels", None) or extract_panel_definitions_from_model_class(
            self.model, exclude=self.get_exclude_form_fields()
        )
        handler = ObjectList(panels, base_form_class=self.base_form_class)
        return handler.bind_to_model(self.model)


def pair(name, heading):
    return MultiFieldPanel([FieldPanel(f"{name}_fi"), FieldPanel(f"{name}_sv")], heading=heading)


class DigitalServiceViewSet(RegisterViewSet):
    model = DigitalService
    icon = "globe"
    menu_label = _("Digital services")
    list_display = ["name_fi", "provider", "organisation", "updated_at"]
    list_filter = ["organisation", "processes_pupil_data"]
    search_fields = ["name_fi", "name_sv", "provider", "slug", "slug_sv"]
    inspect_view_enabled = True
    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldRowPanel([FieldPanel("slug"), FieldPanel("slug_sv")]),
                FieldRowPanel([FieldPanel("name_fi"), FieldPanel("name_sv")]),
                FieldPanel("provider"),
                FieldPanel("website"),
            ],
            heading=_("Service"),
        ),
        pair("purpose", _("Purpose")),
        MultiFieldPanel(
            [FieldPanel("data_categories"), FieldPanel("processes_pupil_data")],
            heading=_("Personal data"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_statement"),
                FieldPanel("accessibility_gaps_fi"),
                FieldPanel("accessibility_gaps_sv"),
            ],
            heading=_("Accessibility"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("privacy_notice_fi"),
                FieldPanel("privacy_notice_sv"),
                FieldPanel("privacy_notice_updated_on"),
            ],
            heading=_("Privacy notice"),
        ),
        FieldPanel("guides"),
    ]


class DecisionViewSet(RegisterViewSet):
    model = Decision
    icon = "success"
    menu_label = _("Decisions")
    list_display = ["service", "organisation", "status", "decided_on"]
    list_filter = ["status", "organisation"]
    search_fields = ["service__name_fi", "service__name_sv", "decided_by_fi", "decided_by_sv"]
    inspect_view_enabled = True
    panels = [
        FieldPanel("service"),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("decided_on")]),
        FieldRowPanel([FieldPanel("decided_by_fi"), FieldPanel("decided_by_sv")]),
        FieldRowPanel([FieldPanel("grade_min"), FieldPanel("grade_max")]),
        FieldPanel("roles", widget=forms.CheckboxSelectMultiple),
        FieldPanel("schools", widget=forms.CheckboxSelectMultiple),
        pair("conditions", _("Conditions of use")),
        pair("reasons", _("Reasons")),
        pair("internal_conditions", _("Internal conditions (staff only)")),
        FieldPanel("owner"),
    ]


class AgreementViewSet(RegisterViewSet):
    model = DataProcessingAgreement
    icon = "doc-full"
    menu_label = _("Data-processing agreements")
    list_display = ["service", "organisation", "status", "valid_until"]
    list_filter = ["status", "organisation"]
    search_fields = ["service__name_fi", "service__provider"]
    panels = [
        FieldPanel("service"),
        FieldPanel("organisation"),
        FieldPanel("status"),
        FieldRowPanel([FieldPanel("signed_on"), FieldPanel("valid_until")]),
        FieldPanel("document"),
        FieldPanel("notes"),
    ]


class AssessmentViewSet(RegisterViewSet):
    model = ImpactAssessment
    icon = "warning"
    menu_label = _("Impact assessments")
    list_display = ["service", "organisation", "needed", "completed_on", "next_review"]
    list_filter = ["needed", "risk_level", "organisation"]
    search_fields = ["service__name_fi"]
    panels = [
        FieldPanel("service"),
        FieldPanel("organisation"),
        FieldPanel("needed"),
        pair("justification", _("Why needed or not")),
        FieldRowPanel([FieldPanel("completed_on"), FieldPanel("next_review")]),
        FieldPanel("risk_level"),
        pair("risk_details", _("Risk details (staff only)")),
        FieldPanel("document"),
        InlinePanel("safeguards", label=_("Safeguards")),
    ]


class CheckViewSet(RegisterViewSet):
    model = SchoolYearCheck
    icon = "tick-inverse"
    menu_label = _("School-year checks")
    list_display = ["service", "organisation", "school_year", "checked_by", "checked_at"]
    list_filter = ["school_year", "organisation"]
    inspect_view_enabled = True


class RequestViewSet(RegisterViewSet):
    model = ServiceRequest
    icon = "mail"
    menu_label = _("Service requests")
    list_display = ["service_name", "organisation", "status", "requested_by", "created_at"]
    list_filter = ["status", "organisation"]
    search_fields = ["service_name", "provider"]
    inspect_view_enabled = True


class DeliveryViewSet(RegisterViewSet):
    model = EmailDelivery
    icon = "mail"
    menu_label = _("E-mail deliveries")
    list_display = ["kind", "subject_key", "recipient", "due_on", "status", "attempts"]
    list_filter = ["status", "kind"]
    inspect_view_enabled = True


class YearClockLinkForm(WagtailAdminModelForm):
    """Choose the task by its title; the link keeps its translation key."""

    task = forms.ChoiceField(label=_("Year-clock task"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from yearclock.models import Task

        tasks = Task.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        self.fields["task"].choices = [(str(t.translation_key), str(t)) for t in tasks]
        if self.instance.task_key:
            self.initial["task"] = str(self.instance.task_key)

    def save(self, commit=True):
        self.instance.task_key = uuid.UUID(self.cleaned_data["task"])
        return super().save(commit)


class YearClockLinkViewSet(SnippetViewSet):
    model = YearClockLink
    icon = "date"
    menu_label = _("Year-clock links")
    list_display = ["purpose", "task_key"]
    edit_handler = ObjectList(
        [FieldPanel("task"), FieldPanel("purpose")], base_form_class=YearClockLinkForm
    )


class RegisterGroup(SnippetViewSetGroup):
    items = (
        DigitalServiceViewSet,
        DecisionViewSet,
        AgreementViewSet,
        AssessmentViewSet,
        CheckViewSet,
        RequestViewSet,
        DeliveryViewSet,
        YearClockLinkViewSet,
    )
    menu_icon = "globe"
    menu_label = _("Service register")
    menu_name = "service-register"
    menu_order = 260


for organisation_model in (
    DigitalService,
    Decision,
    DataProcessingAgreement,
    ImpactAssessment,
    SchoolYearCheck,
    ServiceRequest,
    EmailDelivery,
):
    register_permission_policy(
        organisation_model,
        OrganisationPermissionPolicy(organisation_model, organisation_keys=staff_organisation_keys),
        exact_class=True,
    )
register_snippet(RegisterGroup)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_imports.may_import(request.user)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("services/import/", admin_imports.import_view, name="services_import")]


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Import service register"), reverse_lazy("services_import"), icon_name="upload"
    )


# -- the dashboard --------------------------------------------------------------------------


class DueItemsPanel(Component):
    """Agreements ending and reviews falling due within the window, in the editor's
    municipalities (or all, for superusers)."""

    name = "services_due"
    order = 160
    limit = 15

    def __init__(self, user):
        self.user = user

    def render_html(self, parent_context=None):
        items = selectors.due_items(organisation_keys=staff_keys(self.user))
        if not items:
            return ""
        context = {
            "items": items[: self.limit],
            "more": max(len(items) - self.limit, 0),
            "window": selectors.reminder_window_days(),
        }
        return render_to_string("services/admin/due_panel.html", context)


@hooks.register("construct_homepage_panels")
def add_due_panel(request, panels):
    if request.user.has_perm("services.change_decision"):
        panels.append(DueItemsPanel(request.user))


# -- links on other apps' pages ---------------------------------------------------------


@hooks.register("yearclock_task_links")
def register_links_for_task(request, task):
    """A year-clock task linked to the check or the queue opens it (YearClockLink)."""
    purposes = set(
        YearClockLink.objects.filter(task_key=task.translation_key).values_list(
            "purpose", flat=True
        )
    )
    links = []
    if YearClockLink.Purpose.CHECK in purposes:
        links.append((_("Open the start-of-year check of the services"), reverse("services:check")))
    if YearClockLink.Purpose.REVIEW in purposes:
        links.append((_("Open the queue of service requests"), reverse("services:queue")))
    return links


@hooks.register("guide_related_content")
def services_on_guide(request, page):
    """Services that name this guide as related, public fields only."""
    related = selectors.related_to_page(page)
    if not related:
        return ""
    return render_to_string(
        "services/includes/related_services.html",
        {"related": related, "reader": reader_for(request)},
        request=request,
    )
