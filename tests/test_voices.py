"""Per-outlet voice figures on a hand-built table with hand-computed numbers."""

from __future__ import annotations

import math
from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from analysis.voices.share import (
    OTHER_SIDES,
    outlet_voice_summary,
    share_of_voice,
    speaker_matrix,
    speaker_overlap,
    with_other_sides,
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


def random_quotes(seed: int, outlets: int = 9, speakers: int = 40) -> pd.DataFrame:
    """Quotes of a made-up corpus: random outlets quoting random speakers and sides (a tenth
    of them with no speaker), speakers only one outlet quotes, and one outlet that quotes
    nobody it can name."""
    rng = np.random.default_rng(seed)
    n = 400
    speaker = rng.integers(0, speakers, n)
    rows = pd.DataFrame(
        {
            "quote_id": [f"q{i}" for i in range(n)],
            "outlet": [f"Outlet {o}" for o in rng.integers(0, outlets, n)],
            "speaker": [f"Speaker {s}" if rng.random() > 0.1 else None for s in speaker],
            "affiliation": [f"Side {s % 23}" for s in speaker],
            "words": rng.integers(1, 40, n),
        }
    )
    nobody = rows.iloc[:3].assign(outlet="Outlet nobody", speaker=None)
    lone = rows.iloc[:4].assign(outlet=[f"Outlet {k % 2}" for k in range(4)])
    lone = lone.assign(speaker=[f"Lone speaker {k}" for k in range(4)])
    return pd.concat([rows, nobody, lone], ignore_index=True)


def plain_speaker_overlap(quotes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`speaker_overlap` as first written, with sets: the reference for the matrix one."""
    outlets = sorted(quotes["outlet"].unique())
    known = quotes.dropna(subset=["speaker"])
    sets = {o: set(known.loc[known["outlet"] == o, "speaker"]) for o in outlets}
    pairs = []
    for a, b in combinations(outlets, 2):
        union, shared = len(sets[a] | sets[b]), len(sets[a] & sets[b])
        pairs.append((a, b, shared, union, shared / union if union else float("nan")))
    by_speaker = known.groupby("speaker")["outlet"].agg(lambda s: sorted(set(s)))
    speakers = pd.DataFrame(
        {
            "speaker": by_speaker.index,
            "outlets": by_speaker.map(len).to_numpy(),
            "quoted_by_all": by_speaker.map(len).to_numpy() == len(outlets),
            "quoted_by_one_only": by_speaker.map(len).to_numpy() == 1,
            "only_outlet": [o[0] if len(o) == 1 else None for o in by_speaker],
        }
    )
    columns = ["outlet_a", "outlet_b", "shared", "union", "jaccard"]
    return pd.DataFrame(pairs, columns=columns), speakers.reset_index(drop=True)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_speaker_overlap_equals_the_plain_set_computation(seed):
    quotes = random_quotes(seed)
    pairs, speakers = speaker_overlap(quotes)
    expected_pairs, expected_speakers = plain_speaker_overlap(quotes)
    assert len(pairs) == 10 * 9 / 2 and pairs["jaccard"].isna().sum() == 0
    pd.testing.assert_frame_equal(pairs, expected_pairs, check_dtype=False)
    pd.testing.assert_frame_equal(
        speakers.astype({"speaker": object}),
        expected_speakers.astype({"speaker": object}),
        check_dtype=False,
    )
    assert speakers["quoted_by_one_only"].any() and speakers["only_outlet"].notna().any()


def test_speaker_overlap_of_outlets_that_name_nobody():
    pairs, speakers = speaker_overlap(random_quotes(1).assign(speaker=None))
    assert speakers.empty and len(pairs) == 45 and pairs["jaccard"].isna().all()


def test_other_sides_sum_the_less_quoted_sides_per_outlet():
    quotes = random_quotes(2)
    shares = share_of_voice(quotes)
    capped, summed = with_other_sides(shares, 5, always=["Side 0"])
    sides = shares.groupby("affiliation")["quotes"].sum().drop("Side 0")
    top = sides.sort_values(ascending=False, kind="stable").index[:5]
    assert summed == len(sides) - 5 == 22 - 5
    assert set(capped["affiliation"]) == {*top, "Side 0", OTHER_SIDES}
    # every outlet keeps all its quotes, and its shares still sum to one
    by_outlet = capped.groupby("outlet")
    pd.testing.assert_series_equal(
        by_outlet["quotes"].sum(), shares.groupby("outlet")["quotes"].sum()
    )
    assert by_outlet["share"].sum().to_numpy() == pytest.approx(1.0)
    other = capped[capped["affiliation"] == OTHER_SIDES].set_index("outlet")
    kept = shares[~shares["affiliation"].isin([*top, "Side 0"])]
    assert other["sides"].to_dict() == kept.groupby("outlet").size().to_dict()
    assert other["quotes"].to_dict() == kept.groupby("outlet")["quotes"].sum().to_dict()


def test_other_sides_only_when_more_than_one_side_would_be_summed():
    shares = share_of_voice(QUOTES)  # China, US, Unaffiliated, Russia
    same, summed = with_other_sides(shares, 3)
    assert summed == 0 and set(same["affiliation"]) == set(shares["affiliation"])
    capped, summed = with_other_sides(shares, 1, always=["Unaffiliated"])
    assert summed == 2
    assert set(capped["affiliation"]) == {"China", "Unaffiliated", OTHER_SIDES}
