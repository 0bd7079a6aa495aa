from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Service register")

    def ready(self):
        from kb import access, demo_loaders
        from services import models, search, signals

        # Who may see each model: kb.access is the one place that decides.
        for model in (
            models.DigitalService,
            models.Decision,
            models.DataProcessingAgreement,
            models.ImpactAssessment,
            models.Safeguard,
            models.SchoolYearCheck,
            models.ServiceRequest,
            models.ReviewStep,
            models.YearClockLink,
            models.EmailDelivery,
        ):
            access.register(model, model.audience)
        signals.connect()
        search.register_services()
        # Services name guide pages and year-clock tasks, so their demo comes after those.
        demo_loaders.register("services", "services.demo.load", after=["kb", "guides", "yearclock"])
