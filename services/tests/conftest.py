"""Fixtures of the register's tests: the region, people with their rights, a real SMTP server."""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth.models import Permission
from django.test import Client

import pytest

from kb.tests.factories import RoleFactory, SchoolYearFactory, staff_user
from services.tests.factories import kangasala, rusko
from yearclock.tests.test_reminders import inbox  # noqa: F401 -- a real SMTP server

HELSINKI = ZoneInfo("Europe/Helsinki")


def at(day, hour=9):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=HELSINKI)


def grant(user, *codenames):
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=["services", "wagtailadmin"], codename__in=codenames
        )
    )
    return user


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def municipalities(locales):
    return {"rusko": rusko(), "kangasala": kangasala()}


@pytest.fixture
def school_years(locales):
    return {year: SchoolYearFactory(start_year=year) for year in (2025, 2026, 2027)}


@pytest.fixture
def people(municipalities):
    """Rusko's digitalisation expert (reviews and checks), a Rusko teacher, a Kangasala
    teacher and a Kangasala expert with the same rights as Rusko's."""
    digi = RoleFactory(slug="digitalisaation-asiantuntija", name="Digitalisaation asiantuntija")
    teacher_role = RoleFactory(slug="opettaja", name="Opettaja")
    rights = (
        "review_servicerequest",
        "add_schoolyearcheck",
        "add_decision",
        "change_decision",
        "access_admin",  # the import is in the admin
    )
    return {
        "expert": grant(
            staff_user(
                username="daniel", first_name="Daniel", roles=[digi], email="daniel@rusko.example"
            ),
            *rights,
        ),
        "teacher": staff_user(
            username="olli", first_name="Olli", roles=[teacher_role], email="olli@rusko.example"
        ),
        "other_teacher": staff_user(
            username="kalle",
            first_name="Kalle",
            roles=[teacher_role],
            organisation=municipalities["kangasala"],
            email="kalle@kangasala.example",
        ),
        "other_expert": grant(
            staff_user(
                username="kerttu",
                first_name="Kerttu",
                roles=[digi],
                organisation=municipalities["kangasala"],
                email="kerttu@kangasala.example",
            ),
            *rights,
        ),
    }
