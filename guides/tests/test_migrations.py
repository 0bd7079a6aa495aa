"""Moving page review from kb to guides keeps every verification."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("kb", "0003_content_locales"), ("guides", "0001_initial")]


def test_verifications_survive_the_move_to_guides():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM wagtailcore_page ORDER BY id LIMIT 1")
        (page_id,) = cursor.fetchone()
        cursor.execute(
            "INSERT INTO kb_schoolyear (start_year, autumn_term_start, autumn_term_end,"
            " spring_term_start, spring_term_end)"
            " VALUES (2026, '2026-08-12', '2026-12-19', '2027-01-07', '2027-05-29')"
        )
        cursor.execute("SELECT id FROM kb_schoolyear WHERE start_year = 2026")
        (year_id,) = cursor.fetchone()
        cursor.execute(
            "INSERT INTO kb_pageverification (page_id, school_year_id, verified_at)"
            " VALUES (%s, %s, '2026-09-01 12:00:00+00')",
            [page_id, year_id],
        )
    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    from guides.verification import PageVerification

    verification = PageVerification.objects.get()
    assert (verification.page_id, verification.school_year.start_year) == (page_id, 2026)
    assert PageVerification._meta.db_table == "guides_pageverification"
    assert "kb_pageverification" not in connection.introspection.table_names()
