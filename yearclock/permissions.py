"""Year-clock management limited to the editor's own organisation (kb.rights).

Django's model permissions say *what* an editor may do with clocks and tasks
(add, change, delete); these policies add *which*: those of the clocks of their
organisation and of the organisations inside it. Superusers manage all. The
snippet views use them for listings, choosers and every view of one object.
"""

from django.core.exceptions import PermissionDenied

from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views import snippets as snippet_views

from kb.rights import managed_organisation_keys
from yearclock.models import YearClock


def clocks_managed_by(user):
    """Year clocks (every language) of the organisations the user manages."""
    if user.is_superuser:
        return YearClock.objects.all()
    keys = managed_organisation_keys(user)
    return YearClock.objects.filter(organisation__translation_key__in=keys)


class OrganisationPermissionPolicy(ModelPermissionPolicy):
    """A model permission, for objects of the clocks the user manages only."""

    def __init__(self, model, clock_path):
        super().__init__(model)
        self.clock_path = clock_path  # "" for YearClock itself, "year_clock" for Task

    def managed(self, user):
        lookup = f"{self.clock_path}__in" if self.clock_path else "pk__in"
        clocks = clocks_managed_by(user).values("pk")
        return self.model._default_manager.filter(**{lookup: clocks})

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
    """Views of one clock or task: only of the user's own organisations."""

    object_action = "change"

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(
            self.request.user, self.object_action, obj
        ):
            raise PermissionDenied
        return obj


class EditView(ManagedObjectMixin, snippet_views.EditView):
    pass


class DeleteView(ManagedObjectMixin, snippet_views.DeleteView):
    object_action = "delete"


class InspectView(ManagedObjectMixin, snippet_views.InspectView):
    pass
