"""manage.py backup PATH: the database and the uploaded files in one archive (kb.backup)."""

from django.core.management.base import BaseCommand

from kb import backup


class Command(BaseCommand):
    help = "Write the database and the media files to one .tar.gz archive (docs/operations.md)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the archive to write, e.g. vuosikello-2026-12-04.tar.gz")

    def handle(self, *args, path, **options):
        manifest = backup.backup(path)
        self.stdout.write(
            f"Backed up the {manifest['engine']} database and "
            f"{manifest['media_files']} media files to {path}."
        )
