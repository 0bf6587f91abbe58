"""Counts and quotations in words, for every message and caption: "1 article", “a claim”."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """ "1 article", "2,000 articles" (``many`` for irregular plurals: "1 story", "2 stories")."""
    return f"{n:,} {word if n == 1 else many or word + 's'}"


def every(n: int, word: str = "") -> str:
    """ "both (articles)" for two, "all 3 (articles)" for more: "all 2" reads as a slip."""
    words = f" {word}s" if word else ""
    return f"both{words}" if n == 2 else f"all {n:,}{words}"


QUOTE_MARKS = "“”\"‘’'«»"


def quoted(text: str) -> str:
    """“text” in quotation marks, unless it opens with a quote mark of its own (a claim
    that is a quotation): marks inside marks ("“"Dear friend…"”") read as a slip."""
    return text if text and text[0] in QUOTE_MARKS else f"“{text}”"
