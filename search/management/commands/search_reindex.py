"""Rebuild the site search index from the database, with a progress bar."""

import logging
import sys

from django.core.management.base import BaseCommand

from tqdm import tqdm

from search import sources
from search.indexing import SITE_INDEX, clear_index, index_documents

BATCH = 100


class Command(BaseCommand):
    help = "Rebuild the search index: live pages, year-clock tasks and linked documents."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        logging.getLogger("elastic_transport").setLevel(logging.WARNING)
        clear_index(SITE_INDEX)
        progress = tqdm(
            total=sources.count_sources(),
            unit="item",
            disable=options["no_progress"] or options["verbosity"] == 0,
            file=sys.stderr,
        )
        batch, written = [], 0
        for document in sources.all_documents():
            batch.append(document)
            progress.update(1)
            if len(batch) >= BATCH:
                written += len(index_documents(batch))
                batch = []
        if batch:
            written += len(index_documents(batch))
        progress.close()
        if options["verbosity"]:
            self.stdout.write(f"Indexed {written} search entries.")
