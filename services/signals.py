"""Signal receivers of the register (connected in ServicesConfig.ready with explicit senders)."""

from django.db.models.signals import post_save

from services.models import ReviewStep, ServiceRequest


def add_review_steps(sender, instance, created, raw=False, **kwargs):
    """Every request has the procurement steps, however it was made (form, admin, import)."""
    if created and not raw:
        ReviewStep.objects.bulk_create(
            [ReviewStep(request=instance, kind=kind) for kind in ReviewStep.ORDER],
            ignore_conflicts=True,
        )


def connect():
    post_save.connect(
        add_review_steps, sender=ServiceRequest, dispatch_uid="services-request-steps"
    )
