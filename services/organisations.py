"""Regions and their municipalities, compared by translation key (the same in fi and sv)."""

from django.conf import settings

from kb.access import lineage_keys
from kb.models import Organisation, StaffProfile
from kb.translation import in_language


def within(organisation, container):
    """Is `organisation` the same as `container` or one of its members?"""
    return container.translation_key in lineage_keys(organisation)


def organisation_of(user):
    """The organisation in the user's staff profile, or None."""
    if user is None or not user.is_authenticated:
        return None
    profile = StaffProfile.objects.filter(user=user).select_related("organisation__parent").first()
    return profile.organisation if profile else None


def one_per_key(queryset, language):
    """One organisation per translation key, in `language` where translated, by name."""
    return sorted(
        in_language(queryset.select_related("locale"), language), key=lambda o: o.name.lower()
    )


def default_row(organisation):
    """The default-language row of an organisation: the register's rows always point to it."""
    if organisation.locale.language_code == settings.LANGUAGE_CODE:
        return organisation
    return Organisation.objects.get(
        translation_key=organisation.translation_key, locale__language_code=settings.LANGUAGE_CODE
    )
