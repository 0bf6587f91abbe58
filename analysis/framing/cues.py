"""Cues: loaded labels and distancing attached to the narrated mentions they are about.

The attachment rules (nearest mention in the clause, not the object of a
preposition, no since/after/because clause in between, coordination, negation,
distancing scope, scare quotes) are described in :mod:`analysis.framing.stance`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from analysis.framing.knowledge import LexiconEntry, Target, text_cell
from analysis.framing.mentions import longest_first, overlaps, quote_spans
from analysis.knowledge.patterns import SafePattern, combine

WINDOW = 8
NEAR = 3
SCARE_MAX_WORDS = 4

NEGATORS = frozenset({"not", "no", "never", "without", "nor", "hardly"})
DETERMINERS = frozenset({"the", "a", "an"})
PREPOSITIONS = frozenset(
    "of in on at to for from with about against into over toward towards across between "
    "among under within upon after before during near since like".split()
)  # "by" is left out: it introduces the agent of a passive
SUBORDINATORS = frozenset({"after", "before", "since"})  # also open a clause: "since Russia began"
_NEXT_WORD = re.compile(r"\s+([a-z]\w*)")
PATIENT_MARKERS = frozenset(
    {"of", "against", "on", "upon", "in", "into", "over", "toward", "towards"}
)

CUE_COLUMNS = [
    "sentence_id", "article_id", "outlet", "target", "component", "mention", "mention_start",
    "mention_end", "cue", "cue_start", "cue_end", "polarity", "source",
]  # fmt: skip

_WORD = re.compile(r"(?<!['’])\b\w[\w'’-]*")
_CLAUSE_BREAK = re.compile(
    r"[;:—–()]|,(?=\s+(?:but|while|whereas|although|though|yet|which|who|whom|whose)\b)",
    re.IGNORECASE,
)
_COORDINATION = re.compile(r"\s*,?\s*(?:and|or|&)\s+", re.IGNORECASE)
_SUBORDINATE = re.compile(
    r"\b(?:since|after|because|before|when|while|until|although|though|whereas|unless)\b",
    re.IGNORECASE,
)
_BACK_REFERENCE = frozenset({"its", "their", "his", "her"})  # "Russia, since its invasion"


class _Span(NamedTuple):
    start: int
    end: int
    target: str


@dataclass(frozen=True)
class _Sentence:
    """One sentence, offsets local to it: text, narrated mentions, direct quotes."""

    text: str
    mentions: list[_Span]
    direct: list[tuple[int, int]]
    breaks: list[int]
    subordinators: list[tuple[int, int]]

    def clause(self, position: int) -> int:
        return bisect_right(self.breaks, position)

    def words(self, start: int, end: int) -> list[str]:
        return _WORD.findall(self.text, start, max(start, end))

    def subordinate_between(self, start: int, end: int) -> bool:
        """Whether a since/after/because... clause opens between two spans.

        "China stayed silent since the unprovoked invasion": the label sits in
        a clause of its own and is not about China. A possessive that points
        back ("Russia, since its unprovoked invasion") keeps the two together.
        """
        return any(
            start <= s
            and e <= end
            and not {w.lower() for w in self.words(e, end)[:1]} & _BACK_REFERENCE
            for s, e in self.subordinators
        )


def _attach(sent: _Sentence, start: int, end: int, *, loaded: bool) -> list[_Span]:
    """The mentions a cue at [start, end) is about (rules in the module docstring)."""
    best, best_key = None, None
    for m in sent.mentions:
        before = m.start < start
        if before:
            gap = sent.words(m.end, start)
            if len(gap) > WINDOW or _prepositional(sent, m):
                continue
        else:
            gap = sent.words(end, m.start)
            if not loaded or len(gap) > NEAR or PATIENT_MARKERS & {w.lower() for w in gap}:
                continue
        if loaded and sent.clause(m.start) != sent.clause(start):
            continue
        if (
            sent.subordinate_between(m.end, start)
            if before
            else sent.subordinate_between(end, m.start)
        ):
            continue
        key = (len(gap), not before)
        if best_key is None or key < best_key:
            best, best_key = m, key
    return _coordinated(sent, best) if best else []


def _prepositional(sent: _Sentence, mention: _Span) -> bool:
    """Whether a mention is the object of a preposition ("in Ukraine"), not a possessor."""
    if sent.text.startswith(("'s", "’s"), mention.end):
        return False
    before = [w.lower() for w in sent.words(0, mention.start)[-2:]]
    if before and before[-1] in DETERMINERS:
        before.pop()
    if before and before[-1] in SUBORDINATORS and _NEXT_WORD.match(sent.text, mention.end):
        return False  # the subject of a clause, not the object of a preposition
    return bool(before) and before[-1] in PREPOSITIONS


def _coordinated(sent: _Sentence, chosen: _Span) -> list[_Span]:
    """The chosen mention and those joined to it by and/or ("Xi and Putin")."""
    ordered = sent.mentions
    lo = hi = ordered.index(chosen)
    while lo > 0 and _COORDINATION.fullmatch(sent.text, ordered[lo - 1].end, ordered[lo].start):
        lo -= 1
    while hi + 1 < len(ordered) and _COORDINATION.fullmatch(
        sent.text, ordered[hi].end, ordered[hi + 1].start
    ):
        hi += 1
    return ordered[lo : hi + 1]


def _negated(sent: _Sentence, start: int) -> bool:
    """A negator among the three words before ``start`` in its clause."""
    clause = sent.clause(start)
    floor = sent.breaks[clause - 1] if clause else 0
    return any(
        w.lower() in NEGATORS or w.lower().endswith(("n't", "n’t"))
        for w in sent.words(floor, start)[-3:]
    )


def _in_scope(sent: _Sentence, start: int, distancing: list[tuple[int, int]]) -> bool:
    """Whether a label sits in a distancing phrase's scope ("billed itself as a ...")."""
    return any(
        e <= start and sent.clause(s) == sent.clause(start) and len(sent.words(e, start)) <= WINDOW
        for s, e in distancing
    )


def _any_term(lexicon: list[LexiconEntry]) -> SafePattern:
    """One regex matching wherever some term does: most sentences have no cue."""
    return combine([e.regex for e in lexicon], "the framing lexicon")


def _lexicon_cues(
    sent: _Sentence, lexicon: list[LexiconEntry], any_term: SafePattern
) -> list[tuple[int, int, LexiconEntry]]:
    """The outlet's own lexicon cues in a sentence: not quoted, negated or in scope."""
    if not any_term.search(sent.text):
        return []
    found = longest_first(
        (m.start(), m.end(), entry)
        for entry in lexicon
        for m in entry.regex.finditer(sent.text)
        if m.end() > m.start()
    )
    own = [(s, e, entry) for s, e, entry in found if not overlaps(s, e, sent.direct)]
    distancing = [(s, e) for s, e, entry in own if entry.kind == "distancing"]
    return [
        (s, e, entry)
        for s, e, entry in own
        if entry.kind == "distancing" or not (_negated(sent, s) or _in_scope(sent, s, distancing))
    ]


class _Cue(NamedTuple):
    start: int
    end: int
    component: str
    polarity: int
    source: str
    about: list[_Span]


def _sentence_cues(
    sent: _Sentence,
    lexicon: list[LexiconEntry],
    any_term: SafePattern,
    partials: list[tuple[int, int, str, str]],
    targets: dict[str, Target],
) -> list[_Cue]:
    """Lexicon cues and scare quotes of one sentence, with the mentions they are about."""
    cues = []
    for start, end, entry in _lexicon_cues(sent, lexicon, any_term):
        about = _attach(sent, start, end, loaded=entry.kind == "loaded")
        cues.append(_Cue(start, end, entry.kind, entry.polarity, entry.term, about))
    for start, end, speaker, affiliation in partials:
        if speaker:
            about = [m for m in sent.mentions if targets[m.target].voiced_by(speaker, affiliation)]
        else:
            about = _attach(sent, start, end, loaded=False)
        cues.append(_Cue(start, end, "distancing", -1, "scare quotes", about))
    return cues


def stance_cues(
    sentences: pd.DataFrame,
    mention_rows: pd.DataFrame,
    quotes: pd.DataFrame,
    targets: list[Target],
    lexicon: list[LexiconEntry],
) -> pd.DataFrame:
    """Loaded and distancing cues attached to narrated mentions, spans in article offsets."""
    by_name, any_term = {t.name: t for t in targets}, _any_term(lexicon)
    narrated = mention_rows[mention_rows["voice"] == "narration"]
    groups: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for sid, a, b, t in zip(
        narrated["sentence_id"], narrated["mention_start"], narrated["mention_end"],
        narrated["target"], strict=True,
    ):  # fmt: skip
        groups[sid].append((int(a), int(b), t))
    direct = quote_spans(quotes, ("full", "partial"))
    rows = []
    for s in sentences[sentences["sentence_id"].isin(groups)].itertuples(index=False):
        offset = int(s.start)
        inside = [q for q in direct.get(s.article_id, ()) if s.start <= q.start < s.end]
        if not any(q.kind == "partial" for q in inside) and not any_term.search(s.text):
            continue  # no cue can be found: most sentences
        sent = _Sentence(
            s.text,
            sorted(_Span(a - offset, b - offset, t) for a, b, t in groups[s.sentence_id]),
            [(int(q.start) - offset, int(q.end) - offset) for q in inside],
            [m.start() for m in _CLAUSE_BREAK.finditer(s.text)],
            [m.span() for m in _SUBORDINATE.finditer(s.text)],
        )
        partials = [
            (
                int(q.start) - offset,
                int(q.end) - offset,
                text_cell(q.speaker),
                text_cell(q.affiliation),
            )
            for q in inside
            if q.kind == "partial" and len(_WORD.findall(text_cell(q.text))) <= SCARE_MAX_WORDS
        ]
        seen = set()
        for cue in _sentence_cues(sent, lexicon, any_term, partials, by_name):
            for m in cue.about:
                if (m.target, cue.start, cue.component) in seen:
                    continue
                seen.add((m.target, cue.start, cue.component))
                rows.append((
                    s.sentence_id, s.article_id, s.outlet, m.target, cue.component,
                    s.text[m.start : m.end], m.start + offset, m.end + offset,
                    s.text[cue.start : cue.end], cue.start + offset, cue.end + offset,
                    cue.polarity, cue.source,
                ))  # fmt: skip
    return pd.DataFrame(rows, columns=CUE_COLUMNS)
