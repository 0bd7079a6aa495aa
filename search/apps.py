from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "kbsearch"
    verbose_name = _("Search")

    def ready(self):
        from search import checks, signals  # noqa: F401 -- checks register on import

        signals.connect()
