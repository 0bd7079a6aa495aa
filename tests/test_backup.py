"""manage.py backup and restore: a round trip into a new, empty database and media folder.

The backup is taken from the test database while it is in use; the restore runs as
an operator would run it (a separate manage.py, production settings, a fresh
database of the same engine: a new SQLite file, or a new PostgreSQL database).
"""

import datetime
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from wagtail.documents import get_document_model
from wagtail.models import Page

import pytest

from guides.tests.factories import GuidePageFactory, site_tree
from kb.tests.factories import SchoolYearFactory
from services.models import DigitalService
from services.tests.factories import DigitalServiceFactory
from yearclock import occurrences
from yearclock.models import Completion, Task
from yearclock.tests.factories import TaskFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
ROOT = Path(__file__).resolve().parents[1]
FILE_BYTES = b"%PDF-1.4\n" + bytes(range(256)) * 40  # every byte value, some kilobytes
COUNTED = {
    "pages": Page,
    "tasks": Task,
    "completions": Completion,
    "services": DigitalService,
    "documents": get_document_model(),
}


def counts(cursor):
    found = {}
    for name, model in COUNTED.items():
        cursor.execute(f"SELECT COUNT(*) FROM {model._meta.db_table}")  # noqa: S608 - our names
        found[name] = cursor.fetchone()[0]
    return found


@pytest.fixture
def fresh_database(tmp_path):
    """(DATABASE_URL, cursor factory) of a new, empty database of the suite's engine."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", lambda: sqlite3.connect(path)
        return
    import psycopg2

    data = connection.settings_dict
    name = f"vk_restore_{uuid.uuid4().hex[:10]}"
    login = {k.lower(): data[k] for k in ("HOST", "PORT", "USER", "PASSWORD")}
    admin = psycopg2.connect(dbname="postgres", **login)
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    opened = []

    def connect():
        opened.append(psycopg2.connect(dbname=name, **login))
        return opened[-1]

    url = f"postgres://{data['USER']}:{data['PASSWORD']}@{data['HOST']}:{data['PORT']}/{name}"
    yield url, connect
    for each in opened:
        each.close()
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.close()


def restore(archive, url, media, tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kb.settings.base",
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": url,
        "MEDIA_ROOT": str(media),
        "VAR_DIR": str(tmp_path / "var"),
    }
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_backup_restores_everything_into_an_empty_database(tmp_path, fresh_database, locales):
    tree = site_tree()
    GuidePageFactory(parent=tree["public"], title="Koulukuljetus")
    SchoolYearFactory()
    day = datetime.date(2026, 10, 15)
    task = TaskFactory(rule=Task.Rule.ONCE, once_date=day)
    boss = get_user_model().objects.create_superuser("rehtori", "r@example.org", "x")
    occurrences.mark_done(task, day, boss, "tehty")
    DigitalServiceFactory()
    document = get_document_model().objects.create(
        title="Kuljetussääntö", file=ContentFile(FILE_BYTES, name="kuljetussaanto.pdf")
    )
    with connection.cursor() as cursor:
        before = counts(cursor)
    assert before["completions"] == 1 and before["documents"] == 1 and before["pages"] >= 4

    archive = tmp_path / "varmuuskopio.tar.gz"
    call_command("backup", str(archive), stdout=open(os.devnull, "w"))  # noqa: SIM115
    url, connect = fresh_database
    media = tmp_path / "restored-media"
    result = restore(archive, url, media, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]

    restored = connect()
    assert counts(restored.cursor()) == before
    assert (media / document.file.name).read_bytes() == FILE_BYTES

    restored.close()
    # Never over existing data: a restore into this (full) test database refuses.
    with pytest.raises(CommandError, match="Restore into a new, empty database"):
        call_command("restore", str(archive))


def test_restore_refuses_another_engines_archive(tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    archive = tmp_path / "muu.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = json.dumps({"format": 1, "engine": other}).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match=f"backup is of a {other} database"):
        call_command("restore", str(archive))
