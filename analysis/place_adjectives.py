"""Adjectives of places: 'American', 'Chinese', 'Texan', 'European'.

Such a word describes the name after it and is no part of it: 'American Facebook users'
name Facebook, and 'Facebook' alone is not short for 'North American Facebook'. A
general-language list like the stop words, derived from WordNet 3.0
(``scripts/build_place_adjectives.py``), in ``analysis/data/place_adjectives.txt``.
"""

from __future__ import annotations

from pathlib import Path

PLACE_ADJECTIVES_FILE = Path(__file__).resolve().parent / "data" / "place_adjectives.txt"


def _load(path: Path = PLACE_ADJECTIVES_FILE) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and line[:1] != "#")


PLACE_ADJECTIVES = _load()


def is_place_adjective(word: str) -> bool:
    """Whether ``word`` is an adjective of a place, as written ('American', not 'american')."""
    return word in PLACE_ADJECTIVES
