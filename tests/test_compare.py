"""Side-by-side comparison of hand-built articles."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from analysis.overlap.claims import claims
from analysis.overlap.compare import (
    align,
    claim_rows,
    compare_summary,
    most_different_pair,
    widest_story,
)
from analysis.overlap.reuse import reuse_pairs

WIRE = (
    "The regional water authority said the release of water from the Karsten dam would "
    "continue for at least a week while engineers inspect all twelve spillway gates."
)
DOCS = {
    "a": (
        "Outlet A",
        f"Heavy rain flooded four villages in the river valley on Tuesday. {WIRE} "
        "Farmers said the warning came far too late to save the barley harvest.",
    ),
    "b": (
        "Outlet B",
        f"{WIRE} On Tuesday heavy rain flooded four villages in the valley of the river. "
        "The mayor praised volunteers who filled sandbags through the night.",
    ),
    "c": (
        "Outlet C",
        "A new museum of modern design opened in the old harbour warehouse. "
        "Visitors queued for hours to see the furniture collection.",
    ),
}
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    articles, sentences = [], []
    for article_id, (outlet, text) in DOCS.items():
        articles.append((article_id, outlet, "", text, len(text.split())))
        start = 0
        for k, piece in enumerate(_SPLIT.split(text)):
            start = text.index(piece, start)
            sentences.append(
                (f"{article_id}{k}", article_id, outlet, 0, k, start, start + len(piece), piece)
            )
            start += len(piece)
    columns = ["sentence_id", "article_id", "outlet", "paragraph", "position", "start", "end"]
    return (
        pd.DataFrame(articles, columns=["article_id", "outlet", "title", "text", "words"]),
        pd.DataFrame(sentences, columns=[*columns, "text"]),
    )


@pytest.fixture(scope="module")
def analysed():
    articles, sentences = frames()
    table, members = claims(sentences)
    return articles, sentences, reuse_pairs(articles, sentences), table, members


def test_align_statuses_and_match_groups(analysed):
    _, sentences, reuse, _, members = analysed
    result = align(["a", "b"], sentences, reuse, members)
    status = dict(zip(result["sentence_id"], result["status"], strict=True))
    assert status == {
        "a0": "paraphrased",
        "a1": "shared",
        "a2": "only here",
        "b0": "shared",
        "b1": "paraphrased",
        "b2": "only here",
    }
    group = dict(zip(result["sentence_id"], result["match_group"], strict=True))
    assert group["a0"] == group["b1"] == 1 and group["a1"] == group["b0"] == 2
    assert pd.isna(group["a2"]) and pd.isna(group["b2"])
    assert list(result.columns) == [
        "article_id",
        "sentence_id",
        "paragraph",
        "status",
        "match_group",
        "claim_id",
        "text",
    ]


def test_claim_rows_show_omissions_as_empty(analysed):
    _, _, _, table, members = analysed
    rows = claim_rows(["a", "b"], table, members)
    both = rows[(rows["a"] != "") & (rows["b"] != "")]
    assert len(both) == 2
    assert set(rows.iloc[:2]["claim_id"]) == set(both["claim_id"])
    only_a = rows[rows["b"] == ""]
    assert only_a["a"].tolist() == [
        "Farmers said the warning came far too late to save the barley harvest."
    ]


def test_most_different_pair(analysed):
    articles, sentences, *_ = analysed
    assert most_different_pair(articles, sentences) in {("a", "c"), ("b", "c")}


def test_compare_summary_counts(analysed):
    _, sentences, reuse, table, members = analysed
    summary = compare_summary(align(["a", "b"], sentences, reuse, members), table, members)
    counts = summary.table.set_index("article_id")
    assert counts.loc["a", "n_sentences"] == 3
    assert counts.loc["a", ["shared", "paraphrased", "only_here"]].tolist() == [1, 1, 1]
    assert counts.loc["b", "claims_alone"] == 1
    assert len(summary.shared_claims) == 2


def _one_sentence_articles(text: dict[str, str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Sentences and articles of one sentence each (article id -> its text)."""
    columns = ["sentence_id", "article_id", "outlet", "paragraph", "position", "start", "end"]
    sentences = pd.DataFrame(
        [(f"{k}0", k, f"Outlet {k}", 0, 0, 0, len(t), t) for k, t in text.items()],
        columns=[*columns, "text"],
    )
    return sentences, sentences[["article_id", "outlet", "text"]].assign(title="", published="")


def test_related_claim_is_a_related_passage_not_the_same_claim():
    # The letters of two different officials share their words but not the actor:
    # one related claim, not the same claim in other words.
    text = {
        "x": "Mattis gave the president his resignation letter on Thursday.",
        "y": "McGurk sent a resignation letter to the president, aides said.",
        "z": "On Thursday the president received the resignation letter from Mattis.",
    }
    sentences, articles = _one_sentence_articles(text)
    table, members = claims(sentences)
    reuse = reuse_pairs(articles, sentences)
    status = align(["x", "y"], sentences, reuse, members).set_index("sentence_id")["status"]
    assert status.to_dict() == {"x0": "related", "y0": "related"}
    same = align(["x", "z"], sentences, reuse, members).set_index("sentence_id")["status"]
    assert same.to_dict() == {"x0": "paraphrased", "z0": "paraphrased"}
    counts = compare_summary(align(["x", "y"], sentences, reuse, members), table, members)
    assert counts.table.set_index("article_id").loc["x", ["paraphrased", "related"]].tolist() == [
        0,
        1,
    ]


def test_the_summary_quotes_the_chosen_articles_not_another_article_of_the_claim():
    """Found on a hurricane story: the related passage "in both" of two articles was a
    sentence of a third outlet, the claim's label."""
    text = {
        "x": "The storm flooded the coastal town of Lumberton on Monday night.",
        "y": "On Monday night the storm flooded Lumberton, a coastal town.",
        "z": "Lumberton, the coastal town, was flooded by the storm on Monday night.",
    }
    sentences, articles = _one_sentence_articles(text)
    table, members = claims(sentences)
    assert members["claim_id"].nunique() == 1
    reuse = reuse_pairs(articles, sentences)
    for chosen in (["y", "z"], ["z", "x"]):
        summary = compare_summary(align(chosen, sentences, reuse, members), table, members)
        assert summary.shared_claims + summary.related_claims == [text[chosen[0]]]
    alone = compare_summary(align(["x", "y"], sentences, reuse, members), table, members)
    assert all(text["z"] not in labels for labels in alone.table["alone_labels"])


def test_most_different_pair_by_blocks_of_rows_is_the_pair_of_all_similarities(monkeypatch):
    """Similarities in blocks of rows (bounded memory) give the pair one dense matrix gives."""
    import numpy as np
    import pandas as pd

    from analysis.overlap import compare
    from analysis.overlap.sentence_similarity import tfidf

    words = "levee river flood council budget school court verdict storm harbour".split()
    rng = np.random.default_rng(3)
    texts = [" ".join(rng.choice(words, 12)) for _ in range(23)]
    ids = [f"a{i:02d}" for i in range(23)]
    articles = pd.DataFrame({"article_id": ids})
    sentences = pd.DataFrame({"article_id": ids, "text": texts})
    matrix = tfidf(texts)
    dense = (matrix @ matrix.T).toarray()
    dense[np.tril_indices(len(ids))] = np.inf
    a, b = np.unravel_index(np.argmin(dense), dense.shape)
    monkeypatch.setattr(compare, "PAIR_ROWS", 5)
    assert compare.most_different_pair(articles, sentences) == (ids[a], ids[b])


def test_widest_story_is_the_story_most_outlets_cover():
    articles = pd.DataFrame(
        {
            "article_id": ["a1", "a2", "a3", "b1", "b2", "b3", "b4", "c1"],
            "outlet": ["X", "Y", "Z", "X", "X", "X", "Y", "Z"],
        }
    )
    stories = pd.DataFrame(
        {
            "article_id": ["a1", "a2", "a3", "b1", "b2", "b3", "b4", "c1"],
            "story": ["S1", "S1", "S1", "S2", "S2", "S2", "S2", "S3"],
        }
    )
    # S2 has more articles, but S1 is covered by three outlets
    assert widest_story(articles, stories) == ["a1", "a2", "a3"]
    two = stories.assign(story=["S1", "S1", "S9", "S2", "S2", "S2", "S2", "S3"])
    assert widest_story(articles, two) == ["b1", "b2", "b3", "b4"]  # a tie on outlets: size
    alone = stories.assign(story=[f"S{i}" for i in range(8)])
    assert widest_story(articles, alone) == []  # no story of two articles
