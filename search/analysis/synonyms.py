"""Synonym groups per language from search/synonyms_<lang>.txt.

One group a line, variants separated by commas; `#` starts a comment. Every variant of a
group expands to the others at query time: "mfa" finds "monivaiheinen tunnistautuminen"
and the other way round.
"""

from functools import lru_cache
from pathlib import Path

SYNONYM_DIR = Path(__file__).resolve().parent.parent


@lru_cache(maxsize=8)
def groups(lang):
    path = SYNONYM_DIR / f"synonyms_{lang}.txt"
    if not path.exists():
        return ()
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        variants = tuple(v.strip() for v in line.split(",") if v.strip())
        if len(variants) > 1:
            found.append(variants)
    return tuple(found)
