"""Claims on the five bundled seed articles, and omissions/exclusives by hand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.corpus.text import segment
from analysis.overlap.claims import (
    CLAIM_COLUMNS,
    MEMBER_COLUMNS,
    average_linkage,
    claims,
    complete_linkage,
    coverage_matrix,
    exclusives,
    is_omission,
    omissions,
)

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
OUTLETS = {"000": "TIME", "001": "Washington Post", "002": "CNN", "003": "Other", "004": "Agency"}


def seed_sentences() -> pd.DataFrame:
    """Sentences of the seed articles, segmented like the pipeline does."""
    rows = []
    for path in sorted(SEEDS.glob("*.txt")):
        article_id, text = path.stem[:3], path.read_text(encoding="utf-8")
        for s in segment(text)[2]:
            rows.append(
                (
                    f"{article_id}:{s.index}",
                    article_id,
                    OUTLETS[article_id],
                    s.paragraph,
                    s.index,
                    s.start,
                    s.end,
                    text[s.start : s.end],
                )
            )
    columns = ["sentence_id", "article_id", "outlet", "paragraph", "position", "start", "end"]
    return pd.DataFrame(rows, columns=[*columns, "text"])


@pytest.fixture(scope="module")
def seed_claims():
    return claims(seed_sentences())


def claim_of(members: pd.DataFrame, phrase: str) -> pd.DataFrame:
    """Members whose sentence contains ``phrase``, with their claim."""
    return members[members["text"].str.contains(phrase, regex=False)]


@pytest.mark.parametrize(
    ("phrase", "articles"),
    [
        ("International Criminal Court", {"000", "002", "003", "004"}),
        ("journey of friendship, cooperation", {"000", "002", "004"}),
        ("no limits", {"000", "002", "004"}),
    ],
)
def test_seed_claims_group_the_same_fact(seed_claims, phrase, articles):
    table, members = seed_claims
    found = claim_of(members, phrase)
    assert set(found["article_id"]) == articles
    assert found["claim_id"].nunique() == 1
    claim = table.set_index("claim_id").loc[found["claim_id"].iloc[0]]
    assert claim["n_articles"] >= len(articles)


def test_trimmed_journey_quote_joins_its_claim(seed_claims):
    _, members = seed_claims
    full = claim_of(members, "journey of friendship, cooperation")["claim_id"].iloc[0]
    other = members[(members["article_id"] == "003") & (members["claim_id"] == full)]
    assert other["text"].str.contains("journey of friendship").all() and len(other) >= 1


def test_every_sentence_in_one_claim_and_ids_are_stable(seed_claims):
    table, members = seed_claims
    sentences = seed_sentences()
    assert sorted(members["sentence_id"]) == sorted(sentences["sentence_id"])
    assert table["claim_id"].is_unique
    again_table, again_members = claims(sentences)
    pd.testing.assert_frame_equal(table, again_table)
    pd.testing.assert_frame_equal(members, again_members)
    assert table["n_outlets"].is_monotonic_decreasing


def test_average_linkage_does_not_chain():
    # a-b and c-d are close, b-c only loosely: connected components would give
    # one group, average linkage keeps two.
    i, j, w = np.array([0, 2, 1]), np.array([1, 3, 2]), np.array([0.9, 0.9, 0.4])
    labels = average_linkage(4, i, j, w, 0.35)
    assert labels[0] == labels[1] != labels[2] == labels[3]


def test_average_linkage_of_formed_clusters_keeps_apart_nodes_apart():
    # Node 0 stands for two items (summed weight 1.2 to node 1: mean 0.6);
    # nodes 0 and 2 are both held apart, so 2 joins neither 0 nor 0's cluster.
    i, j, w = np.array([0, 1, 0]), np.array([1, 2, 2]), np.array([1.2, 0.5, 1.8])
    sizes, apart = np.array([2, 1, 2]), np.array([True, False, True])
    labels = average_linkage(3, i, j, w, 0.35, sizes, apart)
    assert labels[0] == labels[1] != labels[2]
    # Without ``apart`` the pair 0-2 (mean 0.45) merges first.
    assert (
        average_linkage(3, i, j, w, 0.35, sizes)[0] == average_linkage(3, i, j, w, 0.35, sizes)[2]
    )


def test_complete_linkage_merges_only_fully_linked_groups():
    # 2-3 is the closest pair and forms first; {0, 1} cannot join it (0-3, 1-3 missing).
    i, j, w = np.array([0, 1, 0, 2]), np.array([1, 2, 2, 3]), np.array([0.9, 0.8, 0.7, 0.95])
    labels = complete_linkage(4, i, j, w, np.arange(4))
    assert labels[2] == labels[3] and labels[0] == labels[1] != labels[2]
    # Within one group (article) pairs are not required: 0 and 1 share a group.
    labels = complete_linkage(
        3, np.array([0, 1]), np.array([2, 2]), np.array([0.9, 0.8]), np.array([0, 0, 1])
    )
    assert labels[0] == labels[1] == labels[2]


def hand_built() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Claims X (A, B, C), Y (B, C), Z (A only), W (D only)."""
    carried = {"X": "ABC", "Y": "BC", "Z": "A", "W": "D"}
    members = pd.DataFrame(
        [
            (claim, f"{outlet}{claim}", f"art-{outlet}", outlet, f"{claim} in {outlet}", 0, 5)
            for claim, outlets in carried.items()
            for outlet in outlets
        ],
        columns=["claim_id", "sentence_id", "article_id", "outlet", "text", "start", "end"],
    )
    table = pd.DataFrame(
        {
            "claim_id": list(carried),
            "label": [f"claim {c}" for c in carried],
            "n_outlets": [len(o) for o in carried.values()],
            "outlets": [list(o) for o in carried.values()],
            "n_articles": [len(o) for o in carried.values()],
        }
    )
    return table, members


def test_omissions_by_hand():
    table, members = hand_built()
    result = omissions(table, members, ["A", "B", "C", "D"])
    got = set(zip(result["outlet"], result["claim_id"], strict=True))
    # D: X carried by 3/3 others, Y by 2/3 (>= half). A: Y by 2/3 others.
    # B and C: nothing carried by at least half of their others is missing.
    assert got == {("D", "X"), ("D", "Y"), ("A", "Y")}
    row = result[(result["outlet"] == "D") & (result["claim_id"] == "Y")].iloc[0]
    assert row["n_others"] == 2 and row["share_of_others"] == pytest.approx(2 / 3)


def carried_as(carried: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Claims table and members where claim ``k`` is carried by the outlets letters ``v``."""
    members = pd.DataFrame(
        [
            (claim, f"{outlet}{claim}", f"art-{outlet}", outlet, f"{claim} in {outlet}", 0, 5)
            for claim, outlets in carried.items()
            for outlet in outlets
        ],
        columns=MEMBER_COLUMNS,
    )
    table = pd.DataFrame({"claim_id": list(carried), "label": [f"claim {c}" for c in carried]})
    return table, members


def test_three_outlets_one_outlets_exclusive_is_nobody_s_omission():
    # P everywhere, Q in A and B, R only in A, S only in B.
    table, members = carried_as({"P": "ABC", "Q": "AB", "R": "A", "S": "B"})
    result = omissions(table, members, ["A", "B", "C"])
    assert list(zip(result["outlet"], result["claim_id"], strict=True)) == [("C", "Q")]
    assert result.loc[0, "carried_by"] == "A, B" and result.loc[0, "n_others"] == 2
    assert set(exclusives(table.assign(n_outlets=[3, 2, 1, 1]), members)["claim_id"]) == {
        "R",
        "S",
    }


def test_four_outlets_two_of_three_others_is_an_omission():
    # Y in A, B, C; Z in A and B; V only in A.
    table, members = carried_as({"Y": "ABC", "Z": "AB", "V": "A"})
    result = omissions(table, members, ["A", "B", "C", "D"])
    got = set(zip(result["outlet"], result["claim_id"], result["carried_by"], strict=True))
    assert got == {("D", "Y", "A, B, C"), ("C", "Z", "A, B"), ("D", "Z", "A, B")}


def test_five_outlets_two_of_four_others_is_not_a_majority():
    table, members = carried_as({"W": "AB", "T": "ABC"})
    result = omissions(table, members, ["A", "B", "C", "D", "E"])
    assert set(zip(result["outlet"], result["claim_id"], strict=True)) == {("D", "T"), ("E", "T")}


def test_two_outlets_the_other_outlet_s_claim_is_left_out():
    table, members = carried_as({"K": "A"})
    result = omissions(table, members, ["A", "B"])
    assert list(zip(result["outlet"], result["claim_id"], strict=True)) == [("B", "K")]


@pytest.mark.parametrize(
    ("carrying", "others", "expected"),
    [(2, 2, True), (1, 2, False), (2, 3, True), (1, 1, True), (2, 4, False), (3, 4, True)],
)
def test_is_omission_rule(carrying, others, expected):
    assert is_omission(carrying, others) is expected


def test_exclusives_by_hand():
    table, members = hand_built()
    result = exclusives(table, members)
    assert set(zip(result["outlet"], result["claim_id"], strict=True)) == {("A", "Z"), ("D", "W")}


def test_coverage_matrix_orders_claims_by_outlets():
    table, members = hand_built()
    matrix = coverage_matrix(table, members)
    assert list(matrix.index) == ["X", "Y", "Z", "W"]
    assert matrix.loc["X"].sum() == 3 and matrix.loc["W", "D"] == 1
    assert list(coverage_matrix(table, members, min_outlets=2).index) == ["X", "Y"]


def test_claims_stay_within_their_story():
    text = "The mayor opened the new bridge over the river on Saturday."
    rows = [
        (f"s{k}", f"art{k}", outlet, 0, 0, 0, len(text), text, story)
        for k, (outlet, story) in enumerate([("A", "one"), ("B", "one"), ("C", "two")])
    ]
    columns = ["sentence_id", "article_id", "outlet", "paragraph", "position", "start", "end"]
    frame = pd.DataFrame(rows, columns=[*columns, "text", "story"])
    _, members = claims(frame)
    claim = members.set_index("sentence_id")["claim_id"]
    assert claim["s0"] == claim["s1"] != claim["s2"]
    # Without stories the three copies are one claim.
    _, together = claims(frame.drop(columns="story"))
    assert together["claim_id"].nunique() == 1


def test_no_sentences_make_no_claims():
    """A filter that leaves nothing gives empty tables with the usual columns, not an error."""
    empty = pd.DataFrame(columns=["sentence_id", "article_id", "outlet", "text", "start", "end"])
    table, members = claims(empty)
    assert table.empty and list(table.columns) == CLAIM_COLUMNS
    assert members.empty and list(members.columns) == [*MEMBER_COLUMNS, "agrees"]


def _sentences_of(outlet_texts: list[tuple[str, str]]) -> pd.DataFrame:
    """One article per (outlet, text), one sentence each."""
    rows = [
        (f"s{k}", f"art{k}", outlet, 0, 0, 0, len(text), text)
        for k, (outlet, text) in enumerate(outlet_texts)
    ]
    columns = ["sentence_id", "article_id", "outlet", "paragraph", "position", "start", "end"]
    return pd.DataFrame(rows, columns=[*columns, "text"])


def test_sentences_sharing_only_a_reporting_verb_are_no_claim():
    """Found on a hurricane story: three sentences whose words in common were 'says' alone
    made the most widely carried claim."""
    frame = _sentences_of(
        [
            ("Fox", "The Lord says pray without ceasing."),
            ("CNN", "Daniel Myara of Cruisin' Cafe says he'll stay open."),
            ("USA", "It is a populated part of the country, says Mark Zandi of Moody's."),
        ]
    )
    table, members = claims(frame)
    assert members["claim_id"].nunique() == 3
    assert set(table["strength"]) == {"single"}


def test_sentences_sharing_their_content_still_make_a_claim_beside_a_reporting_verb():
    frame = _sentences_of(
        [
            ("Fox", "Governor Scott says a million people must leave the coast."),
            ("CNN", "A million people must leave the coast, Governor Scott warned."),
        ]
    )
    _, members = claims(frame)
    assert members["claim_id"].nunique() == 1


def test_sentences_sharing_one_word_are_not_even_related():
    """Found on a tech story: two articles of different angles had 37 'related' claims, most
    resting on one word ('barely mentioned the founder' / 'did not mention the campaign')."""
    frame = _sentences_of(
        [
            ("Politico", "The recent flurry of coverage has barely mentioned the founder."),
            ("Reuters", "The firm did not mention the campaign in its statement."),
        ]
    )
    table, members = claims(frame)
    assert members["claim_id"].nunique() == 2
    assert set(table["strength"]) == {"single"}


def test_sentences_sharing_two_words_may_be_related():
    frame = _sentences_of(
        [
            ("Politico", "The founder was barely mentioned in the coverage of the breach."),
            ("Reuters", "The firm did not mention its founder when the campaign began."),
        ]
    )
    table, _ = claims(frame)
    assert set(table["strength"]) == {"related"}
