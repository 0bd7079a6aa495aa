"""Load the demo site: every app's registered demo loader, in dependency order (kb.demo_loaders)."""

from django.core.management.base import BaseCommand

from kb import demo_loaders


class Command(BaseCommand):
    help = "Load a realistic demo site (Rusko and Kangasala). Running it twice changes nothing."

    def handle(self, *args, **options):
        for loader in demo_loaders.ordered():
            loader.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo site loaded."))
