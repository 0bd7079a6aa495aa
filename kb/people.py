"""People as editors see them: by name, never by id or username alone; whose account is in force."""

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.utils import timezone


def in_force(prefix=""):
    """A filter for users whose account works today: active, and not past its end date.

    `prefix` reaches the user from another model, e.g. "user__" from a feed token.
    """
    return Q(**{f"{prefix}is_active": True}) & (
        Q(**{f"{prefix}staff_profile__valid_until__isnull": True})
        | Q(**{f"{prefix}staff_profile__valid_until__gte": timezone.localdate()})
    )


def account_in_force(user):
    """The same rule for one user (sign-in and every request, identity.backends)."""
    if not user.is_active:
        return False
    try:
        valid_until = user.staff_profile.valid_until
    except ObjectDoesNotExist:
        return True
    return valid_until is None or valid_until >= timezone.localdate()


def display_name(user):
    """ "Eeva Editori" (the username only when no name is recorded)."""
    return user.get_full_name() or user.get_username()


def people_choices(queryset):
    """Active people, by name, for a chooser of content owners and task owners."""
    return queryset.filter(is_active=True).order_by("first_name", "last_name", "username")
