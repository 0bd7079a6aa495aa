"""Rebuild the site search index from the database, with a progress bar."""

import logging
import sys

from django.core.management.base import BaseCommand

from tqdm import tqdm

from search import sources
from search.indexing import SITE_INDEX, clear_index, delete_entries, index_documents
from search.models import Entry

BATCH = 100


class Command(BaseCommand):
    help = "Rebuild the search index: live pages, year-clock tasks and linked documents."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")
        parser.add_argument(
            "--clear",
            action="store_true",
            help="empty the index first (search finds nothing until the rebuild ends)",
        )

    def handle(self, *args, **options):
        logging.getLogger("elastic_transport").setLevel(logging.WARNING)
        if options["clear"]:
            clear_index(SITE_INDEX)
        progress = tqdm(
            total=sources.count_sources(),
            unit="item",
            disable=options["no_progress"] or options["verbosity"] == 0,
            file=sys.stderr,
        )
        # Entries are replaced in place and what no longer exists is dropped at the
        # end, so searches keep answering from the old entries during the rebuild.
        written = set()
        batch = []
        for document in sources.all_documents():
            batch.append(document)
            progress.update(1)
            if len(batch) >= BATCH:
                written.update(entry.pk for entry in index_documents(batch))
                batch = []
        if batch:
            written.update(entry.pk for entry in index_documents(batch))
        progress.close()
        existing = set(Entry.objects.filter(index=SITE_INDEX).values_list("pk", flat=True))
        stale = sorted(existing - written)
        for start in range(0, len(stale), BATCH):
            delete_entries(list(Entry.objects.filter(pk__in=stale[start : start + BATCH])))
        if options["verbosity"]:
            self.stdout.write(f"Indexed {len(written)} search entries, removed {len(stale)}.")
