"""Who may manage what: an editor manages their own organisation and what it contains.

Seeing is decided in kb.access (an organisation's staff also see its region's
content); managing goes the other way: a municipality's editors manage their
municipality's year clocks, the regional team the region's and every member
municipality's. Organisations are compared by translation key, so the language
of a profile's or a clock's row does not matter.
"""

from kb.models import Organisation, StaffProfile


def managed_organisation_keys(user):
    """Translation keys of the user's organisation and every organisation inside it."""
    profile = StaffProfile.objects.filter(user=user).select_related("organisation").first()
    if profile is None or profile.organisation is None:
        return set()
    keys = {profile.organisation.translation_key}
    frontier = set(keys)
    while frontier:
        children = set(
            Organisation.objects.filter(parent__translation_key__in=frontier).values_list(
                "translation_key", flat=True
            )
        )
        frontier = children - keys
        keys |= children
    return keys
