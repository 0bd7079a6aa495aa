"""Wagtail starts every tree at a page and a collection named "Root", which editors then
read in the page chooser ("Selaamassa: Root") and the collection lists. Name both for
the service, in both languages; a tree whose root was renamed already keeps its name."""

from django.db import migrations

SERVICE_NAME = "Ohjepankki ja vuosikello – Kunskapsbank och årshjul"


def name_the_root(apps, schema_editor):
    apps.get_model("wagtailcore", "Page").objects.filter(depth=1, title="Root").update(
        title=SERVICE_NAME, draft_title=SERVICE_NAME
    )
    apps.get_model("wagtailcore", "Collection").objects.filter(depth=1, name="Root").update(
        name=SERVICE_NAME
    )


class Migration(migrations.Migration):
    # guides 0001 depends on wagtailcore's migrations, which create the root page and
    # collection.
    dependencies = [("guides", "0004_capitalised_block_labels")]

    operations = [migrations.RunPython(name_the_root, migrations.RunPython.noop)]
