"""The demo's last step: index everything the other apps' demo loaders created."""

from django.core.management import call_command


def load(stdout=None):
    call_command("search_reindex", "--no-progress", stdout=stdout)
    return 0
