"""Demo organisations, schools, roles, school years and users (local use only).

Idempotent: every object is looked up by a stable key (slug, start year,
username) and only created when missing, so a second run changes nothing.
"""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import Collection, GroupCollectionPermission, Locale
from wagtail.users.models import UserProfile

from kb.models import Organisation, Role, School, SchoolBreak, SchoolYear, StaffProfile
from kb.translation import po_from_fields, translate

D = datetime.date

# slug: (Finnish name, Swedish name, kind, parent slug)
ORGANISATIONS = {
    "tampereen-seutu": ("Tampereen seutu", "Tammerforsregionen", "region", None),
    "rusko": ("Ruskon kunta", "Rusko kommun", "municipality", "tampereen-seutu"),
    "kangasala": ("Kangasalan kaupunki", "Kangasala stad", "municipality", "tampereen-seutu"),
}

# slug: (Finnish name, Swedish name, organisation slug, kind)
# Finnish-language schools keep their Finnish names in Swedish text too.
SCHOOLS = {
    "maunun-koulu": ("Maunun koulu", "Maunun koulu", "rusko", "comprehensive"),
    "laukolan-koulu": ("Laukolan koulu", "Laukolan koulu", "rusko", "primary"),
    "kirkonkylan-koulu": (
        "Kirkonkylän koulu",
        "Kirkonkylän koulu",
        "rusko",
        "primary",
    ),
    "pikkolan-koulu": ("Pikkolan koulu", "Pikkolan koulu", "kangasala", "primary"),
    "kirkkojarven-koulu": (
        "Kirkkojärven koulu",
        "Kirkkojärven koulu",
        "kangasala",
        "lower_secondary",
    ),
}

# slug: (Finnish, Swedish, staff role?, Finnish description, Swedish description)
ROLES = {
    "rehtori": (
        "Rehtori",
        "Rektor",
        True,
        "Johtaa koulua ja vastaa sen ohjeiden ajantasaisuudesta.",
        "Leder skolan och ansvarar för att skolans anvisningar är aktuella.",
    ),
    "opettaja": (
        "Opettaja",
        "Lärare",
        True,
        "Luokan- tai aineenopettaja.",
        "Klass- eller ämneslärare.",
    ),
    "tvt-vastaava": (
        "TVT-vastaava",
        "IKT-ansvarig",
        True,
        "Koulun tieto- ja viestintätekniikan yhdyshenkilö ja pedagoginen tukihenkilö.",
        "Skolans kontaktperson och pedagogiska stödperson för informations- och "
        "kommunikationsteknik.",
    ),
    "digitalisaation-asiantuntija": (
        "Digitalisaation asiantuntija",
        "Digitaliseringsexpert",
        True,
        "Kunnan opetustoimen digitalisaation asiantuntija.",
        "Expert på digitalisering inom kommunens undervisningsväsende.",
    ),
    "koulusihteeri": (
        "Koulusihteeri",
        "Skolsekreterare",
        True,
        "Hoitaa koulun hallinnollisia tehtäviä, kuten tunnuksia ja tilauksia.",
        "Sköter skolans administrativa uppgifter, till exempel användarkonton och beställningar.",
    ),
    "huoltaja": (
        "Huoltaja",
        "Vårdnadshavare",
        False,
        "Oppilaan huoltaja. Huoltajien ohjeet ovat julkisia.",
        "Elevens vårdnadshavare. Anvisningarna för vårdnadshavare är offentliga.",
    ),
}

# start year: (autumn start, autumn end, spring start, spring end, breaks)
SCHOOL_YEARS = {
    2025: (
        D(2025, 8, 7),
        D(2025, 12, 20),
        D(2026, 1, 7),
        D(2026, 5, 30),
        [
            ("autumn", D(2025, 10, 13), D(2025, 10, 17)),
            ("christmas", D(2025, 12, 21), D(2026, 1, 6)),
            ("winter", D(2026, 2, 23), D(2026, 2, 27)),
            ("easter", D(2026, 4, 3), D(2026, 4, 6)),
        ],
    ),
    2026: (
        D(2026, 8, 12),
        D(2026, 12, 19),
        D(2027, 1, 7),
        D(2027, 5, 29),
        [
            ("autumn", D(2026, 10, 12), D(2026, 10, 16)),
            ("christmas", D(2026, 12, 20), D(2027, 1, 6)),
            ("winter", D(2027, 3, 1), D(2027, 3, 5)),
            ("easter", D(2027, 3, 26), D(2027, 3, 29)),
        ],
    ),
    2027: (
        D(2027, 8, 11),
        D(2027, 12, 21),
        D(2028, 1, 7),
        D(2028, 6, 3),
        [
            ("autumn", D(2027, 10, 18), D(2027, 10, 22)),
            ("christmas", D(2027, 12, 22), D(2028, 1, 6)),
            ("winter", D(2028, 2, 28), D(2028, 3, 3)),
            ("easter", D(2028, 4, 14), D(2028, 4, 17)),
        ],
    ),
}

# Local demo accounts only; the passwords are documented in the README.
# username: (first name, last name, role slugs, school slugs, organisation, language)
STAFF_USERS = {
    "rehtori": ("Riikka", "Rehtori", ["rehtori"], ["maunun-koulu"], "rusko", "fi"),
    "opettaja": ("Olli", "Opettaja", ["opettaja"], ["laukolan-koulu"], "rusko", "fi"),
    "tvt-vastaava": (
        "Tiina",
        "Tukihenkilö",
        ["tvt-vastaava", "opettaja"],
        ["kirkonkylan-koulu"],
        "rusko",
        "fi",
    ),
    "digiasiantuntija": (
        "Daniel",
        "Digi",
        ["digitalisaation-asiantuntija"],
        [],
        "rusko",
        "sv",
    ),
    "koulusihteeri": ("Kaisa", "Sihteeri", ["koulusihteeri"], ["maunun-koulu"], "rusko", "fi"),
    "kangasala-opettaja": (
        "Kalle",
        "Kangas",
        ["opettaja"],
        ["pikkolan-koulu"],
        "kangasala",
        "fi",
    ),
}
ADMIN_USERNAME = "admin"

# Who edits the content, as groups named in Finnish and Swedish. kb grants admin access,
# images and documents; guides grants page rights per section, yearclock clock rights.
RUSKO_EDITORS = "Ruskon toimittajat – Redaktörer i Rusko"
KANGASALA_EDITORS = "Kangasalan toimittajat – Redaktörer i Kangasala"
KANGASALA_MODERATORS = "Kangasalan hyväksyjät – Godkännare i Kangasala"
REGIONAL_TEAM = "Seudun digitiimi – Regionens digiteam"
EDITOR_GROUPS = [RUSKO_EDITORS, KANGASALA_EDITORS, KANGASALA_MODERATORS, REGIONAL_TEAM]
COLLECTION_PERMISSIONS = [
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
]
# The regional team starts each school year (term dates and breaks).
GROUP_MODEL_PERMISSIONS = {REGIONAL_TEAM: ["kb.add_schoolyear", "kb.change_schoolyear"]}

# username: (first name, last name, role slugs, school slugs, organisation,
#            language of e-mails and feeds, admin language, groups)
EDITORS = {
    "toimittaja": (
        "Eeva",
        "Editori",
        ["digitalisaation-asiantuntija"],
        [],
        "rusko",
        "fi",
        "fi",
        [RUSKO_EDITORS],
    ),
    "seututiimi": (
        "Sara",
        "Seutula",
        ["digitalisaation-asiantuntija"],
        [],
        "tampereen-seutu",
        "sv",
        "sv",
        [REGIONAL_TEAM],
    ),
    "kangasala-toimittaja": (
        "Kaisu",
        "Kangasniemi",
        ["opettaja"],
        ["pikkolan-koulu"],
        "kangasala",
        "fi",
        "fi",
        [KANGASALA_EDITORS],
    ),
    "kangasala-rehtori": (
        "Pirkko",
        "Pikkarainen",
        ["rehtori"],
        ["pikkolan-koulu"],
        "kangasala",
        "fi",
        "sv",
        [KANGASALA_MODERATORS],
    ),
}


def password_for(username):
    return f"demo-{username}-2026"


def locales():
    fi, _ = Locale.objects.get_or_create(language_code="fi")
    sv, _ = Locale.objects.get_or_create(language_code="sv")
    return fi, sv


def _translated(model, lookup, fi_fields, sv_texts, fi, sv):
    """Get or create a Finnish snippet and its Swedish translation through wagtail-localize.

    `sv_texts` are the Swedish texts by field; the rest of the translation is
    synchronised from the Finnish object as the model declares.
    """
    created = 0
    original = model.objects.filter(locale=fi, **lookup).first()
    if original is None:
        original = model.objects.create(locale=fi, **lookup, **fi_fields)
        created += 1
    if not model.objects.filter(translation_key=original.translation_key, locale=sv).exists():
        translate(original, sv, po_from_fields(original, sv_texts))
        created += 1
    return original, created


def load_organisations(fi, sv):
    created = 0
    organisations = {}
    for slug, (name_fi, name_sv, kind, parent) in ORGANISATIONS.items():
        organisations[slug], n = _translated(
            Organisation,
            {"slug": slug},
            {"name": name_fi, "kind": kind, "parent": organisations.get(parent)},
            {"name": name_sv},
            fi,
            sv,
        )
        created += n
    for slug, (name_fi, name_sv, organisation, kind) in SCHOOLS.items():
        _school, n = _translated(
            School,
            {"slug": slug},
            {"name": name_fi, "organisation": organisations[organisation], "kind": kind},
            {"name": name_sv},
            fi,
            sv,
        )
        created += n
    for slug, (name_fi, name_sv, is_staff, desc_fi, desc_sv) in ROLES.items():
        _role, n = _translated(
            Role,
            {"slug": slug},
            {"name": name_fi, "is_staff_role": is_staff, "description": desc_fi},
            {"name": name_sv, "description": desc_sv},
            fi,
            sv,
        )
        created += n
    return created


def load_school_years():
    created = 0
    for start_year, (a_start, a_end, s_start, s_end, breaks) in SCHOOL_YEARS.items():
        if SchoolYear.objects.filter(start_year=start_year).exists():
            continue
        year = SchoolYear(
            start_year=start_year,
            autumn_term_start=a_start,
            autumn_term_end=a_end,
            spring_term_start=s_start,
            spring_term_end=s_end,
        )
        year.full_clean()
        year.save()
        for order, (kind, start, end) in enumerate(breaks):
            SchoolBreak.objects.create(
                school_year=year, kind=kind, start=start, end=end, sort_order=order
            )
        created += 1
    return created


def _user(username, **fields):
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, 0
    user = User(username=username, email=f"{username}@demo.invalid", **fields)
    # Documented passwords only on a development machine: a demo loaded on a
    # server (DEBUG off) gets accounts nobody can sign in to until an admin sets
    # a password with `manage.py changepassword`.
    if settings.DEBUG:
        user.set_password(password_for(username))
    else:
        user.set_unusable_password()
    user.save()
    return user, 1


def _profile(user, fi, organisation, roles, schools, language):
    profile = StaffProfile.for_user(user)
    profile.organisation = Organisation.objects.get(slug=organisation, locale=fi)
    profile.language = language
    profile.save()
    profile.roles.set(Role.objects.filter(slug__in=roles, locale=fi))
    profile.schools.set(School.objects.filter(slug__in=schools, locale=fi))


def load_groups():
    """The editors' groups with admin access, images and documents (idempotent)."""
    access_admin = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    collection_permissions = Permission.objects.filter(codename__in=COLLECTION_PERMISSIONS)
    root = Collection.get_first_root_node()
    created = 0
    for name in EDITOR_GROUPS:
        group, new = Group.objects.get_or_create(name=name)
        created += new
        group.permissions.add(access_admin)
        for permission in collection_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )
        for label in GROUP_MODEL_PERMISSIONS.get(name, []):
            app_label, codename = label.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    return created


def load_users(fi):
    created = 0
    for username, (first, last, roles, schools, organisation, language) in STAFF_USERS.items():
        user, n = _user(username, first_name=first, last_name=last)
        created += n
        if n:
            _profile(user, fi, organisation, roles, schools, language)
    for username, (
        first,
        last,
        roles,
        schools,
        organisation,
        language,
        admin_language,
        groups,
    ) in EDITORS.items():
        user, n = _user(username, first_name=first, last_name=last)
        created += n
        if n:
            _profile(user, fi, organisation, roles, schools, language)
            user.groups.set(Group.objects.filter(name__in=groups))
            admin_profile = UserProfile.get_for_user(user)
            admin_profile.preferred_language = admin_language
            admin_profile.save()
    _admin, n = _user(ADMIN_USERNAME, first_name="Ylläpitäjä", is_staff=True, is_superuser=True)
    created += n
    return created


@transaction.atomic
def load(stdout=None):
    fi, sv = locales()
    created = load_organisations(fi, sv) + load_school_years() + load_groups() + load_users(fi)
    if stdout is not None:
        stdout.write(f"kb: {created} organisation, school year and user objects created")
    return created
