"""Factories for kb's organisation domain (one per model); realistic Rusko data.

Every app's tests build organisations, schools, roles, school years and staff from
here; each app's own factories sit in its tests package.
"""

import datetime

from django.contrib.auth import get_user_model

from wagtail.models import Locale

import factory
from factory.django import DjangoModelFactory

from kb.models import Organisation, Role, School, SchoolBreak, SchoolYear, StaffProfile


def finnish():
    return Locale.objects.get_or_create(language_code="fi")[0]


def swedish():
    return Locale.objects.get_or_create(language_code="sv")[0]


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = "Ruskon kunta"
    slug = "rusko"


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"Koulu {n}")
    slug = factory.Sequence(lambda n: f"koulu-{n}")
    organisation = factory.SubFactory(OrganisationFactory)


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = Role
        django_get_or_create = ("slug",)

    name = factory.LazyAttribute(lambda o: o.slug.capitalize())
    slug = "rehtori"


class SchoolYearFactory(DjangoModelFactory):
    """Rusko's 2026–2027 term dates by default."""

    class Meta:
        model = SchoolYear
        django_get_or_create = ("start_year",)

    start_year = 2026
    autumn_term_start = factory.LazyAttribute(lambda o: datetime.date(o.start_year, 8, 12))
    autumn_term_end = factory.LazyAttribute(lambda o: datetime.date(o.start_year, 12, 19))
    spring_term_start = factory.LazyAttribute(lambda o: datetime.date(o.start_year + 1, 1, 7))
    spring_term_end = factory.LazyAttribute(lambda o: datetime.date(o.start_year + 1, 5, 29))


class SchoolBreakFactory(DjangoModelFactory):
    class Meta:
        model = SchoolBreak

    school_year = factory.SubFactory(SchoolYearFactory)
    kind = SchoolBreak.Kind.AUTUMN
    start = datetime.date(2026, 10, 19)
    end = datetime.date(2026, 10, 23)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@rusko.example")
    first_name = "Maija"


def staff_user(*, roles=(), schools=(), language="fi", organisation=None, **fields):
    """A user with a StaffProfile in the given roles and schools; Rusko staff by default."""
    user = UserFactory(**fields)
    profile = StaffProfile.for_user(user)
    profile.organisation = organisation or OrganisationFactory()
    profile.language = language
    profile.save()
    profile.roles.set(roles)
    profile.schools.set(schools)
    return user
