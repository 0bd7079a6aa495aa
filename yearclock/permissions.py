"""Year-clock management limited to the editor's own organisation (kb.rights).

Django's model permissions say *what* an editor may do with clocks and tasks
(add, change, delete); kb.rights adds *which*: those of the clocks of their
organisation and of the organisations inside it. Superusers manage all. The
snippet views (kb.rights.ManagedViewSetMixin), the task form's clock chooser, the
import and the overdue panel use them.
"""

from kb.rights import OrganisationPermissionPolicy, managed_organisation_keys
from yearclock.models import Task, YearClock

POLICIES = {
    YearClock: OrganisationPermissionPolicy(YearClock, "organisation"),
    Task: OrganisationPermissionPolicy(Task, "year_clock__organisation"),
}


def clocks_managed_by(user):
    """Year clocks (every language) of the organisations the user manages."""
    if user.is_superuser:
        return YearClock.objects.all()
    keys = managed_organisation_keys(user)
    return YearClock.objects.filter(organisation__translation_key__in=keys)
