from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YearclockConfig(AppConfig):
    name = "yearclock"
    verbose_name = _("Year clock")

    def ready(self):
        from kb import access, demo_loaders
        from yearclock import signals
        from yearclock.models import Completion, Task
        from yearclock.search import register_tasks

        access.register(Task, Task.audience)
        access.register(Completion, lambda completion: completion.task.details_audience())
        signals.connect()
        register_tasks()
        demo_loaders.register("yearclock", "yearclock.demo.load", after=["kb", "guides"])
