"""Admin: organisation snippets (translatable), school years, staff profiles, the checker."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.models import Locale
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from kb import access, feedback
from kb.models import AccessibilityFeedback, Organisation, Role, School, SchoolYear, StaffProfile
from kb.people import display_name, people_choices
from kb.rights import ManagedViewSetMixin, OrganisationPermissionPolicy


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "site"
    list_display = ["name", "kind", "parent", "locale"]
    list_filter = ["kind", "locale"]
    search_fields = ["name"]


class SchoolViewSet(SnippetViewSet):
    model = School
    icon = "home"
    list_display = ["name", "organisation", "kind", "locale"]
    list_filter = ["organisation", "kind", "locale"]
    search_fields = ["name"]


class RoleViewSet(SnippetViewSet):
    model = Role
    icon = "group"
    list_display = ["name", "slug", "is_staff_role", "locale"]
    list_filter = ["is_staff_role", "locale"]
    search_fields = ["name"]


class SchoolYearViewSet(SnippetViewSet):
    model = SchoolYear
    icon = "date"
    list_display = ["label", "autumn_term_start", "spring_term_end"]
    panels = [
        FieldPanel("start_year"),
        FieldPanel("autumn_term_start"),
        FieldPanel("autumn_term_end"),
        FieldPanel("spring_term_start"),
        FieldPanel("spring_term_end"),
        InlinePanel("breaks", label=capfirst(_("holidays and breaks"))),
    ]


class StaffProfileForm(WagtailAdminModelForm):
    """A profile's organisation, roles and schools are chosen in the default language only
    (each exists once per language; compared by translation key), people by name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = Locale.get_default()
        for name in ("organisation", "roles", "schools"):
            field = self.fields[name]
            field.queryset = field.queryset.filter(locale=default)
        self.fields["user"].queryset = people_choices(self.fields["user"].queryset)
        self.fields["user"].label_from_instance = display_name


class StaffProfileViewSet(SnippetViewSet):
    model = StaffProfile
    icon = "user"
    list_display = ["user", "organisation"]
    list_filter = ["organisation", "language"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    edit_handler = ObjectList(
        [
            FieldPanel("user"),
            FieldPanel("organisation"),
            FieldPanel("roles"),
            FieldPanel("schools"),
            FieldPanel("language"),
            FieldPanel("valid_until"),
        ],
        base_form_class=StaffProfileForm,
    )


class OrganisationGroup(SnippetViewSetGroup):
    menu_label = _("Organisation")
    menu_icon = "site"
    menu_order = 250
    items = [
        OrganisationViewSet,
        SchoolViewSet,
        RoleViewSet,
        SchoolYearViewSet,
        StaffProfileViewSet,
    ]


register_snippet(OrganisationGroup)


# The Act on the Provision of Digital Services (306/2019) requires WCAG 2.1 AA: the
# editor's built-in checker runs those rules (and best practices), not only Wagtail's
# short default list. Wagtail's own content rules stay enabled through their settings.
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@hooks.register("construct_wagtail_userbar")
def check_wcag_21_aa(request, items, page):
    for item in items:
        if isinstance(item, ContentCheckerItem):
            item.axe_run_only = WCAG_21_AA


@hooks.register("before_serve_document")
def serve_only_to_readers_of_the_content(document, request):
    """A document is as visible as the content that uses it (kb.access).

    Someone not signed in is sent to sign in when staff could open the document;
    everyone else who may not see it gets the same 404 as for a missing file.
    """
    reader = access.reader_for(request)
    audience = access.audience_of(document)
    if reader.may_see(audience):
        return None
    if reader.is_anonymous and audience.scopes:
        return redirect_to_login(request.get_full_path())
    raise Http404


class AccessibilityFeedbackViewSet(ManagedViewSetMixin, SnippetViewSet):
    """Feedback from the accessibility statement, for its organisation's editors (kb.rights),
    with the answer deadline; an answer saved here is e-mailed to the sender."""

    model = AccessibilityFeedback
    icon = "mail"
    menu_label = _("Accessibility feedback")
    add_to_admin_menu = True
    list_display = ["created_at", "due_on", "organisation", "answered_at"]
    list_filter = ["organisation"]
    search_backend_name = None


register_permission_policy(
    AccessibilityFeedback, OrganisationPermissionPolicy(AccessibilityFeedback), exact_class=True
)
register_snippet(AccessibilityFeedbackViewSet)


@hooks.register("after_edit_snippet")
def answer_feedback(request, instance):
    if isinstance(instance, AccessibilityFeedback):
        feedback.record_answer(instance, request.user)
