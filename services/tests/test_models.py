"""The register's rules: dated decisions, validity, validation, regional sharing."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import translation

import pytest

from services.models import DataProcessingAgreement, Decision, ImpactAssessment
from services.tests.factories import (
    AgreementFactory,
    AssessmentFactory,
    DecisionFactory,
    DigitalServiceFactory,
    SafeguardFactory,
    region,
)

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_decision_in_force_is_the_latest_on_that_day(municipalities):
    service = DigitalServiceFactory()
    rusko = municipalities["rusko"]
    review = DecisionFactory(service=service, status="review", decided_on=D(2025, 3, 1))
    approved = DecisionFactory(service=service, decided_on=D(2025, 6, 1))
    retired = DecisionFactory(
        service=service,
        status="retired",
        reasons_fi="Toimittaja lopetti.",
        decided_on=D(2027, 1, 1),
    )
    other = DecisionFactory(organisation=municipalities["kangasala"], decided_on=D(2024, 1, 1))
    in_force = Decision.objects.in_force

    assert list(in_force(D(2025, 2, 1)).filter(service=service)) == []
    assert in_force(D(2025, 3, 1)).get(service=service) == review
    assert in_force(D(2026, 11, 24)).get(service=service, organisation=rusko) == approved
    assert in_force(D(2027, 1, 1)).get(service=service) == retired
    assert set(in_force(D(2026, 1, 1))) == {approved, other}
    # Two decisions on one day: the one recorded last is in force.
    again = DecisionFactory(
        service=service,
        status="conditions",
        conditions_fi="Vain etunimet.",
        decided_on=D(2025, 6, 1),
    )
    assert in_force(D(2026, 1, 1)).get(service=service) == again


def test_decisions_are_validated(municipalities):
    service = DigitalServiceFactory(organisation=municipalities["rusko"])
    decision = Decision(service=service, organisation=municipalities["rusko"], status="conditions")
    decision.grade_min, decision.grade_max = 7, 3
    with pytest.raises(ValidationError) as error:
        decision.full_clean()
    assert set(error.value.message_dict) == {"grade_max", "conditions_fi"}
    decision = Decision(
        service=service, organisation=municipalities["rusko"], status="not_approved"
    )
    with pytest.raises(ValidationError) as error:
        decision.full_clean()
    assert "reasons_fi" in error.value.message_dict
    decision.reasons_fi = "Ei tietosuojasopimusta."
    decision.full_clean()  # a positive control


def test_only_municipalities_of_the_owning_region_decide(municipalities):
    regional = DigitalServiceFactory(organisation=region())
    for municipality in municipalities.values():
        Decision(service=regional, organisation=municipality, status="approved").full_clean()
    ruskos_own = DigitalServiceFactory(organisation=municipalities["rusko"])
    decision = Decision(
        service=ruskos_own, organisation=municipalities["kangasala"], status="approved"
    )
    with pytest.raises(ValidationError) as error:
        decision.full_clean()
    assert "organisation" in error.value.message_dict


def test_organisations_are_their_finnish_rows(municipalities, locales):
    swedish = municipalities["rusko"].copy_for_translation(locales["sv"])
    swedish.name = "Rusko kommun"
    swedish.save()
    service = DigitalServiceFactory()
    with pytest.raises(ValidationError) as error:
        Decision(service=service, organisation=swedish, status="approved").full_clean()
    assert "organisation" in error.value.message_dict


def test_agreement_validity_and_assessment_currency(municipalities):
    agreement = AgreementFactory(valid_until=D(2026, 12, 31))
    assert agreement.is_valid_on(D(2026, 12, 31))
    assert not agreement.is_valid_on(D(2027, 1, 1))
    agreement.status = DataProcessingAgreement.Status.IN_PREPARATION
    assert not agreement.is_valid_on(D(2026, 1, 1))
    agreement.status = DataProcessingAgreement.Status.NOT_NEEDED
    assert agreement.is_valid_on(D(2030, 1, 1))
    bad = DataProcessingAgreement(
        service=agreement.service,
        organisation=agreement.organisation,
        status="signed",
        signed_on=D(2026, 1, 1),
        valid_until=D(2025, 1, 1),
    )
    with pytest.raises(ValidationError):
        bad.full_clean()

    assessment = AssessmentFactory(completed_on=D(2025, 5, 1), next_review=D(2026, 5, 1))
    assert assessment.is_current_on(D(2026, 5, 1))
    assert not assessment.is_current_on(D(2026, 5, 2))
    assert not ImpactAssessment(needed=True).is_current_on(D(2026, 5, 2))
    assert ImpactAssessment(needed=False).is_current_on(D(2026, 5, 2))
    SafeguardFactory(assessment=assessment, status="planned")
    SafeguardFactory(assessment=assessment, status="done")
    assert [s.status for s in assessment.open_safeguards()] == ["planned"]


def test_texts_follow_the_language_with_finnish_as_fallback(municipalities):
    service = DigitalServiceFactory(name_fi="Kuvakertoja", name_sv="", purpose_sv="Berättelser.")
    with translation.override("sv"):
        assert service.name == "Kuvakertoja"
        assert service.purpose == "Berättelser."
    with translation.override("fi"):
        assert service.purpose == "Sanaston harjoittelua pelinä."


def test_service_slugs_cannot_take_the_registers_own_words(municipalities):
    for slug in ("pyynnot", "tarkistus", "begaranden", "kontroll"):
        service = DigitalServiceFactory.build(organisation=municipalities["rusko"], slug=slug)
        with pytest.raises(ValidationError) as error:
            service.full_clean()
        assert "slug" in error.value.message_dict
    DigitalServiceFactory.build(organisation=municipalities["rusko"], slug="sanapeli").full_clean()


def test_data_categories_must_be_known(municipalities):
    service = DigitalServiceFactory.build(
        organisation=municipalities["rusko"], slug="uusi", data_categories=["contact", "dna"]
    )
    with pytest.raises(ValidationError) as error:
        service.full_clean()
    assert "data_categories" in error.value.message_dict
