"""What stands out on the Overview: statements that hold for the stories selected."""

from __future__ import annotations

import pandas as pd

from analysis.emphasis.overview import summary


def _selection(stories: list[str]) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Four articles (Fox, CNN, NPR on one story; NPR's second article on ``stories[3]``),
    their sentences and the corpus's story grouping (which holds an article not selected)."""
    articles = pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d"],
            "outlet": ["Fox", "CNN", "NPR", "NPR"],
            "wire": [""] * 4,
        }
    )
    grouping = pd.DataFrame(
        {"article_id": ["d", "c", "b", "a", "z"], "story": [*stories[::-1], "S9"]}
    )
    sentences = pd.DataFrame(
        {
            "sentence_id": ["1", "2", "3", "4", "5"],
            "article_id": ["a", "b", "c", "d", "a"],
            "outlet": ["Fox", "CNN", "NPR", "NPR", "Fox"],
            "words": [10] * 5,
            "topics": [["vote"], ["vote"], ["border"], ["quake"], ["border"]],
        }
    )
    return articles, sentences, grouping


def test_an_outlet_that_covered_no_article_of_a_story_leaves_none_of_its_topics_out():
    articles, sentences, grouping = _selection(["S1", "S1", "S1", "S2"])
    lines = summary(articles, sentences, stories=grouping)
    assert "Every outlet but NPR covers “vote”." in lines  # NPR covered S1, not its vote
    assert "Every outlet but CNN covers “border”." in lines
    assert not any("quake" in line and line.startswith("Only") for line in lines)
    assert "Fox gives its stories the most words (20), CNN the fewest (10)." in lines


def test_one_story_keeps_the_whole_selection_as_the_outlets_that_could_cover_a_topic():
    articles, sentences, grouping = _selection(["S1"] * 4)
    assert summary(articles, sentences, stories=grouping) == summary(articles, sentences)
    lines = summary(articles, sentences, stories=grouping)
    assert "Only NPR covers “quake”." in lines
    assert "Fox gives the story the most words (20), CNN the fewest (10)." in lines


def test_every_outlet_but_says_how_many_outlets_cover_the_topics_stories():
    articles, sentences, grouping = _selection(["S1", "S1", "S1", "S2"])
    articles = pd.concat(
        [articles, pd.DataFrame({"article_id": ["e"], "outlet": ["BBC"], "wire": [""]})]
    )
    grouping = pd.concat([grouping, pd.DataFrame({"article_id": ["e"], "story": ["S2"]})])
    sentences = pd.concat(
        [
            sentences,
            pd.DataFrame(
                {"sentence_id": ["6"], "article_id": ["e"], "outlet": ["BBC"], "words": [10],
                 "topics": [["quake"]]}
            ),
        ]
    )  # fmt: skip
    lines = summary(articles, sentences, stories=grouping)
    assert "Every outlet but NPR covers “vote” (of the 3 outlets that cover its stories)." in lines
    assert not any(line.startswith("Only") for line in lines)  # NPR and BBC both cover "quake"
