"""Soft word evidence: two different words that can report one event.

Outlets retell one fact in their own words ("killed" / "died", "accused" /
"accusation", "dismissed" / "fired"). ``analysis/data/word_synonyms.tsv``
(built from WordNet 3.0 by ``scripts/build_word_synonyms.py``) gives each
frequent news word its meaning keys: its dictionary form, its family of
derived words and its first senses. Two words with a key in common count as
one shared word of evidence (``soft_shared``); the claim rules still require
the actors, numbers and speakers to agree, so a synonym never joins two
different facts by itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

WORD_SYNONYMS = Path(__file__).resolve().parents[1] / "data" / "word_synonyms.tsv"

Meanings = tuple[tuple[str, frozenset[str]], ...]
"""(stem, meaning keys) per word of a sentence that the table knows."""


def load_synonyms(path: Path = WORD_SYNONYMS) -> dict[str, frozenset[str]]:
    """word -> its meaning keys (``scripts/build_word_synonyms.py`` explains them)."""
    interned: dict[str, str] = {}
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line[:1] != "#":
            word, keys = line.split("\t")
            table[word] = frozenset(interned.setdefault(k, k) for k in keys.split())
    return table


SYNONYMS = load_synonyms()


def meanings(words: Iterable[tuple[str, str]]) -> Meanings:
    """The (stem, meaning keys) of the (word, stem) pairs the table knows."""
    return tuple((stem, SYNONYMS[word]) for word, stem in words if word in SYNONYMS)


def soft_shared(a: Meanings, b: Meanings, excluded: frozenset[str]) -> int:
    """How many words of one sentence have a meaning key of a word of the other,
    stems in ``excluded`` (already shared, or topic words) left out; the smaller
    count of the two sides, so one word matched twice counts once."""
    a = tuple((stem, keys) for stem, keys in a if stem not in excluded)
    b = tuple((stem, keys) for stem, keys in b if stem not in excluded)
    if not a or not b:
        return 0
    keys_a = frozenset().union(*(keys for _, keys in a))
    keys_b = frozenset().union(*(keys for _, keys in b))
    matched_a = {stem for stem, keys in a if keys & keys_b}
    matched_b = {stem for stem, keys in b if keys & keys_a}
    return min(len(matched_a), len(matched_b))
