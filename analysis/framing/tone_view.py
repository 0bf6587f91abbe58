"""How the tone model sees a sentence around one mention: tokens and views.

Tokens with character offsets; the sentence with the mention collapsed into
one TARGET token (and, when asked, the sentence's other mentions into one
OTHER token each); negation scopes, clauses, and which words sit on the
mention's side of the others. Shared by the features of
:mod:`analysis.framing.tone` at training and at run time.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

TARGET = "<t>"
OTHER = "<o>"  # another mention of the same sentence, collapsed like the target
Span = tuple[int, int]
_TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*|[^\w\s]")
_NEGATORS = frozenset("not no never nor none nobody nothing neither without cannot n't".split())
_CLAUSE_END = frozenset('. , ; : ! ? “ ” " ( ) — –'.split())
_CLAUSE_WORDS = frozenset("but although though whereas while because which who whom".split())


@dataclass(frozen=True)
class Token:
    """One token: lower-cased form, surface form and character span."""

    norm: str
    surface: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Split text into word and punctuation tokens with character offsets."""
    tokens = []
    for m in _TOKEN_RE.finditer(text):
        norm = m.group().lower().replace("’", "'")
        if norm.endswith("n't") and len(norm) > 3:
            tokens.append(Token(norm[:-3], m.group()[:-3], m.start(), m.end() - 3))
            norm, start = "n't", m.end() - 3
            tokens.append(Token(norm, m.group()[-3:], start, m.end()))
            continue
        if norm.isdigit():
            norm = "<num>"
        tokens.append(Token(norm, m.group(), m.start(), m.end()))
    return tokens


def check_span(text: str, start: int, end: int) -> None:
    """Raise ValueError unless [start, end) is a non-empty span inside text."""
    try:
        start, end = operator.index(start), operator.index(end)
    except TypeError:
        raise ValueError(f"start and end must be integers, got {start!r}, {end!r}") from None
    if not 0 <= start < end <= len(text):
        raise ValueError(
            f"mention span [{start}, {end}) is out of range for a text of "
            f"length {len(text)}: need 0 <= start < end <= len(text)"
        )


def target_view(
    text: str, start: int, end: int, others: tuple[Span, ...] = ()
) -> tuple[list[Token], int, int]:
    """Tokens of the sentence with the mention collapsed into one TARGET token.

    Returns the tokens and the index of the target token (and one past it,
    always index + 1); the removed mention tokens are kept aside by callers
    that want the mention words via :func:`mention_tokens`. ``others`` (spans
    from :func:`other_spans`) are collapsed into one OTHER token each.
    """
    tokens, t_idx = _target_view(text, start, end, others)
    return list(tokens), t_idx, t_idx + 1


def other_spans(text: str, start: int, end: int, others: Sequence[Span]) -> tuple[Span, ...]:
    """The other mentions of the sentence as sorted spans clear of the mention and each other.

    A span overlapping the mention (a longer or shorter form of it) or an
    earlier kept span is left out (of two starting together, the longer is
    kept); a span outside the text raises ValueError.
    """
    kept: list[Span] = []
    spans = {(operator.index(a), operator.index(b)) for a, b in others}
    for a, b in sorted(spans, key=lambda ab: (ab[0], -ab[1])):
        check_span(text, a, b)
        clear = b <= start or a >= end
        if clear and (not kept or a >= kept[-1][1]):
            kept.append((a, b))
    return tuple(kept)


@lru_cache(maxsize=8192)
def _sentence_tokens(text: str) -> tuple[Token, ...]:
    """:func:`tokenize` once per sentence: a sentence with several mentions, and
    the several readings of one mention (features, vectors, explanations), share it."""
    return tuple(tokenize(text))


@lru_cache(maxsize=1024)
def _target_view(
    text: str, start: int, end: int, others: tuple[Span, ...]
) -> tuple[tuple[Token, ...], int]:
    spans = ((start, end, TARGET), *((a, b, OTHER) for a, b in others))
    kept = [
        t for t in _sentence_tokens(text) if all(t.end <= a or t.start >= b for a, b, _ in spans)
    ]
    collapsed = [Token(norm, text[a:b], a, b) for a, b, norm in spans]
    view = tuple(sorted([*kept, *collapsed], key=operator.attrgetter("start")))
    return view, next(i for i, t in enumerate(view) if t.norm == TARGET)


def mention_tokens(text: str, start: int, end: int) -> list[Token]:
    """Tokens overlapping the mention span."""
    return [t for t in _sentence_tokens(text) if t.end > start and t.start < end]


def negation_flags(tokens: list[Token]) -> list[bool]:
    """Mark tokens inside a negation scope (after a negator, to clause end)."""
    flags, active = [], False
    for tok in tokens:
        if tok.norm in _CLAUSE_END:
            active = False
        flags.append(active)
        if tok.norm in _NEGATORS:
            active = True
    return flags


def clause_span(tokens: list[Token], t_idx: int) -> range:
    """Token positions of the target's clause: up to the nearest clause boundary each side.

    Boundaries are clause punctuation and words that open a new clause ("but",
    "while", "which"...), so in "A praised B but condemned C" the words about C
    are not in B's clause.
    """

    def boundary(i: int) -> bool:
        return tokens[i].norm in _CLAUSE_END or tokens[i].norm in _CLAUSE_WORDS

    lo = next((i for i in range(t_idx - 1, -1, -1) if boundary(i)), -1) + 1
    hi = next((i for i in range(t_idx + 1, len(tokens)) if boundary(i)), len(tokens))
    return range(lo, hi)


def own_side(text: str, start: int, end: int, others: tuple[Span, ...]) -> list[bool]:
    """Per token of :func:`target_view`, whether it is nearer the mention than every other.

    Distances are counted in the view with the others collapsed (one token
    each); the words of another mention are on that mention's side.
    """
    view, t_idx, _ = target_view(text, start, end, others)
    o_idx = [i for i, t in enumerate(view) if t.norm == OTHER]
    near = {
        t.start: all(abs(i - t_idx) < abs(i - o) for o in o_idx)
        for i, t in enumerate(view)
        if t.norm != OTHER
    }
    return [near.get(t.start, False) for t in target_view(text, start, end)[0]]


def clause_ids(tokens: list[Token]) -> list[int]:
    """A clause number per token: clauses end at punctuation (, ; : — and the like)."""
    ids, current = [], 0
    for tok in tokens:
        ids.append(current)
        if tok.norm in _CLAUSE_END:
            current += 1
    return ids
