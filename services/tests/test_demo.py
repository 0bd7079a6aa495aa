"""The demo register: about 20 fictional services for Rusko and Kangasala in every state,
fi and sv, some agreements ending soon, one denied with reasons; loading twice adds nothing."""

import datetime
import json

import pytest
import time_machine

from kb import demo as kb_demo
from services import demo
from services.models import (
    DataProcessingAgreement,
    Decision,
    DigitalService,
    ImpactAssessment,
    SchoolYearCheck,
    ServiceRequest,
    YearClockLink,
)
from services.selectors import due_items
from yearclock import demo as yearclock_demo

pytestmark = pytest.mark.django_db


def counts():
    return [
        model.objects.count()
        for model in (
            DigitalService,
            Decision,
            DataProcessingAgreement,
            ImpactAssessment,
            SchoolYearCheck,
            ServiceRequest,
            YearClockLink,
        )
    ]


@time_machine.travel(datetime.datetime(2026, 11, 24, 12, 0), tick=False)
def test_demo_register_is_complete_and_idempotent(settings):
    settings.DEBUG = True
    kb_demo.load()
    yearclock_demo.load()
    demo.load()
    first = counts()
    demo.load()
    assert counts() == first

    services = DigitalService.objects.all()
    assert 18 <= services.count() <= 22
    for service in services:
        assert service.name_fi and service.name_sv and service.purpose_fi and service.purpose_sv
        assert service.website.endswith(".example")  # fictional, never a real product
    in_force = Decision.objects.in_force()
    assert set(in_force.values_list("status", flat=True)) == set(Decision.Status.values)
    assert set(in_force.values_list("organisation__slug", flat=True)) == {"rusko", "kangasala"}
    (denied,) = in_force.filter(status=Decision.Status.NOT_APPROVED)
    assert denied.reasons_fi and denied.reasons_sv
    shared = services.filter(organisation__slug="tampereen-seutu")
    assert any(
        service.decisions.values("organisation").distinct().count() == 2 for service in shared
    )
    assert any(item.kind == "agreement_expiring" for item in due_items())
    assert any(item.kind == "review_due" for item in due_items())
    assert {link.purpose for link in YearClockLink.objects.all()} == {"check", "review"}
    assert ServiceRequest.objects.filter(status="submitted").exists()
    assert ServiceRequest.objects.filter(status="decided", decision=denied).exists()
    assert DataProcessingAgreement.objects.exclude(document=None).exists()


def test_the_demo_file_rejects_unknown_keys(tmp_path, monkeypatch):
    data = json.loads(demo.DATA.read_text(encoding="utf-8"))
    data["services"][0]["colour"] = "red"
    broken = tmp_path / "register.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(demo, "DATA", broken)
    with pytest.raises(ValueError, match="colour"):
        demo.load()
