"""A staff profile from an organisation's claims, set again at every sign-in.

What the provider says wins: a role or school removed there is removed here at the
next sign-in. Values are matched to slugs (case-insensitively) in the default
language; a value like MPASSid's "1.2.246…;00123;Opettaja" matches by any of its
";"-separated parts, so its role and schoolInfo attributes need no translation table.
"""

from wagtail.models import Locale

from kb.models import Organisation, Role, School, StaffProfile


def values(claims, name):
    if not name:
        return []
    raw = claims.get(name)
    if raw is None:
        return []
    items = raw if isinstance(raw, list | tuple) else [raw]
    found = set()
    for item in items:
        text = str(item).strip().casefold()
        found.add(text)
        found.update(part.strip() for part in text.split(";") if part.strip())
    return found


def _matching(queryset, wanted):
    return [row for row in queryset if row.slug.casefold() in wanted]


def organisation_for(provider, claims):
    """The provider's organisation, or one of its members that the claim names."""
    wanted = values(claims, provider.organisation_claim)
    if not wanted:
        return provider.organisation
    default = Locale.get_default()
    own = provider.organisation
    candidates = Organisation.objects.filter(locale=default, parent=own) | (
        Organisation.objects.filter(pk=own.pk)
    )
    matches = _matching(candidates, wanted)
    return matches[0] if matches else own


def apply(provider, user, claims):
    """Set `user`'s organisation, schools and roles from `claims`; returns the profile."""
    default = Locale.get_default()
    profile = StaffProfile.for_user(user)
    profile.organisation = organisation_for(provider, claims)
    profile.save(update_fields=["organisation"])
    organisations = [profile.organisation, *profile.organisation.members.all()]
    schools = School.objects.filter(locale=default, organisation__in=organisations)
    profile.schools.set(_matching(schools, values(claims, provider.school_claim)))
    roles = Role.objects.filter(locale=default, is_staff_role=True)
    profile.roles.set(_matching(roles, values(claims, provider.roles_claim)))
    return profile
