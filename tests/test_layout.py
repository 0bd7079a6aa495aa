"""The dependency arrows point one way: wiring -> apps -> kb's organisation domain.

kb is both the project package (settings, URLs, WSGI/ASGI: wiring, which may
import the apps) and the base domain. Its domain modules and templates must not
reach into the apps built on it.
"""

import ast
import re
from pathlib import Path

from django.conf import settings

APPS = ("guides", "yearclock", "search", "services", "identity")
KB = Path(settings.BASE_DIR) / "kb"
WIRING = {"urls.py", "urls_account.py", "wsgi.py", "asgi.py"}
NOT_DOMAIN = {"settings", "migrations", "tests"}
TEMPLATE_REFERENCE = re.compile(r"""{%\s*(?:include|extends)\s+["'](\w+)/""")


def domain_modules():
    for path in sorted(KB.rglob("*.py")):
        relative = path.relative_to(KB)
        if relative.parts[0] in NOT_DOMAIN or str(relative) in WIRING:
            continue
        yield path


def imported_apps(path):
    """Top-level packages imported anywhere in the module, function bodies included."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
        ):
            found.add(str(node.args[0].value).split(".")[0])
    return found & set(APPS)


def test_no_kb_domain_module_imports_an_app():
    modules = list(domain_modules())
    assert KB / "models.py" in modules and KB / "access.py" in modules
    offenders = {str(p.relative_to(KB)): imported_apps(p) for p in modules if imported_apps(p)}
    assert offenders == {}


def test_no_kb_template_includes_an_app_template():
    templates = sorted((KB / "templates").rglob("*.html"))
    assert templates
    offenders = {
        str(path.relative_to(KB)): refs
        for path in templates
        if (refs := set(TEMPLATE_REFERENCE.findall(path.read_text())) & set(APPS))
    }
    assert offenders == {}


def test_the_check_sees_imports(tmp_path):
    """Positive control: the same check finds each kind of import it looks for."""
    module = tmp_path / "m.py"
    module.write_text(
        "import guides.models\n"
        "def f():\n    from yearclock import feeds\n"
        "importlib.import_module('search.engines')\n"
        "from services.models import Service\n"
        "from kb.models import Role\n"
    )
    assert imported_apps(module) == {"guides", "yearclock", "search", "services"}
    template = '{% include "yearclock/includes/x.html" %}{% extends "base.html" %}'
    assert TEMPLATE_REFERENCE.findall(template) == ["yearclock"]


ROOT = Path(settings.BASE_DIR)
DOC_LINK = re.compile(r"\]\(((?!https?:|#)[^)#\s]+)")


def test_readme_is_the_door():
    """README says what it is, how to run it and where to read on; topics live in docs/."""
    assert len((ROOT / "README.md").read_text().splitlines()) <= 300


def test_documentation_links_resolve():
    documents = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    links = [
        (document, target)
        for document in documents
        for target in DOC_LINK.findall(document.read_text())
    ]
    assert any(target == "docs/architecture.md" for _, target in links)  # the pattern finds links
    missing = [
        f"{document.name}: {target}"
        for document, target in links
        if not (document.parent / target).exists()
    ]
    assert missing == []


MAX_MODULE_LINES = 600
APP_DIRS = ("kb", "guides", "yearclock", "search", "services")


def module_lengths():
    """Lines of each of our modules; migrations, tests and demo data aside."""
    for app in APP_DIRS:
        for path in (ROOT / app).rglob("*.py"):
            parts = path.relative_to(ROOT).parts
            if {"migrations", "tests", "demo"} & set(parts) or path.name == "demo.py":
                continue
            yield str(path.relative_to(ROOT)), len(path.read_text().splitlines())


def test_no_module_does_several_jobs_by_size():
    lengths = dict(module_lengths())
    assert lengths["yearclock/imports.py"] > 100  # the count sees the modules
    assert "yearclock/demo.py" not in lengths  # demo data aside
    too_long = {name: count for name, count in lengths.items() if count > MAX_MODULE_LINES}
    assert too_long == {}
