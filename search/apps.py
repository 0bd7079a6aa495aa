from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "kbsearch"
    verbose_name = _("Search")

    def ready(self):
        from kb import demos
        from search import checks, signals  # noqa: F401 -- checks register on import

        signals.connect()
        # The demo ends by rebuilding the index over everything the other apps loaded.
        demos.register("search", "search.demo.load", after=[demos.LAST])
