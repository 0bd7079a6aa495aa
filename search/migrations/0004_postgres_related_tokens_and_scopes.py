"""PostgreSQL only: the tsvector gains the related tokens (weight D), and the scopes an
array with a GIN index, so "entry scopes ∩ reader scopes ≠ ∅" is an indexed `&&`.

SQLite needs nothing here: its FTS5 tables (with an indexed scopes column) are created
on demand per index and language.
"""

from django.db import migrations

VECTOR = (
    "setweight(to_tsvector('simple', title_tokens), 'A')"
    " || setweight(to_tsvector('simple', heading_tokens), 'B')"
    " || setweight(to_tsvector('simple', body_tokens), 'C')"
    " || setweight(to_tsvector('simple', part_tokens), 'D')"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE kbsearch_entry DROP COLUMN IF EXISTS search_vector")
    schema_editor.execute(
        "ALTER TABLE kbsearch_entry ADD COLUMN search_vector tsvector"
        f" GENERATED ALWAYS AS ({VECTOR}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX kbsearch_entry_search_vector ON kbsearch_entry USING GIN (search_vector)"
    )
    schema_editor.execute(
        "ALTER TABLE kbsearch_entry ADD COLUMN scope_array text[]"
        " GENERATED ALWAYS AS (string_to_array(scopes, ' ')) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX kbsearch_entry_scope_array ON kbsearch_entry USING GIN (scope_array)"
    )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE kbsearch_entry DROP COLUMN IF EXISTS scope_array")


class Migration(migrations.Migration):
    dependencies = [("kbsearch", "0003_scopes_parts_facets_terms_synonyms")]

    operations = [migrations.RunPython(forwards, backwards)]
