"""Per-outlet voice figures on a hand-built table with hand-computed numbers."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.voices.share import (
    outlet_voice_summary,
    share_of_voice,
    speaker_matrix,
    speaker_overlap,
)

ARTICLES = pd.DataFrame(
    {
        "article_id": ["a1", "a2", "b1", "c1"],
        "outlet": ["A", "A", "B", "C"],
        "title": ["", "", "", ""],
        "words": [500, 1500, 1000, 400],
        "source_file": ["", "", "", ""],
    }
)


def _quote(qid, article, outlet, speaker, affiliation, words):
    return {
        "quote_id": qid,
        "article_id": article,
        "outlet": outlet,
        "kind": "full",
        "speaker": speaker,
        "speaker_mention": speaker,
        "affiliation": affiliation,
        "cue": "said",
        "text": "x",
        "start": 0,
        "end": 1,
        "attribution": "explicit" if speaker else "none",
        "words": words,
    }


QUOTES = pd.DataFrame(
    [
        _quote("q1", "a1", "A", "Xi Jinping", "China", 10),
        _quote("q2", "a1", "A", "Xi Jinping", "China", 5),
        _quote("q3", "a2", "A", "John Kirby", "US", 20),
        _quote("q4", "a2", "A", None, "Unaffiliated", 4),
        _quote("q5", "b1", "B", "Xi Jinping", "China", 8),
        _quote("q6", "b1", "B", "Dmitry Peskov", "Russia", 12),
    ]
)


def test_outlet_voice_summary():
    summary = outlet_voice_summary(QUOTES, ARTICLES).set_index("outlet")
    a = summary.loc["A"]
    assert (a.articles, a.words, a.quotes, a.unknown_speaker) == (2, 2000, 4, 1)
    assert a.quotes_per_article == 2.0
    assert a.quotes_per_1000_words == 2.0
    assert a.unknown_speaker_rate == 0.25
    b = summary.loc["B"]
    assert (b.quotes, b.quotes_per_1000_words, b.unknown_speaker_rate) == (2, 2.0, 0.0)
    c = summary.loc["C"]  # an outlet that quotes nobody
    assert c.quotes == 0 and c.quotes_per_article == 0.0 and math.isnan(c.unknown_speaker_rate)


def test_share_of_voice():
    shares = share_of_voice(QUOTES).set_index(["outlet", "affiliation"])
    assert shares.loc[("A", "China"), "quotes"] == 2
    assert shares.loc[("A", "China"), "share"] == 0.5
    assert shares.loc[("A", "US"), "share"] == 0.25
    assert shares.loc[("B", "Russia"), "share"] == 0.5
    assert shares.groupby(level="outlet")["share"].sum().tolist() == pytest.approx([1.0, 1.0])


def test_speaker_matrix():
    matrix = speaker_matrix(QUOTES)
    rows = list(matrix[["outlet", "speaker", "quotes", "words"]].itertuples(index=False, name=None))
    assert rows == [
        ("A", "Xi Jinping", 2, 15),
        ("A", "John Kirby", 1, 20),
        ("B", "Dmitry Peskov", 1, 12),
        ("B", "Xi Jinping", 1, 8),
    ]


def test_speaker_overlap():
    pairs, speakers = speaker_overlap(QUOTES)
    row = pairs.iloc[0]
    assert (row.outlet_a, row.outlet_b, row.shared, row.union) == ("A", "B", 1, 3)
    assert row.jaccard == pytest.approx(1 / 3)
    by_name = speakers.set_index("speaker")
    assert bool(by_name.loc["Xi Jinping", "quoted_by_all"])
    assert by_name.loc["John Kirby", "only_outlet"] == "A"
    assert pd.isna(by_name.loc["Xi Jinping", "only_outlet"])
