"""Match strength: shared words make one strong claim only when names and numbers agree."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.overlap.claim_match import agree, lowercase_words, names, numbers
from analysis.overlap.claims import claims, strengths
from analysis.overlap.compare import align, compare_summary
from analysis.overlap.reuse import reuse_pairs


def sentences(*texts: tuple[str, str]) -> pd.DataFrame:
    """One sentence per (outlet, text), each outlet one article."""
    rows = [
        (f"s{k}", f"art-{outlet}", outlet, text, 0, len(text), 0, 0)
        for k, (outlet, text) in enumerate(texts)
    ]
    columns = ["sentence_id", "article_id", "outlet", "text", "start", "end", "paragraph"]
    return pd.DataFrame(rows, columns=[*columns, "position"])


def strength_of(frame: pd.DataFrame, first: str, second: str) -> str:
    """The strength joining the sentences holding ``first`` and ``second`` ("apart" if none)."""
    table, members = claims(frame)
    claim = members.set_index("text")["claim_id"]
    a = next(c for t, c in claim.items() if first in t)
    b = next(c for t, c in claim.items() if second in t)
    if a != b:
        return "apart"
    return table.set_index("claim_id").loc[a, "strength"]


MATTIS = "Mattis submitted his resignation letter to the president on Thursday"


def test_same_actor_same_letter_is_a_strong_claim():
    frame = sentences(("HuffPost", MATTIS + "."), ("Times", MATTIS + ", officials said."))
    assert strength_of(frame, MATTIS + ".", "officials said") == "strong"


def test_mcgurk_letter_is_not_mattis_letter():
    frame = sentences(
        ("Fox", "Fox News has confirmed that McGurk submitted his resignation letter on Friday."),
        ("HuffPost", MATTIS + "."),
        ("Times", MATTIS + ", officials said."),
    )
    assert strength_of(frame, "McGurk", "officials said") in {"related", "apart"}
    table, members = claims(frame)
    assert "strong" not in set(table.loc[table["n_articles"] == 3, "strength"])
    # Without the McGurk sentence the two Mattis sentences are one strong claim.
    mattis = members[~members["text"].str.contains("McGurk")]
    assert set(strengths(mattis)) == {"strong"}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "Patrick has a long list of accomplishments in the department.",
            "Mattis joins a growing list of high-profile departures from the department.",
        ),
        (
            "China has not formally endorsed Russia's invasion.",
            "Ukraine did not formally condemn Xi for the visit.",
        ),
        (
            "China has not formally endorsed Russia's invasion of Ukraine.",
            "Ukraine did not formally condemn Xi for the visit to Russia.",
        ),
        (
            "The Pentagon sent 2,000 troops to the border last week.",
            "The Pentagon sent 50 copies to the border last week.",
        ),
    ],
)
def test_shared_topic_words_are_not_a_strong_claim(first, second):
    frame = sentences(("A", first), ("B", second))
    assert strength_of(frame, first, second) in {"related", "apart"}
    assert not agree(first, second)


def test_ordinal_and_count_agree():
    first = "Xi and Putin met on 40 occasions before this visit."
    second = "It was the fortieth meeting between Xi and Putin since 2013."
    assert agree(first, second)
    assert strength_of(sentences(("A", first), ("B", second)), first, second) == "strong"


def test_names_and_numbers_read_from_text():
    assert names("Fox News said Mattis's letter reached the President on Thursday.") == [
        ("Fox", "News"),
        ("Mattis",),
    ]
    assert numbers("About 2,000 troops and twenty-five tanks, the fortieth time") == {
        2000.0,
        20.0,
        5.0,
        40.0,
    }
    assert agree("President Vladimir Putin met Xi Jinping.", "Putin's talks with Xi lasted hours.")
    # A capitalised first word the texts also write in lower case is not a name.
    common = lowercase_words(["On Tuesday heavy rain flooded four villages."])
    assert names("Heavy rain flooded four villages on Tuesday.", common) == []
    assert names("Patrick has a long list of accomplishments.", common) == [("Patrick",)]


def test_single_article_claims_are_single():
    frame = sentences(("A", "The storm flooded the harbour."), ("B", "Voters chose a new mayor."))
    table, _ = claims(frame)
    assert set(table["strength"]) == {"single"}


def test_compare_summary_reports_only_strong_claims_as_shared():
    frame = sentences(
        ("Fox", "Fox News has confirmed that McGurk submitted his resignation letter on Friday."),
        ("HuffPost", MATTIS + "."),
        ("Times", MATTIS + ", officials said."),
    )
    articles = pd.DataFrame(
        {
            "article_id": frame["article_id"],
            "outlet": frame["outlet"],
            "title": "",
            "published": "",
            "text": frame["text"],
        }
    )
    table, members = claims(frame)
    reuse = reuse_pairs(articles, frame)
    all_three = compare_summary(
        align(list(articles["article_id"]), frame, reuse, members), table, members
    )
    assert all_three.shared_claims == [] and len(all_three.related_claims) == 1
    two = ["art-HuffPost", "art-Times"]
    both = compare_summary(align(two, frame, reuse, members), table, members)
    assert len(both.shared_claims) == 1 and both.related_claims == []
