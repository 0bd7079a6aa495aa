from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("guides", "0002_pageverification"),
        ("kb", "0005_move_pageverification_to_guides"),
    ]

    operations = [
        migrations.AlterModelTable(name="pageverification", table=None),
    ]
