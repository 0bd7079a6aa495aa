"""load_demo is composed of the loaders the apps register (kb.demo_loaders), in dependency order."""

from django.core.exceptions import ImproperlyConfigured

import pytest

from kb import demo_loaders
from kb.demo_loaders import DemoLoader


def test_every_app_registers_its_loader_and_they_run_after_what_they_need():
    names = [loader.name for loader in demo_loaders.ordered()]
    assert sorted(names) == ["guides", "kb", "search", "services", "yearclock"]
    assert names[0] == "kb"
    # The register names guide pages and year-clock tasks; search indexes everything.
    assert names.index("guides") < names.index("yearclock") < names.index("services")
    assert names[-1] == "search"


def test_a_dependency_no_app_registered_is_an_error():
    loaders = {
        "a": DemoLoader("a", "a.demo.load"),
        "b": DemoLoader("b", "b.demo.load", after=("a", "missing")),
    }
    with pytest.raises(ImproperlyConfigured, match="missing"):
        demo_loaders.ordered(loaders)
    loaders["b"] = DemoLoader("b", "b.demo.load", after=("a",))  # positive control
    assert [loader.name for loader in demo_loaders.ordered(loaders)] == ["a", "b"]
