"""Stories: the optional corpus field, and automatic grouping on a small mixed corpus."""

from __future__ import annotations

import json

import pandas as pd

from analysis.corpus.load import load_corpus
from analysis.corpus.stories import neighbours, stories

# Three stories, written for this test: a flood, a court ruling, a football transfer.
MIXED = [
    ("flood-a", "Daily Post", "2024-03-04", "Floods force evacuations along the Severn",
     "Heavy rain flooded villages along the River Severn on Monday and the Environment "
     "Agency ordered evacuations in Shrewsbury and Worcester."),
    ("flood-b", "Evening Star", "2024-03-05", "Severn bursts its banks, Shrewsbury evacuated",
     "The River Severn burst its banks after two days of rain; the Environment Agency said "
     "hundreds of homes in Shrewsbury were evacuated."),
    ("flood-c", "Wire Service", "2024-03-04", "Evacuations as Severn floods Worcester",
     "Residents of Worcester and Shrewsbury left their homes as the Severn flooded, the "
     "Environment Agency said, warning of more rain."),
    ("court-a", "Daily Post", "2024-03-06", "Supreme Court strikes down Ohio voting map",
     "The Supreme Court struck down Ohio's congressional map on Wednesday, ruling that the "
     "districts diluted Black voters' power."),
    ("court-b", "Evening Star", "2024-03-06", "Justices reject Ohio congressional districts",
     "Ohio must redraw its congressional map after the Supreme Court ruled the districts "
     "diluted the votes of Black residents."),
    ("court-c", "Wire Service", "2024-03-07", "Ohio map ruling: what the Supreme Court said",
     "In a 6-3 decision the Supreme Court said Ohio's congressional districts diluted Black "
     "voters, ordering a new map."),
    ("transfer-a", "Daily Post", "2024-03-05", "Arsenal sign Haaland in record deal",
     "Arsenal signed striker Erling Haaland from Manchester City for a record fee on "
     "Tuesday, the club announced."),
    ("transfer-b", "Wire Service", "2024-03-05", "Haaland joins Arsenal from Manchester City",
     "Erling Haaland completed his move from Manchester City to Arsenal, a transfer the "
     "club called a record."),
]  # fmt: skip
TRUTH = {a: a.split("-")[0] for a, *_ in MIXED}


def mixed_frame() -> pd.DataFrame:
    columns = ["article_id", "outlet", "published", "title", "text"]
    return pd.DataFrame(MIXED, columns=columns)


def test_mixed_corpus_groups_by_story():
    result = stories(mixed_frame())
    assert list(result.columns) == ["article_id", "story", "label"]
    story = dict(zip(result["article_id"], result["story"], strict=True))
    for a in TRUTH:
        for b in TRUTH:
            assert (story[a] == story[b]) == (TRUTH[a] == TRUTH[b]), (a, b)
    labels = result.drop_duplicates("story").set_index("story")["label"]
    assert labels[story["transfer-a"]] in {title for _, _, _, title, _ in MIXED[6:]}


def test_same_words_weeks_apart_are_two_stories():
    frame = mixed_frame().iloc[:2].copy()
    frame.loc[1, "published"] = "2024-05-20"
    result = stories(frame)
    assert result["story"].nunique() == 2


def test_given_story_is_kept_and_the_rest_grouped():
    frame = mixed_frame().assign(story="")
    frame.loc[frame["article_id"] == "court-c", "story"] = "Ohio redistricting"
    result = stories(frame).set_index("article_id")
    assert result.loc["court-c", "story"] == result.loc["court-c", "label"] == "Ohio redistricting"
    assert result.loc["court-a", "story"] == result.loc["court-b", "story"] != "Ohio redistricting"


def test_story_field_in_front_matter_and_jsonl(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.md").write_text("---\ntitle: A\nstory: Severn floods\n---\nRain fell.\n")
    (folder / "b.md").write_text("---\ntitle: B\n---\nRain fell again.\n")
    loaded = {a.title: a.story for a in load_corpus(folder).articles}
    assert loaded == {"A": "Severn floods", "B": ""}
    lines = tmp_path / "c.jsonl"
    lines.write_text(json.dumps({"text": "Rain.", "story": "Severn floods"}) + "\n")
    corpus = load_corpus(lines)
    assert [a.story for a in corpus.articles] == ["Severn floods"]
    assert not corpus.warnings


def test_analysis_piece_joins_its_story_through_the_body():
    """An opinion piece that names the event only past its lead still joins the reports."""
    preamble = (
        "Every few years the country is reminded that water does not read planning maps. "
        "We build where it is cheap, we insure what we cannot defend, and we act surprised "
        "when the bill arrives. Politicians promise reviews, engineers write reports, and the "
        "reports are filed. None of this is new, and none of it is inevitable, yet each time "
        "the same arguments are made as if for the first time, by the same people, in the "
        "same words, with the same results for the people who live closest to the river. "
    )
    details = (
        "This week the River Severn flooded Shrewsbury and Worcester, the Environment Agency "
        "ordered evacuations, and hundreds of homes along the Severn were emptied in the rain."
    )
    frame = mixed_frame()
    title = "Severn: the lesson we refuse to learn"
    frame.loc[len(frame)] = ["flood-op", "Weekly Review", "2024-03-06", title, preamble + details]
    story = stories(frame).set_index("article_id")["story"]
    assert story["flood-op"] == story["flood-a"] != story["court-a"]


def test_same_saga_a_week_later_is_another_story():
    """A new announcement on the same subject six days on is its own story."""
    frame = mixed_frame().iloc[3:5].copy()
    frame.loc[4, "published"] = "2024-03-12"
    assert stories(frame)["story"].nunique() == 2


def test_date_blocks_find_the_same_pairs_as_one_block(monkeypatch):
    """Comparing each block of rows only with nearby dates (and undated articles) loses no pair."""
    frame = mixed_frame()
    frame.loc[1, "published"] = ""
    frame.loc[5, "published"] = "not a date"
    whole = neighbours(frame).sort_values(["i", "j"]).reset_index(drop=True)
    monkeypatch.setattr("analysis.corpus.stories.CHUNK", 2)
    blocked = neighbours(frame).sort_values(["i", "j"]).reset_index(drop=True)
    assert len(whole) > 0
    pd.testing.assert_frame_equal(whole, blocked)
    story = stories(frame).set_index("article_id")["story"]
    assert story["flood-b"] == story["flood-a"] and story["court-c"] == story["court-a"]
