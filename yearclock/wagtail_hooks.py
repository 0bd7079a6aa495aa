"""Admin: year clocks and tasks as translatable snippets, deliveries, dashboard panels
(overdue occurrences; reminders that need a person)."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kb.rights import ManagedViewSetMixin
from yearclock import admin_form, admin_imports, admin_rule, admin_tasks, permissions
from yearclock.forms import TaskAdminForm
from yearclock.models import ReminderDelivery, Task, YearClock
from yearclock.occurrences import overdue_occurrences

OVERDUE_LIMIT = 15


# Editors manage the clocks and tasks of their own organisation only (yearclock.permissions).
for model, policy in permissions.POLICIES.items():
    register_permission_policy(model, policy)


class YearClockViewSet(ManagedViewSetMixin, SnippetViewSet):
    model = YearClock
    icon = "date"
    menu_label = gettext_lazy("Year clocks")
    list_display = ["name", "slug", "kind", "organisation"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]


class TaskViewSet(ManagedViewSetMixin, SnippetViewSet):
    model = Task
    edit_handler = ObjectList(admin_form.task_panels(Task.panels), base_form_class=TaskAdminForm)
    icon = "tasks"
    menu_label = gettext_lazy("Tasks")
    index_view_class = admin_tasks.TaskIndexView
    list_display = ["title", admin_tasks.NEXT_DATE, "year_clock", "category", "visibility"]
    filterset_class = admin_tasks.TaskFilterSet
    # The database, not the search index: the listing is narrowed by organisation
    # through related fields a search backend cannot filter on (FilterFieldError),
    # and a substring finds Finnish compounds ("kysely" in "Kouluterveyskysely").
    search_backend_name = None
    search_fields = ["title"]
    copy_view_enabled = True
    inspect_view_enabled = True


class ReminderDeliveryViewSet(SnippetViewSet):
    """Read mostly: where to see failed reminders and their errors."""

    model = ReminderDelivery
    icon = "mail"
    menu_label = gettext_lazy("Reminder deliveries")
    list_display = ["occurrence_key", "recipient", "offset_days", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    inspect_view_enabled = True
    add_to_admin_menu = False


class YearClockGroup(SnippetViewSetGroup):
    items = (YearClockViewSet, TaskViewSet, ReminderDeliveryViewSet)
    menu_icon = "date"
    menu_label = gettext_lazy("Year clock")
    menu_name = "year-clock"


register_snippet(YearClockGroup)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("yearclock/rule-preview/", admin_rule.preview_view, name="yearclock_rule_preview"),
        path("yearclock/import/", admin_imports.import_view, name="yearclock_import"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_imports.may_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    """Editors who may add tasks find the CSV/XLSX/ICS import from the admin menu."""
    return ImportMenuItem(
        gettext_lazy("Import year clock"), reverse("yearclock_import"), icon_name="upload"
    )


class OverdueOccurrencesPanel(Component):
    """Occurrences past their deadline and not marked done: editors see all, owners theirs."""

    name = "yearclock_overdue"
    order = 150

    def __init__(self, user):
        self.user = user

    def occurrences(self):
        managed = (
            YearClock.objects.managed_by(self.user)
            if self.user.has_perm("yearclock.change_task")
            else YearClock.objects.none()
        )
        tasks = Task.objects.filter(Q(owner=self.user) | Q(year_clock__in=managed))
        return overdue_occurrences(tasks.localized(get_language() or settings.LANGUAGE_CODE))

    def render_html(self, parent_context=None):
        found = self.occurrences()
        if not found:
            return ""
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a> – {} <span class="w-status w-status--label">{}</span></li>',
            (
                (
                    reverse("wagtailsnippets_yearclock_task:edit", args=[item.task.pk]),
                    item.task.title,
                    item.deadline.strftime("%-d.%-m.%Y"),
                    _("overdue"),
                )
                for item in found[:OVERDUE_LIMIT]
            ),
        )
        more = ""
        if len(found) > OVERDUE_LIMIT:
            more = format_html(
                "<p>{}</p>",
                ngettext("and %(count)s more", "and %(count)s more", len(found) - OVERDUE_LIMIT)
                % {"count": len(found) - OVERDUE_LIMIT},
            )
        return format_html(
            '<section class="w-panel" aria-labelledby="yearclock-overdue-heading">'
            '<div class="w-panel__header"><h2 class="w-panel__heading w-panel__heading--label" '
            'id="yearclock-overdue-heading">{}</h2></div>'
            '<div class="w-panel__content"><ul class="listing">{}</ul>{}</div></section>',
            _("Overdue year-clock tasks"),
            rows,
            more,
        )


@hooks.register("account_sections")
def calendar_account_section(request):
    """The calendar and reminders part of the reader's account page (kb.views_account)."""
    return render_to_string("yearclock/includes/account_section.html", request=request)


@hooks.register("construct_homepage_panels")
def add_overdue_panel(request, panels):
    user = request.user
    if (
        user.is_superuser
        or user.has_perm("yearclock.change_task")
        or Task.objects.filter(owner=user).exists()
    ):
        panels.append(OverdueOccurrencesPanel(user))


Status = ReminderDelivery.Status
MAX_ATTEMPTS = ReminderDelivery.limits.max_attempts
# Recovery runs every five minutes; past this a row is not being looked after.
UNATTENDED = ReminderDelivery.limits.stale_claim * 2 + datetime.timedelta(minutes=5)
WAITING = datetime.timedelta(hours=1)


def reminder_problems(now=None):
    """[(label, count, status to list)] of deliveries no worker will finish by itself."""
    now = now or timezone.now()
    deliveries = ReminderDelivery.objects.all()
    return [
        (label, count, status)
        for label, count, status in (
            (
                ngettext(
                    "Given up after %(count)s attempt",
                    "Given up after %(count)s attempts",
                    MAX_ATTEMPTS,
                )
                % {"count": MAX_ATTEMPTS},
                deliveries.filter(status=Status.FAILED, attempts__gte=MAX_ATTEMPTS).count(),
                Status.FAILED,
            ),
            (
                _("Stuck in sending: no worker has recovered them"),
                deliveries.filter(status=Status.SENDING, claimed_at__lt=now - UNATTENDED).count(),
                Status.SENDING,
            ),
            (
                _("Waiting for over an hour: are the reminder workers running?"),
                deliveries.filter(
                    Q(status=Status.PENDING, created_at__lt=now - WAITING)
                    | Q(
                        status=Status.FAILED,
                        attempts__lt=MAX_ATTEMPTS,
                        next_attempt_at__lt=now - WAITING,
                    )
                ).count(),
                Status.PENDING,
            ),
        )
        if count
    ]


class ReminderProblemsPanel(Component):
    """Reminders that need a person: given up, stuck, or waiting for absent workers."""

    name = "yearclock_reminder_problems"
    order = 140

    def render_html(self, parent_context=None):
        problems = reminder_problems()
        if not problems:
            return ""
        listing = reverse("wagtailsnippets_yearclock_reminderdelivery:list")
        rows = format_html_join(
            "",
            '<li><a href="{}?status={}">{}</a>: {}</li>',
            ((listing, status, label, count) for label, count, status in problems),
        )
        return format_html(
            '<section class="w-panel" aria-labelledby="yearclock-reminders-heading">'
            '<div class="w-panel__header"><h2 class="w-panel__heading w-panel__heading--label" '
            'id="yearclock-reminders-heading">{}</h2></div>'
            '<div class="w-panel__content"><p>{}</p><ul class="listing">{}</ul></div></section>',
            _("Reminder e-mails that need attention"),
            _("The errors are in each delivery and in the workers' log."),
            rows,
        )


@hooks.register("construct_homepage_panels")
def add_reminder_problems_panel(request, panels):
    if request.user.has_perm("yearclock.view_reminderdelivery"):
        panels.append(ReminderProblemsPanel())
