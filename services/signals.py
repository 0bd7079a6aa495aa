"""Signal receivers of the register (connected in ServicesConfig.ready with explicit senders)."""

from django.db.models.signals import post_delete, post_save

from search import updates
from services.models import Decision, ReviewStep, ServiceRequest
from services.search import PREFIX


def add_review_steps(sender, instance, created, raw=False, **kwargs):
    """Every request has the procurement steps, however it was made (form, admin, import)."""
    if created and not raw:
        ReviewStep.objects.bulk_create(
            [ReviewStep(request=instance, kind=kind) for kind in ReviewStep.ORDER],
            ignore_conflicts=True,
        )


def refresh_service(sender, instance, **kwargs):
    """A service's search entry shows its decisions in force: refresh it with them."""
    updates.schedule(updates.refresh_object, PREFIX, instance.service_id)


def connect():
    post_save.connect(
        add_review_steps, sender=ServiceRequest, dispatch_uid="services-request-steps"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            refresh_service, sender=Decision, dispatch_uid=f"services-decision-{id(signal)}"
        )
