"""Tests of the calibrated reading of a composite score (analysis.framing.calibration)."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import pandas as pd
import pytest

from analysis.framing import calibration, stance
from analysis.framing.calibration import stance_label
from analysis.framing.stance import Target

GOLD = Path(__file__).resolve().parent.parent / "bench" / "gold" / "article_stance.jsonl"


@pytest.mark.parametrize(
    ("score", "mentions", "expected"),
    [
        (calibration.NEGATIVE_AT, 3, "negative"),
        (calibration.NEGATIVE_AT + 0.001, 3, "neutral"),
        (-0.9, 2, "unclear"),  # strong but thin: no reading
        (0.0, 5, "neutral"),
        (calibration.POSITIVE_AT, 3, "positive"),
        (calibration.POSITIVE_AT - 0.001, 3, "neutral"),
        (math.nan, 0, "unclear"),
        (math.nan, 4, "unclear"),
    ],
)
def test_thresholds_and_abstention(score, mentions, expected):
    assert stance_label(score, mentions) == expected


def test_the_neutral_band_leans_negative_as_news_tone_does():
    assert calibration.NEGATIVE_AT < 0 < calibration.POSITIVE_AT
    assert abs(calibration.NEGATIVE_AT) > calibration.POSITIVE_AT
    assert stance.MIN_MENTIONS == calibration.MIN_EVIDENCE


def test_summarize_gives_every_row_its_reading():
    rows = [
        dict(outlet="A", target="T", component="tone", voice="narration", tone_score=-0.8,
             tone_label="negative")
        for _ in range(3)
    ]  # fmt: skip
    rows += [
        dict(outlet="A", target="U", component="tone", voice="narration", tone_score=-0.8,
             tone_label="negative")
    ]  # fmt: skip
    evidence = pd.DataFrame(rows).reindex(columns=stance.EVIDENCE_COLUMNS)
    articles = pd.DataFrame({"article_id": ["a1"], "outlet": ["A"], "title": ["t"]})
    quotes = pd.DataFrame({"article_id": [], "outlet": []})
    targets = [Target("T", "T"), Target("U", "U"), Target("V", "V")]
    table = stance.summarize(evidence, articles, quotes, targets).set_index("target")
    assert table.loc["T", "score"] == pytest.approx(-0.4)
    assert table["stance"].to_dict() == {"T": "negative", "U": "unclear", "V": "unclear"}


def test_the_gold_set_is_split_and_labelled_in_the_documented_way():
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 30
    assert {r["label"] for r in rows} == {"negative", "neutral", "positive"}
    assert {r["split"] for r in rows} == {"dev", "test"}
    assert all(r["why"].strip() and r["patterns"].strip() for r in rows)
    pairs = [(r["article_id"], r["target"]) for r in rows]
    assert len(pairs) == len(set(pairs))
    for r in rows:  # the split is the pair's hash, not a choice made after scoring
        digest = int(hashlib.sha1(f"{r['article_id']}|{r['target']}".encode()).hexdigest(), 16)
        assert r["split"] == ("dev" if digest % 2 == 0 else "test")
