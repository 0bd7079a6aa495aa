"""Factories for the register (one per model), with Rusko and Kangasala in their region."""

import datetime

import factory
from factory.django import DjangoModelFactory

from kb.models import Organisation
from kb.tests.factories import OrganisationFactory, SchoolFactory
from services.models import (
    DataProcessingAgreement,
    Decision,
    DigitalService,
    ImpactAssessment,
    Safeguard,
    ServiceRequest,
)


def finnish_organisation(slug, **fields):
    """The Finnish row of an organisation, created when missing (a Swedish row may exist)."""
    found = Organisation.objects.filter(slug=slug, locale__language_code="fi").first()
    return found or OrganisationFactory(slug=slug, **fields)


def region():
    return finnish_organisation(
        "tampereen-seutu", name="Tampereen seutu", kind=Organisation.Kind.REGION
    )


def rusko():
    found = finnish_organisation("rusko", name="Ruskon kunta")
    if found.parent_id is None:  # yearclock's OrganisationFactory makes Rusko on its own
        found.parent = region()
        found.save()
    return found


def kangasala():
    return finnish_organisation("kangasala", name="Kangasalan kaupunki", parent=region())


class DigitalServiceFactory(DjangoModelFactory):
    class Meta:
        model = DigitalService
        django_get_or_create = ("slug",)

    organisation = factory.LazyFunction(rusko)
    slug = factory.Sequence(lambda n: f"palvelu-{n}")
    name_fi = factory.Sequence(lambda n: f"Sanapeli {n}")
    name_sv = factory.Sequence(lambda n: f"Ordspelet {n}")
    provider = "Kielipaja Oy"
    website = "https://sanapeli.example"
    purpose_fi = "Sanaston harjoittelua pelinä."
    purpose_sv = "Övning av ordförråd som spel."
    data_categories = factory.LazyFunction(lambda: ["identity", "schoolwork"])
    processes_pupil_data = True
    privacy_notice_fi = "<p>Rekisterinpitäjä on Ruskon kunta.</p>"
    privacy_notice_sv = "<p>Personuppgiftsansvarig är Rusko kommun.</p>"


class DecisionFactory(DjangoModelFactory):
    class Meta:
        model = Decision
        skip_postgeneration_save = True

    service = factory.SubFactory(DigitalServiceFactory)
    organisation = factory.LazyAttribute(lambda o: o.service.organisation)
    status = Decision.Status.APPROVED
    decided_on = datetime.date(2025, 6, 1)
    decided_by_fi = "Sivistysjohtaja"
    decided_by_sv = "Bildningsdirektören"
    grade_min = 1
    grade_max = 6

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.roles.set(extracted)

    @factory.post_generation
    def schools(self, create, extracted, **kwargs):
        if create and extracted:
            self.schools.set(extracted)


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = DataProcessingAgreement

    service = factory.SubFactory(DigitalServiceFactory)
    organisation = factory.LazyAttribute(lambda o: o.service.organisation)
    status = DataProcessingAgreement.Status.SIGNED
    signed_on = datetime.date(2025, 6, 1)
    valid_until = datetime.date(2027, 5, 31)


class AssessmentFactory(DjangoModelFactory):
    class Meta:
        model = ImpactAssessment

    service = factory.SubFactory(DigitalServiceFactory)
    organisation = factory.LazyAttribute(lambda o: o.service.organisation)
    needed = True
    justification_fi = "Palvelu käsittelee oppilaiden tehtäviä."
    justification_sv = "Tjänsten behandlar elevernas uppgifter."
    completed_on = datetime.date(2025, 5, 20)
    risk_level = ImpactAssessment.RiskLevel.MEDIUM
    next_review = datetime.date(2027, 5, 20)


class SafeguardFactory(DjangoModelFactory):
    class Meta:
        model = Safeguard

    assessment = factory.SubFactory(AssessmentFactory)
    description_fi = "Jakolinkit pois käytöstä."
    description_sv = "Delningslänkar avstängda."
    status = Safeguard.Status.DONE


class ServiceRequestFactory(DjangoModelFactory):
    class Meta:
        model = ServiceRequest

    organisation = factory.LazyFunction(rusko)
    school = factory.LazyAttribute(lambda o: SchoolFactory(organisation=o.organisation))
    service_name = "Äänitehdas"
    provider = "Äänipaja Oy"
    purpose = "Koulun radio-ohjelman äänittäminen."
    grade_min = 5
    grade_max = 6
    pupils_sign_in = True


def in_use(service=None, organisation=None, **fields):
    """An approved service with a valid agreement and a current assessment, in Rusko."""
    service = service or DigitalServiceFactory()
    organisation = organisation or service.organisation
    decision = DecisionFactory(service=service, organisation=organisation, **fields)
    agreement = AgreementFactory(service=service, organisation=organisation)
    assessment = AssessmentFactory(service=service, organisation=organisation)
    return decision, agreement, assessment
