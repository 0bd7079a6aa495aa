from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KbConfig(AppConfig):
    name = "kb"
    verbose_name = _("Organisation and school years")

    def ready(self):
        from kb import demos, signals

        signals.connect()
        demos.register("kb", "kb.demo.load")
