"""People as editors see them: by name, never by id or username alone."""


def display_name(user):
    """ "Eeva Editori" (the username only when no name is recorded)."""
    return user.get_full_name() or user.get_username()


def people_choices(queryset):
    """Active people, by name, for a chooser of content owners and task owners."""
    return queryset.filter(is_active=True).order_by("first_name", "last_name", "username")
