"""Mentions: which sentence names which target as an actor, narrated or quoted.

Targets are kept apart: a phrase names one actor, so where mentions of
different targets overlap the longest wins ("Chinese President Xi Jinping" is
a mention of Xi Jinping, not also of China). A place named as a location is not
a mention, nor a target's name opening another body's ("U.K. Independence
Party", :mod:`analysis.framing.mention_roles`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

import pandas as pd

from analysis.framing.knowledge import Target
from analysis.framing.mention_roles import acts, is_location, opens_other_body
from analysis.knowledge.patterns import PatternTimeout, SafePattern, combine

MENTION_COLUMNS = [
    "sentence_id", "article_id", "outlet", "target", "mention_start", "mention_end",
    "voice", "mention",
]  # fmt: skip


def longest_first(spans: Iterable[tuple]) -> list[tuple]:
    """Non-overlapping ``(start, end, ...)`` spans, longer ones winning, in text order."""
    kept: list[tuple] = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        if all(span[1] <= k[0] or span[0] >= k[1] for k in kept):
            kept.append(span)
    return sorted(kept)


def quote_spans(quotes: pd.DataFrame | None, kinds: tuple[str, ...]) -> dict[str, list]:
    """Quote rows of the given kinds per article, with a known span."""
    spans: dict[str, list] = defaultdict(list)
    if quotes is None:
        return spans
    usable = quotes[quotes["kind"].isin(kinds) & quotes["start"].notna() & quotes["end"].notna()]
    for q in usable.itertuples(index=False):
        spans[q.article_id].append(q)
    return spans


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _names_actor(text: str, start: int, end: int, target: Target, own: frozenset[str]) -> bool:
    """Whether ``text[start:end]`` names the target acting, not a place or another body
    (module docstring); ``own`` are the words of the target's patterns."""
    before, after = text[:start], text[end:]
    if is_location(before, after) or opens_other_body(after, own):
        return False
    return not target.is_place(text[start:end]) or acts(before, after)


def _may_mention(any_target: SafePattern, text: str) -> bool:
    """Whether some target may be named in ``text``: one pass, as most sentences name none.

    A pattern too slow for the combined pass is left to the targets' own
    patterns, so that the error names the slow target.
    """
    try:
        return bool(any_target.search(text))
    except PatternTimeout:
        return True


def mentions(
    sentences: pd.DataFrame, targets: list[Target], quotes: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per mention of a target as an actor, with article offsets and its voice.

    A place named as a location ("arrives in Moscow") is not a mention, nor a
    place alias outside an actor's role (:mod:`analysis.framing.mention_roles`). The
    voice is ``quoted`` when the mention overlaps a direct (full or partial)
    quote of the article, else ``narration``; without a quotes frame the
    sentence's own ``voice`` column is used.
    """
    direct = quote_spans(quotes, ("full", "partial"))
    by_name = {t.name: t for t in targets}
    own = {t.name: frozenset(re.findall(r"[a-z]+", t.pattern.lower())) for t in targets}
    any_target = combine([t.regex for t in targets], "the targets")
    rows = []
    for s in sentences.itertuples(index=False):
        if not _may_mention(any_target, s.text):
            continue
        found = [
            (start, end, name)
            for start, end, name in longest_first(
                (m.start(), m.end(), t.name)
                for t in targets
                for m in t.regex.finditer(s.text)
                if m.end() > m.start()
            )
            if _names_actor(s.text, start, end, by_name[name], own[name])
        ]
        spans = [(int(q.start), int(q.end)) for q in direct.get(s.article_id, ())]
        for start, end, name in found:
            a, b = s.start + start, s.start + end
            if quotes is None:
                voice = getattr(s, "voice", "narration")
            else:
                voice = "quoted" if overlaps(a, b, spans) else "narration"
            rows.append(
                (s.sentence_id, s.article_id, s.outlet, name, a, b, voice, s.text[start:end])
            )
    return pd.DataFrame(rows, columns=MENTION_COLUMNS)
