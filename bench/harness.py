"""Start-up shared by the database benchmarks: Django with the test settings and a
throw-away database, so a run never touches var/db.sqlite3 or a real PostgreSQL database."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings.test")

import django  # noqa: E402

django.setup()

ROOT = Path(__file__).resolve().parent.parent


def search_eval_file(name):
    """A file of the search evaluation set (search/eval/, from shared/search-eval)."""
    return ROOT / "search" / "eval" / name


def run_in_test_database(main):
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        main()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
