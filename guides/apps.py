from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "guides"
    verbose_name = _("Guides and instructions")

    def ready(self):
        from kb import demo_loaders

        demo_loaders.register("guides", "guides.demo.load", after=["kb"])
