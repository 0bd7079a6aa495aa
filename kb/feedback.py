"""Accessibility feedback (Act 306/2019): the statement's form, reminders before the
14-day deadline through kb.outbox, and the answer e-mailed from the admin.

Who gets reminded is decided by kb.rights: the editors who may change the feedback
of its organisation (the same rule as the admin's listing).
"""

import datetime
from dataclasses import asdict, dataclass

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kb.models import (
    ANSWER_WITHIN,
    AccessibilityFeedback,
    FeedbackReminder,
    Organisation,
    StaffProfile,
)
from kb.outbox import Outbox, Outgoing, schedule_jobs
from kb.rights import managed_organisation_keys

REMIND_BEFORE = datetime.timedelta(days=3)  # editors are reminded 3 days before the deadline
PERMISSION = "kb.change_accessibilityfeedback"


class FeedbackForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Municipality (optional)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=gettext_lazy("Not sure / the whole region"),
    )

    class Meta:
        model = AccessibilityFeedback
        fields = ["message", "page", "organisation", "name", "email"]
        labels = {
            "message": gettext_lazy("What did not work?"),
            "page": gettext_lazy("Address or name of the page (optional)"),
            "name": gettext_lazy("Your name (optional)"),
            "email": gettext_lazy("Your e-mail address (optional, for an answer)"),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.language = language
        self.fields["organisation"].queryset = Organisation.objects.filter(
            locale__language_code=language, kind=Organisation.Kind.MUNICIPALITY
        ).order_by("name")

    def save(self, commit=True):
        feedback = super().save(commit=False)
        feedback.language = self.language
        feedback.organisation = self.cleaned_data["organisation"] or site_owner(self.language)
        if commit:
            feedback.save()
        return feedback


def site_owner(language):
    """The region (or else the first organisation): who answers when no one was chosen."""
    organisations = Organisation.objects.filter(locale__language_code=language)
    return (
        organisations.filter(kind=Organisation.Kind.REGION).order_by("pk").first()
        or Organisation.objects.order_by("pk").first()
    )


def editors_of(feedback):
    """Active users who may change this feedback in the admin (kb.rights), with an address."""
    key = feedback.organisation.translation_key
    users = get_user_model().objects.with_perm(PERMISSION, include_superusers=False)
    return [
        user
        for user in users.filter(is_active=True).exclude(email="")
        if key in managed_organisation_keys(user)
    ]


def plan_reminders(now):
    """Delivery rows for unanswered feedback whose deadline is at most REMIND_BEFORE away."""
    today = timezone.localdate(now)
    # Due by today + REMIND_BEFORE: arrived before the next day's start, less 14 days.
    latest = timezone.make_aware(
        datetime.datetime.combine(
            today + REMIND_BEFORE + datetime.timedelta(days=1), datetime.time()
        )
    )
    planned = 0
    waiting = AccessibilityFeedback.objects.filter(
        answered_at__isnull=True, created_at__lt=latest - ANSWER_WITHIN
    ).select_related("organisation")
    for feedback in waiting:
        for editor in editors_of(feedback):
            _row, created = FeedbackReminder.objects.get_or_create(
                feedback=feedback, recipient=editor
            )
            planned += created
    return planned


def compose(rows, context, now):
    recipient = rows[0].recipient
    profile = StaffProfile.objects.filter(user=recipient).first()
    language = profile.language if profile and profile.language else settings.LANGUAGE_CODE
    waiting = [row for row in rows if row.feedback.answered_at is None]
    skipped = {"answered already": [row.pk for row in rows if row not in waiting]}
    if not waiting:
        return Outgoing(None, set(), skipped)
    with translation.override(language):
        lines = [
            _("Accessibility feedback is waiting for an answer:"),
            "",
        ]
        for row in waiting:
            feedback = row.feedback
            url = settings.SITE_BASE_URL + reverse(
                "wagtailsnippets_kb_accessibilityfeedback:edit", args=[feedback.pk]
            )
            lines += [
                _("Answer by %(date)s: %(text)s")
                % {"date": feedback.due_on.strftime("%-d.%-m.%Y"), "text": feedback.message[:200]},
                url,
                "",
            ]
        subject = _("Accessibility feedback: answer by %(date)s") % {
            "date": min(row.feedback.due_on for row in waiting).strftime("%-d.%-m.%Y")
        }
    message = EmailMessage(
        subject=subject,
        body="\n".join(lines),
        to=[recipient.email],
        headers={"Auto-Submitted": "auto-generated", "Content-Language": language},
    )
    return Outgoing(message, {row.pk for row in waiting}, skipped)


OUTBOX = Outbox(
    model=FeedbackReminder,
    label="feedback",
    compose=compose,
    describe=lambda row: f"feedback {row.feedback_id} to {row.recipient_id}",
)


@dataclass
class Summary:
    planned: int = 0
    sent: int = 0
    failed: int = 0
    skipped: int = 0


def send_due_reminders(now=None):
    """The daily job: plan the reminders that fall due, then send them."""
    now = now or timezone.now()
    summary = Summary(planned=plan_reminders(now))
    return asdict(OUTBOX.deliver(now, summary))


def retry_failed(now=None):
    return asdict(OUTBOX.deliver(now or timezone.now(), Summary()))


def register_schedules(now=None):
    return schedule_jobs(
        ("kb: accessibility feedback reminders", "kb.feedback.send_due_reminders"),
        ("kb: retry accessibility feedback reminders", "kb.feedback.retry_failed"),
        at=datetime.time(7, 15),
        every_minutes=15,
        now=now,
    )


def record_answer(feedback, user, now=None):
    """After an editor saved an answer: who and when, and the answer e-mailed once."""
    if not feedback.answer.strip() or feedback.answered_at is not None:
        return False
    now = now or timezone.now()
    feedback.answered_at = now
    feedback.answered_by = user
    sent = False
    if feedback.email:
        with translation.override(feedback.language):
            subject = _("Answer to your accessibility feedback")
            body = _(
                "Thank you for your feedback of %(date)s:\n\n%(message)s\n\n"
                "Our answer:\n\n%(answer)s"
            ) % {
                "date": timezone.localtime(feedback.created_at).strftime("%-d.%-m.%Y"),
                "message": feedback.message,
                "answer": feedback.answer,
            }
        EmailMessage(subject=subject, body=body, to=[feedback.email]).send()
        feedback.answer_sent_at = now
        sent = True
    feedback.save(update_fields=["answered_at", "answered_by", "answer_sent_at"])
    return sent
