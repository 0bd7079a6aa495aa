"""Admin: year clocks and tasks as translatable snippets, deliveries, an overdue panel."""

from django.db.models import Q
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html, format_html_join
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from yearclock.models import ReminderDelivery, Task, YearClock
from yearclock.occurrences import overdue_occurrences

OVERDUE_LIMIT = 15


class YearClockViewSet(SnippetViewSet):
    model = YearClock
    icon = "date"
    menu_label = gettext_lazy("Year clocks")
    list_display = ["name", "slug", "kind", "organisation"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]


class TaskViewSet(SnippetViewSet):
    model = Task
    icon = "tasks"
    menu_label = gettext_lazy("Tasks")
    list_display = ["title", "year_clock", "category", "rule", "visibility", "updated_at"]
    list_filter = ["category", "visibility", "rule", "year_clock"]
    search_fields = ["title", "description"]
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


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("yearclock.add_task")


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    """Editors who may add tasks find the CSV/XLSX/ICS import from the admin menu."""
    # Lazy: the import page lives under the editor's language prefix (/fi/…, /sv/…).
    return ImportMenuItem(
        gettext_lazy("Import year clock"), reverse_lazy("yearclock:import"), icon_name="upload"
    )


class OverdueOccurrencesPanel(Component):
    """Occurrences past their deadline and not marked done: editors see all, owners theirs."""

    name = "yearclock_overdue"
    order = 150

    def __init__(self, user):
        self.user = user

    def occurrences(self):
        tasks = Task.objects.all()
        if not (self.user.is_superuser or self.user.has_perm("yearclock.change_task")):
            tasks = tasks.filter(Q(owner=self.user))
        return overdue_occurrences(tasks.localized(get_language() or "fi"))

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
                _("and %(count)s more") % {"count": len(found) - OVERDUE_LIMIT},
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


@hooks.register("construct_homepage_panels")
def add_overdue_panel(request, panels):
    user = request.user
    if (
        user.is_superuser
        or user.has_perm("yearclock.change_task")
        or Task.objects.filter(owner=user).exists()
    ):
        panels.append(OverdueOccurrencesPanel(user))
