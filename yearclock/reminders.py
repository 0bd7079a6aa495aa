"""E-mail reminders and weekly digests: one record per (occurrence, recipient, offset, date).

Run daily by django-q2 (see `yearclock_schedule`), and every few minutes for
retries and recovery; safe to run any number of times, by any number of workers:

1. *Plan*: for every occurrence starting today or later whose reminder day has
   come (start - N days <= today), create a pending ReminderDelivery per
   recipient and offset, unless one exists. After downtime only the nearest due
   offset is sent; older ones are recorded as skipped, so nobody gets "in 7 days"
   and "tomorrow" in the same morning. Past occurrences are never reminded.
2. *Send*: kb.outbox recovers, claims and sends the rows, one e-mail per recipient
   (plain text + HTML, in their language); rows that gave up are shown on the admin
   dashboard (yearclock.wagtail_hooks).

What delivery guarantees, and what it cannot: docs/calendar-feeds.md, "Reminder e-mails".
"""

import datetime
import logging
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from kb.models import StaffProfile
from kb.outbox import Outbox, Outgoing
from yearclock.models import ReminderDelivery, ReminderPreference, Task
from yearclock.occurrences import occurrence_by_key, occurrences_for, school_years_between

log = logging.getLogger(__name__)

DIGEST_DAYS = 7

Status = ReminderDelivery.Status
Kind = ReminderDelivery.Kind


@dataclass
class Audience:
    """Who is responsible for what, loaded once per run (a few queries, not per user)."""

    users_by_role: dict = field(default_factory=lambda: defaultdict(set))
    schools_by_user: dict = field(default_factory=lambda: defaultdict(set))
    organisation_by_user: dict = field(default_factory=dict)
    reachable: set = field(default_factory=set)  # active, with e-mail, reminders on

    @classmethod
    def load(cls):
        audience = cls()
        opted_out = set(
            ReminderPreference.objects.filter(email_reminders=False).values_list(
                "user_id", flat=True
            )
        )
        from django.contrib.auth import get_user_model

        audience.reachable = set(
            get_user_model()
            .objects.filter(is_active=True)
            .exclude(email="")
            .exclude(pk__in=opted_out)
            .values_list("pk", flat=True)
        )
        for user_id, organisation_key in StaffProfile.objects.values_list(
            "user_id", "organisation__translation_key"
        ):
            audience.organisation_by_user[user_id] = organisation_key
        roles = StaffProfile.roles.through.objects.values_list(
            "staffprofile__user_id", "role__translation_key"
        )
        for user_id, role_key in roles:
            audience.users_by_role[role_key].add(user_id)
        schools = StaffProfile.schools.through.objects.values_list(
            "staffprofile__user_id", "school__translation_key"
        )
        for user_id, school_key in schools:
            audience.schools_by_user[user_id].add(school_key)
        return audience

    def recipients(self, task):
        """User ids to remind about `task`: responsible roles (in its schools) and owner."""
        found = set()
        for role in task.roles.all():
            found |= self.users_by_role.get(role.translation_key, set())
        school_keys = {school.translation_key for school in task.schools.all()}
        if school_keys:
            found = {user for user in found if self.schools_by_user.get(user, set()) & school_keys}
        organisation_key = task.year_clock.organisation.translation_key
        found = {
            user
            for user in found
            if self.organisation_by_user.get(user) in (None, organisation_key)
        }
        if task.owner_id:
            found.add(task.owner_id)
        return found & self.reachable


@dataclass
class RunSummary:
    planned: int = 0
    sent: int = 0
    failed: int = 0
    skipped: int = 0

    def as_dict(self):
        return dict(self.__dict__)


def source_tasks():
    """One translation per task (the default language's where it exists)."""
    return Task.objects.select_related("year_clock__organisation").localized(settings.LANGUAGE_CODE)


def plan_reminders(today, tasks=None, audience=None):
    """Create the pending deliveries that are due today; returns how many were created."""
    tasks = source_tasks() if tasks is None else tasks
    tasks = [task for task in tasks if task.reminder_offsets]
    if not tasks:
        return 0
    audience = audience or Audience.load()
    horizon = today + datetime.timedelta(days=max(max(t.reminder_offsets) for t in tasks))
    years = school_years_between(today, horizon)
    occurrences = [
        item
        for item in occurrences_for(tasks, today, horizon, school_years=years)
        if not item.is_done
    ]
    existing = set(
        ReminderDelivery.objects.filter(
            occurrence_key__in={item.key for item in occurrences}
        ).values_list("occurrence_key", "recipient_id", "offset_days", "starts_on")
    )
    recipients_by_task = {}
    rows = []
    for item in occurrences:
        task = item.task
        due = [n for n in task.reminder_offsets if item.start_date - datetime.timedelta(n) <= today]
        if not due:
            continue
        if task.pk not in recipients_by_task:
            recipients_by_task[task.pk] = audience.recipients(task)
        nearest = min(due)
        key = item.key
        for user_id in recipients_by_task[task.pk]:
            for offset in due:
                if (key, user_id, offset, item.start_date) in existing:
                    continue
                rows.append(
                    {
                        "kind": Kind.REMINDER,
                        "occurrence_key": key,
                        "task_key": task.translation_key,
                        "occurrence_date": item.original_date,
                        "starts_on": item.start_date,
                        "recipient_id": user_id,
                        "offset_days": offset,
                        "status": Status.PENDING if offset == nearest else Status.SKIPPED,
                        "last_error": "" if offset == nearest else "caught up by a nearer reminder",
                    }
                )
    insert_deliveries(rows)
    return len(rows)


def insert_deliveries(rows):
    """Insert ReminderDelivery rows (dicts of field attnames), skipping existing ones.

    The same statement as bulk_create(ignore_conflicts=True): INSERT ... ON CONFLICT
    DO NOTHING, so the unique (occurrence, recipient, offset) constraint still lets
    only one of two racing workers create a row. Written out because the ORM
    prepares every value of every instance (15 × 75,000 on a first run) and SQLite's
    999-parameter cap splits the work into a thousand statements; here each distinct
    value is prepared once.
    """
    if not rows:
        return
    template = ReminderDelivery(created_at=timezone.now())
    fields = [field for field in ReminderDelivery._meta.concrete_fields if not field.primary_key]
    defaults = {field.attname: getattr(template, field.attname) for field in fields}
    prepared = [{} for _field in fields]

    def prepare(index, value):
        cache = prepared[index]
        if value not in cache:
            cache[value] = fields[index].get_db_prep_save(value, connection)
        return cache[value]

    names = [field.attname for field in fields]
    params = [
        tuple(prepare(i, row.get(name, defaults[name])) for i, name in enumerate(names))
        for row in rows
    ]
    quote = connection.ops.quote_name
    # Only identifiers from the model go into the text; every value is a parameter.
    head = "INSERT INTO {} ({}) VALUES ".format(  # noqa: S608
        quote(ReminderDelivery._meta.db_table), ", ".join(quote(f.column) for f in fields)
    )
    placeholder = "(" + ", ".join(["%s"] * len(fields)) + ")"
    per_statement = query_parameter_limit() // len(fields)
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, len(params), per_statement):
            batch = params[start : start + per_statement]
            sql = head + ", ".join([placeholder] * len(batch)) + " ON CONFLICT DO NOTHING"
            cursor.execute(sql, [value for row in batch for value in row])


def query_parameter_limit():
    """Parameters per statement: SQLite's real limit (Django assumes the old 999)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return connection.features.max_query_params or 20000


def digest_key(today):
    year, week, _weekday = today.isocalendar()
    return f"digest:{year}-W{week:02d}"


def plan_digests(today):
    """A pending digest for this ISO week for everyone who asked for one."""
    monday = today - datetime.timedelta(days=today.weekday())
    wanted = ReminderPreference.objects.filter(weekly_digest=True, user__is_active=True).exclude(
        user__email=""
    )
    rows = [
        ReminderDelivery(
            kind=Kind.DIGEST,
            occurrence_key=digest_key(today),
            starts_on=monday,
            recipient_id=user_id,
            offset_days=0,
        )
        for user_id in wanted.values_list("user_id", flat=True)
    ]
    ReminderDelivery.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    return len(rows)


def skip_past(today):
    """Pending or failed reminders whose occurrence is over are not worth sending."""
    return ReminderDelivery.objects.filter(
        kind=Kind.REMINDER,
        status__in=[Status.PENDING, Status.FAILED],
        starts_on__lt=today,
    ).update(status=Status.SKIPPED, last_error="occurrence already past")


def languages_of(claimed):
    """The recipients' languages, once per batch."""
    return dict(
        StaffProfile.objects.filter(user_id__in={d.recipient_id for d in claimed}).values_list(
            "user_id", "language"
        )
    )


def compose_group(deliveries, languages, now):
    recipient = deliveries[0].recipient
    language = languages.get(recipient.pk) or settings.LANGUAGE_CODE
    with override(language):
        message, included, skipped = compose(
            recipient, language, deliveries, timezone.localdate(now)
        )
    return Outgoing(message, included, skipped)


OUTBOX = Outbox(
    model=ReminderDelivery,
    label="yearclock",
    compose=compose_group,
    describe=lambda delivery: f"reminder {delivery.occurrence_key} to {delivery.recipient_id}",
    before_batch=languages_of,
)


def claim(now, recipients=None):
    """Atomically take the sendable rows of up to `recipients` people; the claim id."""
    limits = ReminderDelivery.limits
    return OUTBOX.claim(now, replace(limits, batch=recipients or limits.batch))


def deliver(now, summary):
    summary.skipped += skip_past(timezone.localdate(now))
    return OUTBOX.deliver(now, summary)


def localized_task(task_key, language, cache):
    if task_key not in cache:
        cache[task_key] = next(
            iter(Task.objects.filter(translation_key=task_key).localized(language)), None
        )
    return cache[task_key]


def compose(recipient, language, deliveries, today):
    """(EmailMultiAlternatives or None, ids it covers, {reason: ids to skip})."""
    tasks = {}
    reminders = []
    digest = []
    included = set()
    skipped = defaultdict(list)
    for delivery in deliveries:
        if delivery.kind == Kind.DIGEST:
            items = digest_items(recipient, language, today)
            if items:
                digest = items
                included.add(delivery.pk)
            else:
                skipped["nothing to remind about"].append(delivery.pk)
            continue
        task = localized_task(delivery.task_key, language, tasks)
        occurrence = task and occurrence_by_key(task, delivery.occurrence_key)
        if occurrence is None or occurrence.is_done:
            skipped["nothing to remind about"].append(delivery.pk)
            continue
        if occurrence.start_date != delivery.starts_on:
            # Its date was edited: the reminders for the new date are planned anew.
            skipped["the occurrence moved to another date"].append(delivery.pk)
            continue
        reminders.append({"occurrence": occurrence, "days": (occurrence.start_date - today).days})
        included.add(delivery.pk)
    if not included:
        return None, included, skipped
    context = {
        "recipient": recipient,
        "reminders": reminders,
        "digest": digest,
        "today": today,
        "site_url": settings.SITE_BASE_URL,
        "language": language,
    }
    if reminders and len(reminders) == 1 and not digest:
        subject = _("Reminder: %(title)s") % {"title": reminders[0]["occurrence"].task.title}
    elif reminders:
        subject = _("Year clock: %(count)s tasks coming up") % {"count": len(reminders)}
    else:
        subject = _("Year clock: your week")
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("yearclock/email/reminder.txt", context),
        to=[recipient.email],
        headers={"Auto-Submitted": "auto-generated", "Content-Language": language},
    )
    message.attach_alternative(
        render_to_string("yearclock/email/reminder.html", context), "text/html"
    )
    return message, included, skipped


def digest_items(user, language, today):
    tasks = Task.objects.for_user(user).localized(language)
    end = today + datetime.timedelta(days=DIGEST_DAYS - 1)
    return [item for item in occurrences_for(tasks, today, end) if not item.is_done]


def send_due_reminders(now=None):
    """The daily job: plan due reminders and digests, then send. Returns a summary dict."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    summary = RunSummary()
    summary.planned = plan_reminders(today) + plan_digests(today)
    deliver(now, summary)
    log.info("year-clock reminders: %s", summary.as_dict())
    return summary.as_dict()


def retry_failed(now=None):
    """The frequent job: recovers abandoned deliveries and retries failed ones."""
    now = now or timezone.now()
    summary = deliver(now, RunSummary())
    return summary.as_dict()
