"""The demo site is composed of each app's own demo loader.

An app registers its loader in `AppConfig.ready()`:

    demo_loaders.register("guides", "guides.demo.load", after=["kb"])

`manage.py load_demo` runs them in dependency order; `after=["*"]` runs a
loader after every other one (search rebuilds its index last). A loader is a
function `load(stdout)` that returns how many objects it created and is
idempotent. An unknown dependency is an error, not a skipped step.
"""

from dataclasses import dataclass
from graphlib import TopologicalSorter

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

LAST = "*"


@dataclass(frozen=True)
class DemoLoader:
    name: str
    path: str
    after: tuple[str, ...] = ()

    def load(self, stdout=None):
        return import_string(self.path)(stdout)


_loaders: dict[str, DemoLoader] = {}


def register(name, path, after=()):
    _loaders[name] = DemoLoader(name, path, tuple(after))


def ordered(loaders=None):
    """The registered loaders, each after those it names."""
    loaders = dict(_loaders if loaders is None else loaders)
    graph = {}
    for name, loader in loaders.items():
        if LAST in loader.after:
            graph[name] = {other for other, o in loaders.items() if LAST not in o.after}
            continue
        unknown = set(loader.after) - set(loaders)
        if unknown:
            raise ImproperlyConfigured(
                f"Demo loader {name!r} runs after {sorted(unknown)}, which no app registered."
            )
        graph[name] = set(loader.after)
    return [loaders[name] for name in TopologicalSorter(graph).static_order()]
