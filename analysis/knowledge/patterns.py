"""Analyst-supplied patterns (knowledge files, ad-hoc targets, CLI options), made safe.

An analyst's regular expression can backtrack catastrophically (``(a|aa)+$``) and,
in Python's ``re``, hold the whole server for minutes. Every such pattern is
compiled here, once, with the ``regex`` package: it is compatible with ``re``
(scoped flags such as ``(?-i:US)`` included), avoids most catastrophic backtracking
by itself and bounds each match with a ``timeout``. A pattern that runs out of
time raises :class:`PatternTimeout` naming the pattern; a pattern that matches
everything (``.*``, ``|``, an empty one) is refused with :class:`PatternError`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

TIMEOUT = 0.5
"""Seconds one pattern may spend on one text (a sentence, a name) before it is stopped."""

_PROBES = ("x", "Q", "7", "zq qz")
"""Unrelated texts: a pattern that finds something in each of them matches everything."""


class PatternError(ValueError):
    """A pattern that cannot be used: invalid, matching everything, or too slow."""


class PatternTimeout(PatternError):
    """A pattern took longer than :data:`TIMEOUT` on one text."""


@dataclass(frozen=True)
class SafePattern:
    """A compiled analyst pattern whose every match is bounded in time.

    Offers the ``re.Pattern`` methods the analyses use; ``what`` says where the
    pattern came from (``target 'China'``, ``topics.csv:4``) for messages.
    """

    compiled: regex.Pattern[str]
    source: str
    what: str

    @property
    def pattern(self) -> str:
        """The full compiled expression (word bounds included)."""
        return self.compiled.pattern

    def _timed_out(self) -> PatternTimeout:
        return PatternTimeout(
            f"{self.what}: pattern {shorten(self.source)!r} took longer than {TIMEOUT:g} s "
            "on one text and was stopped; simplify it (avoid nested repeats such as (a+)+)"
        )

    def search(self, text: str) -> regex.Match[str] | None:
        """The first match in ``text``, or None."""
        try:
            return self.compiled.search(text, timeout=TIMEOUT)
        except TimeoutError:
            raise self._timed_out() from None

    def fullmatch(self, text: str) -> regex.Match[str] | None:
        """A match of the whole of ``text``, or None."""
        try:
            return self.compiled.fullmatch(text, timeout=TIMEOUT)
        except TimeoutError:
            raise self._timed_out() from None

    def finditer(self, text: str) -> Iterator[regex.Match[str]]:
        """Every non-overlapping match in ``text``."""
        try:
            yield from self.compiled.finditer(text, timeout=TIMEOUT)
        except TimeoutError:
            raise self._timed_out() from None


def shorten(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis: for messages that echo input."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def compile_words(patterns: str, what: str) -> SafePattern:
    """Compile ``a|b|c`` matched case-insensitively on word boundaries; refuse bad patterns.

    Raises :class:`PatternError` for invalid syntax or a pattern that matches
    everything (the empty string, or every unrelated probe text).
    """
    if not patterns.strip():
        raise PatternError(f"{what}: the pattern is empty, so it would match everything")
    try:
        regex.compile(patterns, regex.IGNORECASE)  # its error positions are the analyst's
    except regex.error as exc:
        raise PatternError(
            f"{what}: invalid pattern {shorten(patterns)!r} (invalid regex: {exc})"
        ) from None
    bare = regex.compile(f"(?:{patterns})", regex.IGNORECASE)
    compiled = regex.compile(rf"\b(?:{patterns})\b", regex.IGNORECASE)
    safe = SafePattern(compiled, patterns, what)
    if SafePattern(bare, patterns, what).fullmatch(""):
        raise PatternError(
            f"{what}: pattern {shorten(patterns)!r} matches the empty string, so it would "
            "match every text; remove the empty alternative or the optional whole"
        )
    if all(safe.search(probe) for probe in _PROBES):
        raise PatternError(
            f"{what}: pattern {shorten(patterns)!r} matches any word, so it would match "
            "every text; name the words it should find"
        )
    return safe


def combine(patterns: list[SafePattern], what: str) -> SafePattern:
    """One pattern matching wherever one of ``patterns`` does (all already checked)."""
    joined = "|".join(p.pattern for p in patterns) or "(?!)"
    return SafePattern(regex.compile(joined, regex.IGNORECASE), joined, what)
