"""Load the demo site: organisations, users, pages, year clock, then rebuild search."""

import importlib

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand

# Each app that has demo data offers `<app>.demo.load(stdout)`; missing ones are skipped.
LOADERS = ["kb.demo", "guides.demo", "yearclock.demo", "services.demo"]


class Command(BaseCommand):
    help = "Load a realistic demo site (Rusko and Kangasala). Running it twice changes nothing."

    def handle(self, *args, **options):
        for module_name in LOADERS:
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                self.stdout.write(f"{module_name}: not installed, skipped")
                continue
            module.load(self.stdout)
        if "search_reindex" in get_commands():
            call_command("search_reindex", stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo site loaded."))
