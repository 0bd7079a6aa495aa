"""Page review moves from kb to guides, next to the pages it reviews.

The model's state moves here while the table and its rows stay where they are
(kb's 0005 drops only kb's state); 0003 then renames the table for guides.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("guides", "0001_initial"),
        ("kb", "0003_content_locales"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PageVerification",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("verified_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="verified at")),
                        ("page", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="verifications", to="wagtailcore.page", verbose_name="page")),
                        ("revision", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="wagtailcore.revision", verbose_name="live revision")),
                        ("school_year", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="verifications", to="kb.schoolyear", verbose_name="school year")),
                        ("verified_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="verified by")),
                    ],
                    options={
                        "verbose_name": "page verification",
                        "verbose_name_plural": "page verifications",
                        "ordering": ["-school_year__start_year"],
                        "db_table": "kb_pageverification",
                        "constraints": [models.UniqueConstraint(fields=("page", "school_year"), name="unique_verification_per_school_year")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
