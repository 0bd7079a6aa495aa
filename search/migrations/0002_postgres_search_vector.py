"""PostgreSQL only: the weighted tsvector the embedded engine searches, kept by the database.

SQLite needs nothing here: its FTS5 tables are created on demand per index and language.
"""

from django.db import migrations

VECTOR = (
    "setweight(to_tsvector('simple', title_tokens), 'A')"
    " || setweight(to_tsvector('simple', heading_tokens), 'B')"
    " || setweight(to_tsvector('simple', body_tokens), 'C')"
)


def add_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE kbsearch_entry ADD COLUMN search_vector tsvector"
        f" GENERATED ALWAYS AS ({VECTOR}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX kbsearch_entry_search_vector ON kbsearch_entry USING GIN (search_vector)"
    )


def drop_vector(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE kbsearch_entry DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0001_initial")]

    operations = [migrations.RunPython(add_vector, drop_vector)]
