"""Year-clock management limited to the editor's own organisation (kb.rights).

Django's model permissions say *what* an editor may do with clocks and tasks
(add, change, delete); kb.rights adds *which*: those of the clocks of their
organisation and of the organisations inside it. Superusers manage all. The
snippet views (kb.rights.ManagedViewSetMixin) use them; the task form's clock chooser,
the import and the overdue panel ask `YearClock.objects.managed_by(user)`.
"""

from kb.rights import OrganisationPermissionPolicy
from yearclock.models import CLOCK_POLICY, Task, YearClock

POLICIES = {
    YearClock: CLOCK_POLICY,
    Task: OrganisationPermissionPolicy(Task, "year_clock__organisation"),
}
