"""Factories for the year clock (one per model); realistic Rusko data."""

import factory
from factory.django import DjangoModelFactory

from kb.tests.factories import OrganisationFactory
from yearclock.models import Task, YearClock


class YearClockFactory(DjangoModelFactory):
    class Meta:
        model = YearClock

    name = "Ruskon vuosikello"
    slug = factory.Sequence(lambda n: f"rusko-{n}")
    organisation = factory.SubFactory(OrganisationFactory)


class TaskFactory(DjangoModelFactory):
    """'Tietosuojasopimusten tarkistus' every 15.1. unless told otherwise."""

    class Meta:
        model = Task
        skip_postgeneration_save = True

    year_clock = factory.SubFactory(YearClockFactory)
    title = factory.Sequence(lambda n: f"Tietosuojasopimusten tarkistus {n}")
    description = "Tarkista, että tietosuojasopimukset ja vaikutustenarviot ovat ajan tasalla."
    category = Task.Category.DATA_PROTECTION
    visibility = Task.Visibility.STAFF
    rule = Task.Rule.YEARLY_DATE
    month = 1
    day = 15

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.roles.set(extracted)

    @factory.post_generation
    def schools(self, create, extracted, **kwargs):
        if create and extracted:
            self.schools.set(extracted)
