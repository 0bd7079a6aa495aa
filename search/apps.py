from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "kbsearch"
    verbose_name = _("Search")

    def ready(self):
        from kb import demo_loaders
        from search import checks, signals  # noqa: F401 -- checks register on import

        signals.connect()
        # The demo ends by rebuilding the index over everything the other apps loaded.
        demo_loaders.register("search", "search.demo.load", after=[demo_loaders.LAST])
