"""Year-clock management limited to the editor's own organisation (kb.rights).

Django's model permissions say *what* an editor may do with clocks and tasks
(add, change, delete); kb.rights adds *which*: those of the clocks of their
organisation and of the organisations inside it. Superusers manage all. The
snippet views (kb.rights.ManagedViewSetMixin) use them; the task form's clock chooser,
the import and the overdue panel ask `YearClock.objects.managed_by(user)`.

Who may mark a task's occurrences done is here too (`can_mark_done`): not an admin right
but the year clock's rule of responsibility.
"""

from kb.models import StaffProfile
from kb.rights import OrganisationPermissionPolicy
from yearclock.models import CLOCK_POLICY, Task, YearClock

POLICIES = {
    YearClock: CLOCK_POLICY,
    Task: OrganisationPermissionPolicy(Task, "year_clock__organisation"),
}


def can_mark_done(user, task):
    """Who may mark occurrences done or undo them.

    Only staff of the year clock's own organisation: its admins (editors with
    the right to change tasks), the task's owner, and people in a responsible
    role — for a task of particular schools, people of one of those schools.
    Superusers too. Roles and schools are compared by translation key, so the
    language of a profile's rows does not matter.
    """
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    profile = StaffProfile.objects.filter(user=user).select_related("organisation").first()
    if profile is None or profile.organisation is None:
        return False
    clock = task.year_clock
    if profile.organisation.translation_key != clock.organisation.translation_key:
        return False
    if task.owner_id == user.pk or user.has_perm("yearclock.change_task"):
        return True
    own_roles = set(profile.roles.values_list("translation_key", flat=True))
    if not own_roles & set(task.roles.values_list("translation_key", flat=True)):
        return False
    task_schools = set(task.schools.values_list("translation_key", flat=True))
    if clock.school_id:
        task_schools.add(clock.school.translation_key)
    if not task_schools:
        return True
    return bool(task_schools & set(profile.schools.values_list("translation_key", flat=True)))
