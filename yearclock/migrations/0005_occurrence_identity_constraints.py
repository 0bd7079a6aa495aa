from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("yearclock", "0004_occurrence_identity"),
    ]

    operations = [
        migrations.AlterField(
            model_name="completion",
            name="occurrence_date",
            field=models.DateField(
                help_text="The date the occurrence had when it was marked done.",
                verbose_name="scheduled date",
            ),
        ),
        migrations.AlterField(
            model_name="reminderdelivery",
            name="starts_on",
            field=models.DateField(
                help_text="After any move to a working day.", verbose_name="starts on"
            ),
        ),
        migrations.AlterField(
            model_name="reminderdelivery",
            name="attempts",
            field=models.PositiveSmallIntegerField(
                default=0, help_text="SMTP transactions started, not claims.", verbose_name="attempts"
            ),
        ),
        migrations.AddConstraint(
            model_name="completion",
            constraint=models.UniqueConstraint(
                fields=("occurrence_key",), name="unique_completion_per_occurrence_key"
            ),
        ),
        migrations.AddConstraint(
            model_name="reminderdelivery",
            constraint=models.UniqueConstraint(
                fields=("occurrence_key", "recipient", "offset_days", "starts_on"),
                name="unique_reminder_delivery_per_date",
            ),
        ),
        migrations.AddIndex(
            model_name="reminderdelivery",
            index=models.Index(fields=["claim"], name="yearclock_r_claim_96329c_idx"),
        ),
    ]
