"""Completions and reminder deliveries follow the occurrence's identity.

An occurrence was identified by its task and original date; it is now its task,
school year and place in that year (yearclock.occurrences), so editing a task's
date keeps its completions, calendar UIDs and sent reminders with it. Existing
rows get their new key from the task's rule as it stands when this runs; a row
whose date the rule no longer gives keeps its old key (it matched nothing before
either). That needs the rule engine, so this uses the live modules: run it with
the code it was written for (squash it away once every database has it).
"""

from django.db import migrations, models


def old_key(task_key, day):
    return f"{task_key}:{day:%Y%m%d}"


def new_key(task_key, day, tasks_by_key):
    from yearclock.occurrences import occurrence_on

    task = tasks_by_key.get(str(task_key))
    occurrence = task and occurrence_on(task, day)
    return occurrence.key if occurrence else old_key(task_key, day)


def forwards(apps, schema_editor):
    from yearclock.models import Task

    Completion = apps.get_model("yearclock", "Completion")
    ReminderDelivery = apps.get_model("yearclock", "ReminderDelivery")
    reminders = ReminderDelivery.objects.filter(kind="reminder", task_key__isnull=False)
    keys = set(Completion.objects.values_list("task_key", flat=True))
    keys |= set(reminders.values_list("task_key", flat=True))
    tasks_by_key = {}
    for task in Task.objects.filter(translation_key__in=keys).order_by("pk"):
        tasks_by_key.setdefault(str(task.translation_key), task)
    for completion in Completion.objects.all():
        completion.occurrence_key = new_key(
            completion.task_key, completion.occurrence_date, tasks_by_key
        )
        completion.save(update_fields=["occurrence_key"])
    for delivery in reminders.exclude(occurrence_date__isnull=True):
        delivery.occurrence_key = new_key(delivery.task_key, delivery.occurrence_date, tasks_by_key)
        delivery.starts_on = delivery.starts_on or delivery.occurrence_date
        delivery.save(update_fields=["occurrence_key", "starts_on"])
    for delivery in ReminderDelivery.objects.filter(starts_on__isnull=True):
        delivery.starts_on = delivery.created_at.date()
        delivery.save(update_fields=["starts_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("yearclock", "0003_feed_version"),
        ("kb", "0003_content_locales"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="completion", name="unique_completion_per_occurrence"
        ),
        migrations.RemoveConstraint(model_name="reminderdelivery", name="unique_reminder_delivery"),
        migrations.AddField(
            model_name="completion",
            name="occurrence_key",
            field=models.CharField(default="", max_length=80, verbose_name="occurrence"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="reminderdelivery",
            name="attempted_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="last attempt"),
        ),
        migrations.AddField(
            model_name="reminderdelivery",
            name="message_id",
            field=models.CharField(
                blank=True,
                help_text="Kept for resending: a resent reminder is the same message.",
                max_length=200,
                verbose_name="Message-ID",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
