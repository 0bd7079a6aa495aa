"""The task form's panels in the admin: the rule's fields with a preview of its dates
(yearclock.admin_rule), and roles and guides as lists with a search box, guides
labelled by their section and starting with the editor's own sections."""

from django import forms
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from yearclock.admin_rule import with_rule_preview

SECTION_DEPTH = 3  # Root (1) > a language's home page (2) > a section


class SearchableCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes with a search box that narrows them (static/yearclock/task-form.js);
    without the script the box stays hidden and every choice is listed."""

    template_name = "yearclock/admin/searchable_checkboxes.html"

    class Media:
        css = {"all": ["yearclock/admin.css"]}
        js = ["yearclock/task-form.js"]


class GuidesPanel(FieldPanel):
    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            field = self.form.fields.get(self.field_name)
            if field is not None and self.request is not None:
                guides_field(field, self.request.user)


def own_section_paths(user, pages):
    """Paths of the pages (sections) where `user` was given page permissions."""
    locales = set(pages.values_list("locale_id", flat=True).distinct())
    direct = PagePermissionPolicy().instances_with_direct_explore_permission(user)
    return [page.path for page in direct if page.locale_id in locales]


def guides_field(field, user):
    """Content pages only (not Root or a home page), the editor's own sections first,
    each labelled "Section › Title"."""
    pages = field.queryset.filter(depth__gt=SECTION_DEPTH - 1)
    own = own_section_paths(user, pages) if not user.is_superuser else []
    first = Q(pk__in=[])
    for path in own:
        first |= Q(path__startswith=path)
    field.queryset = pages.annotate(
        own_section=Case(When(first, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("own_section", "path")
    steplen = Page.steplen * SECTION_DEPTH
    sections = dict(pages.filter(depth=SECTION_DEPTH).values_list("path", "title"))

    def label(page):
        section = sections.get(page.path[:steplen])
        if page.depth == SECTION_DEPTH or section is None:
            return page.title
        return _("%(section)s › %(title)s") % {"section": section, "title": page.title}

    field.label_from_instance = label


def chooser_panels(panels):
    """`panels` with roles and guides as searchable lists (inside rows and groups too)."""
    result = []
    for panel in panels:
        name = getattr(panel, "field_name", None)
        if name == "guides":
            panel = GuidesPanel("guides", widget=SearchableCheckboxes)
        elif name == "roles":
            panel = FieldPanel("roles", widget=SearchableCheckboxes)
        result.append(panel)
    return result


def task_panels(panels):
    return with_rule_preview(chooser_panels(panels))
