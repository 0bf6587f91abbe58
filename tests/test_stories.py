"""Stories: the optional corpus field, and automatic grouping on a small mixed corpus."""

from __future__ import annotations

import json

import pandas as pd

from analysis.corpus.load import load_corpus
from analysis.corpus.stories import stories

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
