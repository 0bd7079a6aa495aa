"""manage.py restore PATH: an archive of `manage.py backup` into an empty database (kb.backup)."""

from django.core.management.base import BaseCommand

from kb import backup


class Command(BaseCommand):
    help = "Restore a backup archive into the configured, empty database and MEDIA_ROOT."

    def add_arguments(self, parser):
        parser.add_argument("path", help="an archive written by manage.py backup")

    def handle(self, *args, path, **options):
        manifest = backup.restore(path)
        self.stdout.write(
            f"Restored the {manifest['engine']} database of {manifest['created']} and "
            f"{manifest['media_files']} media files."
        )
