"""Load the analysers, dictionaries and vocabularies before the first reader asks.

Voikko's transducer, the Swedish word list and the SymSpell indexes take seconds
to load on first use. gunicorn calls `warm_up` in its master before it forks
(gunicorn.conf.py, preload_app): every worker then starts with them in memory,
shared copy-on-write, and its first search answers at once.
"""

import time

from django.conf import settings
from django.db import DatabaseError, connections
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kb.access import PUBLIC
from search.analysis import finnish, swedish
from search.engines import EMBEDDED
from search.indexing import SITE_INDEX
from search.querying import run_query
from search.vocabulary import vocabulary

# One word each that goes through compound splitting, stemming and typo correction.
QUERIES = {"fi": "oppilashuollon suunitelma", "sv": "elevhälsans planen"}


def warm_up(log):
    started = time.perf_counter()
    finnish.analyser()
    swedish.lexicon()
    try:
        for lang, _name in settings.LANGUAGES:
            vocabulary(SITE_INDEX, lang).symspell()
            run_query(QUERIES[lang], lang, [PUBLIC], engine=EMBEDDED)
            search_page(lang)
    except DatabaseError as error:
        # Before the first migrate there is nothing to warm; the analysers are loaded.
        log.warning("search warm-up skipped the index: %s", error)
    finally:
        # A connection opened here must not be inherited by the forked workers.
        connections.close_all()
    log.info("search warm-up took %.1f s", time.perf_counter() - started)


def search_page(lang):
    """The search page once through the whole stack: URL resolvers, the language's
    catalogue and the compiled templates are then in memory too, before the fork."""
    host = next((h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"), "localhost")
    with translation.override(lang):
        path = reverse("search") + "?" + f"q={QUERIES[lang].split()[0]}"
    Client(headers={"host": host}, secure=True).get(path)
