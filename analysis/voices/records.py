"""Quote records and the evidence of their attribution (cue and mention spans)."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("full", "partial", "indirect")
ATTRIBUTIONS = ("explicit", "carried", "outlet", "none")
"""How a speaker was found: named at the cue, carried from an earlier mention, the outlet
speaking of itself ('we noted', 'this newspaper reported'), or not at all."""


@dataclass(frozen=True)
class Quote:
    """One quote: where it is, what kind it is, and who said it.

    ``start``/``end`` delimit the quoted words without the quote marks (for
    indirect speech, the reported clause). ``speaker`` is the canonical
    speaker, or None when unknown. ``speaker_kind`` is one of
    :data:`analysis.voices.kinds.SPEAKER_KINDS`; a group ('Senate Republicans')
    has no speaker but its name in ``speaker_group``.
    """

    start: int
    end: int
    text: str
    kind: str
    cue: str | None
    speaker_mention: str | None
    speaker: str | None
    attribution: str
    cue_start: int | None = None
    cue_end: int | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    speaker_kind: str = "none"
    speaker_group: str | None = None


@dataclass
class Attribution:
    mention: str | None = None
    speaker: str | None = None
    attribution: str = "none"
    cue: str | None = None
    cue_span: tuple[int, int] | None = None
    mention_span: tuple[int, int] | None = None


def with_cue(who: Attribution, start: int, end: int, cue: str) -> Attribution:
    who.cue, who.cue_span = cue, (start, end)
    return who


def make_quote(text: str, start: int, end: int, kind: str, who: Attribution) -> Quote:
    cue_start, cue_end = who.cue_span or (None, None)
    mention_start, mention_end = who.mention_span or (None, None)
    return Quote(
        start,
        end,
        text[start:end],
        kind,
        who.cue,
        who.mention,
        who.speaker,
        who.attribution if who.speaker else "none",
        cue_start,
        cue_end,
        mention_start,
        mention_end,
    )
