"""System checks: every site language has an analysis, and its dictionaries are installed."""

import importlib.util

from django.conf import settings
from django.core.checks import Error, register


@register()
def analysis_installed(app_configs, **kwargs):
    from search.analysis.pipeline import LANGUAGES
    from search.analysis.swedish import dictionary_path

    errors = [
        Error(f"No search analysis for the site language {code!r}.", id="kbsearch.E001")
        for code, _ in settings.LANGUAGES
        if code not in LANGUAGES
    ]
    if importlib.util.find_spec("pyvoikko") is None:
        errors.append(Error("pyvoikko is not installed (pip install -e .).", id="kbsearch.E002"))
    if not dictionary_path().exists():
        errors.append(
            Error(
                f"The Swedish word list {dictionary_path()} is missing (pip install -e .).",
                id="kbsearch.E003",
            )
        )
    return errors
