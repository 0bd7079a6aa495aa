"""PageVerification now belongs to guides (guides 0002): drop only kb's state, keep the table."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("kb", "0004_failure_count"),
        ("guides", "0002_pageverification"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PageVerification")],
            database_operations=[],
        ),
    ]
