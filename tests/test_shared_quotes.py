"""Shared quotes: verbatim, normalised and trimmed versions across articles."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.overlap.shared_quotes import normalise, same_quote, shared_quotes

QUOTES = [
    # quote_id, article_id, outlet, kind, speaker, text
    ("q1", "a1", "TIME", "partial", "Xi Jinping", "a journey of friendship, cooperation and peace"),
    ("q2", "a2", "CNN", "partial", None, "journey of friendship, cooperation and peace,"),
    ("q3", "a3", "Other", "partial", "Xi Jinping", "journey of friendship"),
    ("q4", "a4", "Agency", "partial", "Xi", "Journey of  Friendship, Cooperation and Peace"),
    (
        "q5",
        "a1",
        "TIME",
        "full",
        "Kate Mallinson",
        "The timing of the visit illustrates how little",
    ),
    ("q6", "a2", "CNN", "partial", None, "no limits"),
    ("q7", "a4", "Agency", "partial", None, "‘no limits’"),
    ("q8", "a3", "Other", "partial", None, "no"),
    ("q9", "a4", "Agency", "full", "Xi", "China’s position doesn’t change, we won’t take sides"),
    ("q10", "a2", "CNN", "full", "Xi", "China's position doesn't change, we won't take sides."),
    ("q11", "a1", "TIME", "partial", "Putin", "constructive role"),
    ("q12", "a1", "TIME", "partial", "Putin", "constructive role"),
]


def frame() -> pd.DataFrame:
    columns = ["quote_id", "article_id", "outlet", "kind", "speaker", "text"]
    quotes = pd.DataFrame(QUOTES, columns=columns)
    return quotes.assign(start=0, end=quotes["text"].str.len())


def groups() -> dict[frozenset, pd.Series]:
    result = shared_quotes(frame())
    return {frozenset(m["quote_id"] for m in row.members): row for _, row in result.iterrows()}


def test_normalise_case_marks_apostrophes_and_whitespace():
    assert normalise("“China’s  Position”,") == normalise("china's position")
    assert normalise("‘no limits’") == ("no", "limits")


def test_same_quote_rules():
    assert same_quote(normalise("journey of friendship"), normalise("a journey of friendship, x"))
    assert not same_quote(normalise("no"), normalise("no limits"))
    assert same_quote(normalise("no limits"), normalise("“No limits”"))


def test_trimmed_and_verbatim_versions_form_one_group():
    found = groups()
    journey = found[frozenset({"q1", "q2", "q3", "q4"})]
    assert journey["label"] == "a journey of friendship, cooperation and peace"
    assert journey["n_outlets"] == 4 and journey["speaker"] == "Xi Jinping"
    coverage = {m["quote_id"]: m["coverage"] for m in journey["members"]}
    assert coverage["q1"] == 1.0 and coverage["q3"] == pytest.approx(3 / 7, abs=0.001)
    assert {m["kind"] for m in journey["members"]} == {"partial"}


def test_apostrophes_and_short_exact_quotes():
    found = groups()
    assert frozenset({"q9", "q10"}) in found
    assert frozenset({"q6", "q7"}) in found  # two-word quote, identical only


def test_unshared_quotes_are_not_groups():
    found = groups()
    members = set().union(*found)
    assert "q5" not in members and "q8" not in members
    # The same quote twice in one article is not shared across articles.
    assert "q11" not in members


def test_columns_and_order():
    result = shared_quotes(frame())
    assert list(result.columns[:4]) == ["group_id", "label", "speaker", "n_outlets"]
    assert result["group_id"].tolist() == ["Q001", "Q002", "Q003"]
    assert result["n_outlets"].tolist() == [4, 2, 2]
