"""Counts in words, for every message and caption: "1 article", "2 articles"."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """ "1 article", "2,000 articles" (``many`` for irregular plurals: "1 story", "2 stories")."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"
