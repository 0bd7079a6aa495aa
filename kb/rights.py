"""Who may manage what: Django's model permissions say *what* an editor may do with a
model's rows (add, change, delete); an organisation rule says *which* rows.

Seeing is decided in kb.access (an organisation's staff also see its region's
content); managing goes the other way by default: a municipality's editors manage
their municipality's rows, the regional team the region's and every member
municipality's (`managed_organisation_keys`). An app may give its own rule (the
service register: staff of the row's organisation, `services.wagtail_hooks`).
Organisations are compared by translation key, so the language of a profile's or a
row's organisation does not matter. Superusers manage every row.

`OrganisationPermissionPolicy` (registered per model with Wagtail's
`register_permission_policy`) answers for listings, choosers and the dashboard;
`ManagedViewSetMixin` makes every snippet view of one object ask it too, since
Wagtail's views check the model permission only.
"""

from django.core.exceptions import PermissionDenied

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import snippets as snippet_views

from kb.access import member_keys
from kb.models import StaffProfile


def managed_organisation_keys(user):
    """Translation keys of the user's organisation and every organisation inside it."""
    profile = StaffProfile.objects.filter(user=user).select_related("organisation").first()
    if profile is None or profile.organisation is None:
        return set()
    return member_keys(profile.organisation)


class OrganisationPermissionPolicy(ModelPermissionPolicy):
    """A model permission, for the rows of the organisations the user manages only.

    `organisation` is the lookup from the model to its Organisation ("organisation",
    "year_clock__organisation"); `organisation_keys(user)` gives the translation keys
    of the organisations whose rows the user manages.
    """

    def __init__(
        self, model, organisation="organisation", organisation_keys=managed_organisation_keys
    ):
        super().__init__(model)
        self.organisation = organisation
        self.organisation_keys = organisation_keys

    def managed(self, user):
        rows = self.model._default_manager.all()
        if user.is_active and user.is_superuser:
            return rows
        keys = self.organisation_keys(user)
        return rows.filter(**{f"{self.organisation}__translation_key__in": keys})

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.managed(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action)
            and self.managed(user).filter(pk=instance.pk).exists()
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, a, instance) for a in actions)


class ManagedObjectMixin:
    """A view of one object, only for a user whose permission policy allows one of
    `object_actions` on it (Wagtail checks the model permission only)."""

    object_actions = ("change",)

    def get_object(self, *args, **kwargs):
        found = super().get_object(*args, **kwargs)
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, self.object_actions, found
        ):
            raise PermissionDenied
        return found


class EditView(ManagedObjectMixin, snippet_views.EditView):
    pass


class DeleteView(ManagedObjectMixin, snippet_views.DeleteView):
    object_actions = ("delete",)


class InspectView(ManagedObjectMixin, snippet_views.InspectView):
    object_actions = ("change", "view")


class HistoryView(ManagedObjectMixin, snippet_views.HistoryView):
    object_actions = ("change", "view")


class UsageView(ManagedObjectMixin, snippet_views.UsageView):
    object_actions = ("change", "view")


class ManagedViewSetMixin:
    """For a SnippetViewSet whose model has an OrganisationPermissionPolicy: the listing
    and every view of one object show the rows the user manages only. (Copying checks
    the policy in Wagtail itself.)"""

    edit_view_class = EditView
    delete_view_class = DeleteView
    inspect_view_class = InspectView
    history_view_class = HistoryView
    usage_view_class = UsageView

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(
            request.user, ["change", "delete", "view"]
        )
