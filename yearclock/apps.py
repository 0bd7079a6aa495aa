from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YearclockConfig(AppConfig):
    name = "yearclock"
    verbose_name = _("Year clock")
