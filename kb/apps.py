from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KbConfig(AppConfig):
    name = "kb"
    verbose_name = _("Organisation and school years")

    def ready(self):
        from django.core import checks

        from kb import demo_loaders, signals
        from kb.outbox import email_timeout

        signals.connect()
        checks.register(email_timeout, checks.Tags.compatibility)
        demo_loaders.register("kb", "kb.demo.load")
