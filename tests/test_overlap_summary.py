"""Overlap within stories: claims and shared quotes never join articles of different stories."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from analysis.corpus.load import load_corpus
from analysis.overlap.claims import claims, omissions, with_speakers
from analysis.overlap.shared_quotes import shared_quotes
from analysis.overlap.summary import (
    analyse_overlap,
    claims_by_story,
    everywhere_wording,
    omissions_by_story,
    shared_quotes_by_story,
    story_map,
)
from analysis.pipeline import analyse, load_knowledge
from analysis.wording import plural

ROOT = Path(__file__).resolve().parents[1]

# Two stories written for this test (a bridge closure, a drug trial), two outlets each, with
# the same stock quote in both stories and a fact each story's outlets share; and one article
# alone in its story.
ARTICLES = [
    ("bridge-a", "Daily Post", "2024-05-02", "Tay bridge closed after cracks found",
     'Engineers closed the Tay road bridge on Thursday after finding cracks in two piers. '
     '"We will see what happens next," the council leader said. '
     'The closure adds forty minutes to the commute between Dundee and Fife.'),
    ("bridge-b", "Evening Star", "2024-05-02", "Cracks shut Tay road bridge",
     'The Tay road bridge was closed on Thursday after engineers found cracks in two piers. '
     'Drivers between Dundee and Fife face a forty-minute detour. '
     '"We will see what happens next," a council spokesman said.'),
    ("trial-a", "Daily Post", "2024-05-03", "Alzheimer's drug slows decline in Novaris trial",
     'A Novaris trial of the Alzheimer\'s drug lecanemab slowed cognitive decline by 27% '
     'over eighteen months, the company said on Friday. '
     '"We will see what happens next," said the trial\'s lead author.'),
    ("trial-b", "Evening Star", "2024-05-03", "Novaris says lecanemab slowed Alzheimer's decline",
     'Lecanemab slowed cognitive decline by 27% over eighteen months in a Novaris trial of '
     'the Alzheimer\'s drug, the company said on Friday. Regulators will review the data.'),
    ("chess", "Wire Service", "2024-01-10", "Chess olympiad opens in Chennai",
     'The chess olympiad opened in Chennai with teams from 180 countries. '
     '"We will see what happens next," the arbiter said.'),
]  # fmt: skip


def write_articles(folder: Path, stories: dict[str, str]) -> None:
    """``ARTICLES`` as corpus files in ``folder``, each with its story from ``stories``
    (keyed by the article id without its ``-a``/``-b``; none given: no story)."""
    for article_id, outlet, published, title, text in ARTICLES:
        story = stories.get(article_id[:-2], "")
        header = f"title: {title}\noutlet: {outlet}\npublished: {published}\nstory: {story}\n"
        (folder / f"{article_id}.md").write_text(f"---\n{header}---\n{text}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def analysis(tmp_path_factory):
    folder = tmp_path_factory.mktemp("two_stories")
    write_articles(folder, {"bridge": "Tay bridge", "trial": "Lecanemab trial"})
    return analyse(load_corpus(folder), load_knowledge(folder))


def story_of(analysis, article_id: str) -> str:
    return analysis.stories.set_index("article_id").at[article_id, "story"]


def test_the_analysis_carries_a_story_per_article(analysis):
    assert list(analysis.stories.columns) == ["article_id", "story", "label"]
    assert story_of(analysis, "bridge-a") == story_of(analysis, "bridge-b") == "Tay bridge"
    assert story_of(analysis, "trial-a") == story_of(analysis, "trial-b") == "Lecanemab trial"
    assert story_of(analysis, "chess") not in ("Tay bridge", "Lecanemab trial")


def test_a_stock_quote_is_shared_within_a_story_only(analysis):
    table = analyse_overlap(analysis).shared_quotes
    stock = table[table["label"].str.contains("We will see what happens next")]
    assert [sorted(a) for a in stock["articles"]] == [["bridge-a", "bridge-b"]]
    everywhere = shared_quotes(analysis.quotes)  # without stories: four articles, one group
    joined = everywhere[everywhere["label"].str.contains("We will see what happens next")]
    assert joined["n_articles"].max() >= 3


def test_claims_join_sentences_of_one_story_and_carry_its_name(analysis):
    overlap = analyse_overlap(analysis)
    stories = analysis.stories.set_index("article_id")["story"]
    members = overlap.members.assign(story=overlap.members["article_id"].map(stories))
    assert (members.groupby("claim_id")["story"].nunique() == 1).all()
    claim_story = overlap.claims.set_index("claim_id")["story"]
    assert (members.groupby("claim_id")["story"].first() == claim_story.loc[
        members.groupby("claim_id")["story"].first().index
    ]).all()  # fmt: skip
    shared = overlap.claims[overlap.claims["n_articles"] >= 2]
    assert set(shared["story"]) == {"Tay bridge", "Lecanemab trial"}
    assert overlap.claims["claim_id"].is_unique
    assert overlap.claims["n_outlets"].is_monotonic_decreasing
    assert set(overlap.members["sentence_id"]) == set(analysis.sentences["sentence_id"])
    alone = overlap.members[overlap.members["article_id"] == "chess"]["claim_id"]
    assert (overlap.claims.set_index("claim_id").loc[alone, "strength"] == "single").all()


def test_one_story_gives_what_claims_gives_on_the_whole_corpus():
    corpus = ROOT / "corpus"
    analysis = analyse(load_corpus(corpus), load_knowledge(corpus))
    assert analysis.stories["story"].nunique() == 1
    overlap = analyse_overlap(analysis)
    table, members = claims(with_speakers(analysis.sentences, analysis.quotes))
    pd.testing.assert_frame_equal(overlap.claims.drop(columns="story"), table)
    pd.testing.assert_frame_equal(overlap.members, members)
    pd.testing.assert_frame_equal(overlap.shared_quotes, shared_quotes(analysis.quotes))


def test_no_sentence_gives_empty_claims(analysis):
    empty = analysis.sentences.iloc[:0]
    table, members = claims_by_story(empty, pd.Series(dtype=str))
    assert table.empty and members.empty
    assert {"claim_id", "label", "story"} <= set(table.columns)


def test_claims_of_story_batches_in_a_process_pool_are_the_same(analysis, monkeypatch):
    from analysis.store.build import local_map

    sentences = with_speakers(analysis.sentences, analysis.quotes)
    story_of = story_map(analysis)
    one = claims_by_story(sentences, story_of)
    monkeypatch.setattr("analysis.overlap.summary.BATCH", 1)  # a batch per story
    with local_map(2) as run:
        many = claims_by_story(sentences, story_of, run=run)
    assert len(one[0]) > 3
    for expected, found in zip(one, many, strict=True):
        pd.testing.assert_frame_equal(found, expected, check_exact=True)


def test_shared_quotes_of_stories_in_a_process_pool_are_the_same(analysis):
    from analysis.store.build import local_map

    one = shared_quotes_by_story(analysis.quotes, story_map(analysis))
    assert len(one) >= 2
    with local_map(2) as run:
        for parts in (2, 5):
            found = shared_quotes_by_story(analysis.quotes, story_map(analysis), run, parts)
            pd.testing.assert_frame_equal(found, one, check_exact=True)


def test_omissions_by_story_follow_the_omission_rule_of_each_story(analysis):
    overlap = analyse_overlap(analysis)
    found = omissions_by_story(overlap.claims, overlap.members)
    expected = []
    for story, claim_ids in overlap.claims.groupby("story")["claim_id"]:
        members = overlap.members[overlap.members["claim_id"].isin(claim_ids)]
        outlets = sorted(members["outlet"].unique())
        if len(outlets) >= 2:
            expected.append(omissions(overlap.claims, members, outlets).assign(story=story))
    expected = pd.concat(expected, ignore_index=True).sort_values(
        ["outlet", "n_others", "claim_id"], ascending=[True, False, True], kind="stable"
    )
    assert len(found) > 0
    pd.testing.assert_frame_equal(found, expected.reset_index(drop=True), check_dtype=False)


def test_omissions_on_one_story_are_the_omissions_of_its_outlets():
    corpus = ROOT / "corpus"
    analysis = analyse(load_corpus(corpus), load_knowledge(corpus))
    overlap = analyse_overlap(analysis)
    outlets = sorted(analysis.articles["outlet"].unique())
    few = overlap.members[overlap.members["outlet"] != outlets[0]]  # a selection of outlets
    expected = omissions(overlap.claims, few, outlets[1:])
    found = omissions_by_story(overlap.claims, few).drop(columns="story")
    assert len(expected) > 0
    pd.testing.assert_frame_equal(found, expected, check_dtype=False)


def test_long_overlap_work_reports_its_progress_stage_by_stage(analysis):
    seen: list[tuple[float, str]] = []
    analyse_overlap(analysis, progress=lambda fraction, message: seen.append((fraction, message)))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    messages = " | ".join(m for _, m in seen)
    assert "reused passages" in messages and "claims" in messages and "quotes" in messages


def test_all_outlets_report_is_said_only_of_strong_matches_on_the_water_bill():
    # Found by the lead on this invented story: "All 3 outlets report: 0" hid the related
    # passages all three carry (Delgado and Whitfield each say something different in each).
    folder = ROOT / "tests" / "fixtures" / "stories" / "water_bill"
    overlap = analyse_overlap(analyse(load_corpus(folder), load_knowledge(folder)))
    everywhere = overlap.claims[overlap.claims["n_outlets"] == 3]
    strong = int((everywhere["strength"] == "strong").sum())
    related = int((everywhere["strength"] == "related").sum())
    assert related > 0
    wording = everywhere_wording(3, strong, related)
    passages = "is a related passage" if related == 1 else "are related passages"
    assert f"{plural(related, 'claim')} {passages} in all 3" in wording
    assert ("No claim is reported by all 3" in wording) == (strong == 0)
    assert "not checked as the same fact" in wording


def test_everywhere_wording_names_strong_and_related_counts():
    assert everywhere_wording(3, 2, 0) == (
        "All 3 outlets report 2 claims as the same fact (strong match)."
    )
    assert everywhere_wording(3, 2, 4).startswith("All 3 outlets report 2 claims")
    assert "4 claims are related passages in all 3" in everywhere_wording(3, 2, 4)
    assert everywhere_wording(3, 1, 1) == (
        "All 3 outlets report 1 claim as the same fact (strong match); 1 claim is a related "
        "passage in all 3 (shared words, not checked as the same fact)."
    )
    assert everywhere_wording(2, 0, 0) == "No claim is carried by both outlets."
    assert everywhere_wording(2, 1, 1) == (
        "Both outlets report 1 claim as the same fact (strong match); 1 claim is a related "
        "passage in both (shared words, not checked as the same fact)."
    )
