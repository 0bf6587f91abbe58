"""What a composite score may be read as: negative, neutral, positive, or unclear.

The composite score (:mod:`analysis.framing.stance`) is a number; an analyst
reads it as a stance. These thresholds say when that reading is safe. They
were set on the dev half of a gold set of whole articles, each labelled by
reading it for its stance towards one person or organisation
(``bench/gold/article_stance.jsonl``, protocol beside it), so that "negative"
is negative as often as possible: ``bench/article_stance.py --grid`` prints the
search, and the same script scores the untouched test half.

- ``unclear`` below ``MIN_EVIDENCE`` narrated mentions: too few sentences to
  read a stance from (the same count that fades a heat-map cell).
- ``negative`` at or below ``NEGATIVE_AT``: every dev pair at or below it was
  negative, and any threshold above it let neutral straight news in (the
  tone of news sentences leans negative, so the neutral band sits below 0).
- ``positive`` at or above ``POSITIVE_AT``: the dev set had three positive
  pairs only, so this threshold is the weakest of the three.
- ``neutral`` in between.

The thresholds were set on articles: an outlet's row averages many articles
and tends towards the middle, so the same thresholds read outlets more
cautiously, never less.
"""

from __future__ import annotations

import math

NEGATIVE_AT = -0.15
POSITIVE_AT = 0.05
MIN_EVIDENCE = 3
STANCES = ("negative", "neutral", "positive", "unclear")


def stance_label(score: float, narrated_mentions: int) -> str:
    """The stance a composite score may be read as, or ``unclear`` on thin evidence."""
    if narrated_mentions < MIN_EVIDENCE or score is None or math.isnan(score):
        return "unclear"
    if score <= NEGATIVE_AT:
        return "negative"
    if score >= POSITIVE_AT:
        return "positive"
    return "neutral"
