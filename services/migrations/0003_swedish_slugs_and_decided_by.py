from django.db import migrations, models
from django.db.models import Q


class Migration(migrations.Migration):
    dependencies = [("services", "0002_delivery_fields_from_kb_outbox")]

    operations = [
        migrations.RenameField("decision", "decided_by", "decided_by_fi"),
        migrations.AddField(
            model_name="digitalservice",
            name="slug_sv",
            field=models.SlugField(blank=True, max_length=80),
        ),
        migrations.AddField(
            model_name="decision",
            name="decided_by_sv",
            field=models.CharField(blank=True, max_length=160),
        ),
        migrations.AddConstraint(
            model_name="digitalservice",
            constraint=models.UniqueConstraint(
                condition=~Q(slug_sv=""), fields=("slug_sv",), name="unique_swedish_service_slug"
            ),
        ),
        migrations.AlterField(
            model_name="decision",
            name="decided_by_fi",
            field=models.CharField(
                blank=True,
                help_text="E.g. Head of education.",
                max_length=160,
                verbose_name="decided by (in Finnish)",
            ),
        ),
        migrations.AlterField(
            model_name="decision",
            name="decided_by_sv",
            field=models.CharField(
                blank=True,
                help_text="Empty: the Finnish text.",
                max_length=160,
                verbose_name="decided by (in Swedish)",
            ),
        ),
        migrations.AlterField(
            model_name="digitalservice",
            name="slug",
            field=models.SlugField(
                help_text="The word in the Finnish address; imports and the API name the service by it.",
                max_length=80,
                unique=True,
                verbose_name="slug",
            ),
        ),
        migrations.AlterField(
            model_name="digitalservice",
            name="slug_sv",
            field=models.SlugField(
                blank=True,
                help_text="The word in the Swedish address. Empty: the Finnish one.",
                max_length=80,
                verbose_name="slug (in Swedish)",
            ),
        ),
    ]
