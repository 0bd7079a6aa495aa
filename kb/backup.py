"""One archive with the database and the uploaded files; restored into an empty database.

The database is copied by the engine's own tool, not by `dumpdata`: SQLite's online
backup (a consistent copy while the server writes, WAL included) or PostgreSQL's
`pg_dump --format=custom`, restored by `pg_restore`. Both round-trip everything
exactly: sequences, the search index's SQLite FTS5 and PostgreSQL tsvector tables,
django-q2's schedules, Wagtail's revisions and tree paths, without natural keys for
content types and permissions (dumpdata's weak spot with Wagtail). Moving between
engines is a separate, documented step (docs/operations.md).

Archive (tar.gz): manifest.json, database.sqlite3 or database.pgdump, media/...
"""

import datetime
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections

FORMAT = 1
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


def backup(path, using="default"):
    """Write the archive to `path`; returns the manifest."""
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise CommandError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    media = Path(settings.MEDIA_ROOT)
    files = sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []
    manifest = {
        "format": FORMAT,
        "engine": vendor,
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "media_files": len(files),
    }
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMPS[vendor]
        if vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(dump)
            with target:
                connection.connection.backup(target)
            target.close()
        else:
            run_pg("pg_dump", connection.settings_dict, "--format=custom", f"--file={dump}")
        partial = Path(f"{path}.partial")
        with tarfile.open(partial, "w:gz") as archive:
            add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
            archive.add(dump, arcname=DUMPS[vendor])
            for file in files:
                archive.add(file, arcname=f"media/{file.relative_to(media).as_posix()}")
        partial.replace(path)  # a half-written archive never has the final name
    return manifest


def restore(path, using="default"):
    """Restore the archive at `path` into the configured, empty database and MEDIA_ROOT."""
    connection = connections[using]
    with tarfile.open(path, "r:gz") as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT:
            raise CommandError(f"Unknown backup format {manifest.get('format')!r}.")
        if manifest["engine"] != connection.vendor:
            raise CommandError(
                f"This backup is of a {manifest['engine']} database; the configured database "
                f"is {connection.vendor}. Restore it into the same engine (docs/operations.md)."
            )
        tables = connection.introspection.table_names()
        if tables:
            raise CommandError(
                f"The database {connection.settings_dict['NAME']} already has {len(tables)} "
                "tables. Restore into a new, empty database."
            )
        with tempfile.TemporaryDirectory() as work:
            dump = Path(work) / DUMPS[connection.vendor]
            with archive.extractfile(DUMPS[connection.vendor]) as source, dump.open("wb") as out:
                shutil.copyfileobj(source, out)
            if connection.vendor == "sqlite":
                restore_sqlite(connection, dump)
            else:
                connection.close()
                run_pg(
                    "pg_restore",
                    connection.settings_dict,
                    "--exit-on-error",
                    "--single-transaction",
                    str(dump),
                )
        restore_media(archive)
    return manifest


def restore_sqlite(connection, dump):
    connection.close()
    source = sqlite3.connect(dump)
    target = sqlite3.connect(connection.settings_dict["NAME"])
    with target:
        source.backup(target)
    source.close()
    target.close()


def restore_media(archive):
    media = Path(settings.MEDIA_ROOT).resolve()
    for member in archive.getmembers():
        if not member.isfile() or not member.name.startswith("media/"):
            continue
        target = (media / member.name.removeprefix("media/")).resolve()
        if not target.is_relative_to(media):
            raise CommandError(f"Refusing a file outside the media folder: {member.name}")
        target.parent.mkdir(parents=True, exist_ok=True)
        with archive.extractfile(member) as source, target.open("wb") as out:
            shutil.copyfileobj(source, out)


def add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def run_pg(tool, database, *arguments):
    """pg_dump or pg_restore against the Django database (password through the environment)."""
    if shutil.which(tool) is None:
        raise CommandError(f"{tool} is not installed: install PostgreSQL's client tools.")
    env = {**os.environ, "PGPASSWORD": str(database.get("PASSWORD") or "")}
    command = [
        tool,
        "--no-owner",
        "--no-privileges",
        f"--host={database.get('HOST') or 'localhost'}",
        f"--port={database.get('PORT') or 5432}",
        f"--username={database.get('USER') or ''}",
        f"--dbname={database['NAME']}",
        *arguments,
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise CommandError(f"{tool} failed: {result.stderr.strip()[-2000:]}")
