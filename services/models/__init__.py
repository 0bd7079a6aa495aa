"""The register of digital services used in teaching (see services.models.register)."""

from services.models.delivery import EmailDelivery
from services.models.process import ReviewStep, SchoolYearCheck, ServiceRequest, YearClockLink
from services.models.register import (
    DataCategory,
    DataProcessingAgreement,
    Decision,
    DigitalService,
    ImpactAssessment,
    Safeguard,
    staff_of,
)

__all__ = [
    "DataCategory",
    "DataProcessingAgreement",
    "Decision",
    "DigitalService",
    "EmailDelivery",
    "ImpactAssessment",
    "ReviewStep",
    "Safeguard",
    "SchoolYearCheck",
    "ServiceRequest",
    "YearClockLink",
    "staff_of",
]
