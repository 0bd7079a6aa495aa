"""E-mails of the register: agreements ending, reviews falling due, outcomes of requests.

Daily (django-q2, `services_schedule`): every agreement that ends and every impact
assessment whose review falls due within SERVICE_REMINDER_WINDOW_DAYS, for services
in use, gets one EmailDelivery row per (thing, responsible person, kind, due date);
the outbox sends each row once. A renewed agreement or a moved review date is a new
due date, so it is reminded again; the old row is skipped when it comes up. The
outcome of a request is queued when it is decided and sent after the commit.
"""

import logging
from dataclasses import asdict, dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from kb.models import StaffProfile
from kb.outbox import Outbox, Outgoing
from services.models import (
    DataProcessingAgreement,
    EmailDelivery,
    ImpactAssessment,
    ServiceRequest,
)
from services.selectors import due_items

log = logging.getLogger(__name__)
Kind = EmailDelivery.Kind
REMINDER_KINDS = {Kind.AGREEMENT_EXPIRING, Kind.REVIEW_DUE}


def plan_reminders(today):
    """Pending rows for what falls due; existing ones are left alone. Returns how many."""
    rows = [
        EmailDelivery(
            kind=item.kind,
            subject_key=item.subject_key,
            due_on=item.due_on,
            organisation=item.decision.organisation,
            recipient=item.decision.owner,
        )
        for item in due_items(today)
        if item.decision.owner and item.decision.owner.is_active and item.decision.owner.email
    ]
    before = EmailDelivery.objects.count()
    EmailDelivery.objects.bulk_create(rows, ignore_conflicts=True)
    return EmailDelivery.objects.count() - before


def queue_outcome(service_request):
    """Record the outcome e-mail to the requester and send it after the commit."""
    requester = service_request.requested_by
    if requester is None or not requester.email:
        return None
    delivery, _created = EmailDelivery.objects.get_or_create(
        kind=Kind.REQUEST_OUTCOME,
        subject_key=f"servicerequest:{service_request.pk}",
        due_on=service_request.decision.decided_on,
        recipient=requester,
        defaults={"organisation": service_request.organisation},
    )
    transaction.on_commit(send_soon)
    return delivery


def send_soon():
    if settings.TASK_QUEUE:
        from django_q.tasks import async_task

        async_task("services.reminders.send_pending")
        return
    try:
        send_pending()
    except Exception:  # the row stays pending or failed; the periodic job sends it
        log.exception("services: sending the outcome e-mail failed")


def group_key(row):
    if row.kind == Kind.REQUEST_OUTCOME:
        return f"outcome:{row.pk}"
    return f"reminders:{row.recipient_id}"


def language_of(row):
    if row.kind == Kind.REQUEST_OUTCOME:
        request = request_of(row)
        if request is not None:
            return request.language
    profile = StaffProfile.objects.filter(user_id=row.recipient_id).first()
    return profile.language if profile else settings.LANGUAGE_CODE


def compose(rows, _context, _now):
    language = language_of(rows[0])
    with override(language):
        if rows[0].kind == Kind.REQUEST_OUTCOME:
            return compose_outcome(rows[0], language)
        return compose_reminders(rows, language)


def subject_of(row):
    model_name, _sep, pk = row.subject_key.partition(":")
    model = {
        "dataprocessingagreement": DataProcessingAgreement,
        "impactassessment": ImpactAssessment,
    }[model_name]
    return model.objects.select_related("service", "organisation").filter(pk=pk).first()


def compose_reminders(rows, language):
    items, skipped = [], {}
    for row in rows:
        subject = subject_of(row)
        due = None
        if subject is not None:
            due = (
                subject.valid_until if row.kind == Kind.AGREEMENT_EXPIRING else subject.next_review
            )
        if due != row.due_on:
            skipped.setdefault("no longer due on this date", []).append(row.pk)
            continue
        items.append({"row": row, "subject": subject, "service": subject.service})
    if not items:
        return Outgoing(None, set(), skipped)
    today = timezone.localdate()
    context = {
        "items": items,
        "today": today,
        "language": language,
        "site_url": settings.SITE_BASE_URL,
        "recipient": rows[0].recipient,
    }
    if len(items) == 1:
        subject_line = (
            _("Data-processing agreement ending: %(service)s")
            if items[0]["row"].kind == Kind.AGREEMENT_EXPIRING
            else _("Impact assessment due for review: %(service)s")
        ) % {"service": items[0]["service"].name}
    else:
        subject_line = _("Service register: %(count)s things falling due") % {"count": len(items)}
    message = email(rows[0].recipient, language, subject_line, "services/email/reminders", context)
    return Outgoing(message, {item["row"].pk for item in items}, skipped)


def request_of(row):
    _model, _sep, pk = row.subject_key.partition(":")
    return (
        ServiceRequest.objects.select_related("decision", "service").filter(pk=pk).first()
        if pk.isdigit()
        else None
    )


def compose_outcome(row, language):
    request = request_of(row)
    if request is None or request.decision is None:
        return Outgoing(None, set(), {"the request is gone": [row.pk]})
    context = {
        "request": request,
        "decision": request.decision,
        "language": language,
        "site_url": settings.SITE_BASE_URL,
        "recipient": row.recipient,
    }
    subject_line = _("Your request: %(service)s – %(outcome)s") % {
        "service": request.service.name if request.service else request.service_name,
        "outcome": request.decision.get_status_display(),
    }
    message = email(row.recipient, language, subject_line, "services/email/outcome", context)
    return Outgoing(message, {row.pk}, {})


def email(recipient, language, subject_line, template, context):
    message = EmailMultiAlternatives(
        subject=subject_line,
        body=render_to_string(f"{template}.txt", context),
        to=[recipient.email],
        headers={"Auto-Submitted": "auto-generated", "Content-Language": language},
    )
    message.attach_alternative(render_to_string(f"{template}.html", context), "text/html")
    return message


OUTBOX = Outbox(
    model=EmailDelivery,
    label="services",
    compose=compose,
    describe=lambda row: f"{row.kind} {row.subject_key} to {row.recipient_id}",
    group_key=group_key,
)
LIMITS = EmailDelivery.limits  # kb.outbox's one set


@dataclass
class Summary:
    planned: int = 0
    sent: int = 0
    failed: int = 0
    skipped: int = 0


def send_pending(now=None):
    """Send whatever is pending or due for a retry (also the frequent retry job)."""
    return asdict(OUTBOX.deliver(now or timezone.now(), Summary()))


def send_due_reminders(now=None):
    """The daily job: plan what falls due, then send. Returns a summary dict."""
    now = now or timezone.now()
    summary = Summary(planned=plan_reminders(timezone.localdate(now)))
    OUTBOX.deliver(now, summary)
    log.info("service register e-mail: %s", asdict(summary))
    return asdict(summary)
