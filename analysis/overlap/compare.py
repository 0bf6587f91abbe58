"""Side-by-side reading of two to four articles.

Each sentence of the chosen articles gets a status against the other chosen
articles: ``shared`` when it overlaps a verbatim or near-verbatim passage
shared with one of them by at least half of the shorter of the two,
``paraphrased`` (the same claim in other words) when it is a strong match of a
sentence of one of them (both in the strong core of one claim,
``analysis.overlap.claims``), ``related`` when it only shares words with one
of them (a related claim's sentences, or a paraphrase pair that is no strong
match), and ``only here`` otherwise. Sentences that match across articles
share a ``match_group`` number, for colouring them alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from analysis.overlap.claim_match import RELATED, STRONG
from analysis.overlap.claims import strengths, trim_label
from analysis.overlap.sentence_similarity import tfidf

STATUSES = ["shared", "paraphrased", "related", "only here"]
ALIGN_COLUMNS = [
    "article_id", "sentence_id", "paragraph", "status", "match_group", "claim_id", "text",
]  # fmt: skip


def _ids(articles: Sequence[str] | pd.DataFrame) -> list[str]:
    """Article ids from a list of ids or an articles frame."""
    if isinstance(articles, pd.DataFrame):
        return articles["article_id"].tolist()
    return list(articles)


def _sentences_in(reuse: pd.DataFrame, chosen: pd.DataFrame, side: str) -> pd.DataFrame:
    """Rows (reuse row, sentence) where the sentence lies half inside the span."""
    joined = reuse.reset_index(names="reuse_row").merge(
        chosen, left_on=f"article_{side}", right_on="article_id"
    )
    overlap = np.minimum(joined["end"], joined[f"end_{side}"]) - np.maximum(
        joined["start"], joined[f"start_{side}"]
    )
    inside = overlap >= 0.5 * np.minimum(
        joined["end"] - joined["start"], joined[f"end_{side}"] - joined[f"start_{side}"]
    )
    return joined.loc[inside, ["reuse_row", "sentence_id", "kind"]]


def _reuse_links(reuse: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """Sentence pairs linked by a reuse row between two chosen articles (a, b, kind)."""
    ids = set(chosen["article_id"])
    reuse = reuse[reuse["article_a"].isin(ids) & reuse["article_b"].isin(ids)]
    left = _sentences_in(reuse, chosen, "a")
    right = _sentences_in(reuse, chosen, "b")
    links = left.merge(right[["reuse_row", "sentence_id"]], on="reuse_row", suffixes=("_a", "_b"))
    return links.rename(columns={"sentence_id_a": "a", "sentence_id_b": "b"})[["a", "b", "kind"]]


def _claim_links(members: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """Sentence pairs of different chosen articles in the same claim, with their strength:
    ``strong`` when both are in the claim's strong core, ``related`` otherwise."""
    mine = members[members["sentence_id"].isin(chosen["sentence_id"])]
    pairs = mine.merge(mine, on="claim_id")
    pairs = pairs[pairs["article_id_x"] != pairs["article_id_y"]]
    strong = pairs["agrees_x"].to_numpy(dtype=bool) & pairs["agrees_y"].to_numpy(dtype=bool)
    return pd.DataFrame(
        {
            "a": pairs["sentence_id_x"],
            "b": pairs["sentence_id_y"],
            "kind": np.where(strong, STRONG, RELATED),
        }
    )


def align(
    articles: Sequence[str] | pd.DataFrame,
    sentences: pd.DataFrame,
    reuse: pd.DataFrame,
    claims_members: pd.DataFrame,
) -> pd.DataFrame:
    """One row per sentence of the chosen articles, in reading order.

    Columns: article_id, sentence_id, paragraph, status, match_group (nullable
    int, numbered in reading order), claim_id, text.
    """
    ids = _ids(articles)
    chosen = sentences[sentences["article_id"].isin(ids)].copy()
    chosen["_article"] = chosen["article_id"].map({a: k for k, a in enumerate(ids)})
    chosen = chosen.sort_values(["_article", "start"], kind="stable").reset_index(drop=True)
    links = pd.concat(
        [_reuse_links(reuse, chosen), _claim_links(claims_members, chosen)], ignore_index=True
    )
    verbatim = links["kind"].isin(["verbatim", "near-verbatim"])
    shared = set(links.loc[verbatim, "a"]) | set(links.loc[verbatim, "b"])
    strong = links["kind"] == STRONG
    same_claim = set(links.loc[strong, "a"]) | set(links.loc[strong, "b"])
    matched = set(links["a"]) | set(links["b"])
    sentence = chosen["sentence_id"]
    chosen["status"] = np.select(
        [sentence.isin(shared), sentence.isin(same_claim), sentence.isin(matched)],
        ["shared", "paraphrased", "related"],
        "only here",
    )
    chosen["match_group"] = _match_groups(chosen["sentence_id"], links)
    mine = claims_members[claims_members["sentence_id"].isin(sentence)]
    chosen["claim_id"] = sentence.map(mine.set_index("sentence_id")["claim_id"])
    return chosen[ALIGN_COLUMNS]


def _match_groups(sentence_ids: pd.Series, links: pd.DataFrame) -> pd.Series:
    """Connected groups of linked sentences, numbered 1.. in reading order."""
    position = pd.Series(np.arange(len(sentence_ids)), index=sentence_ids.to_numpy())
    a, b = position[links["a"]].to_numpy(), position[links["b"]].to_numpy()
    n = len(sentence_ids)
    graph = csr_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    _, component = connected_components(graph, directed=False)
    linked = np.zeros(n, dtype=bool)
    linked[a] = linked[b] = True
    numbers = pd.Series(component[linked]).drop_duplicates()
    number_of = dict(zip(numbers, range(1, len(numbers) + 1), strict=True))
    groups = [number_of[c] if k else pd.NA for c, k in zip(component, linked, strict=True)]
    return pd.Series(groups, dtype="Int64")


def claim_rows(
    articles: Sequence[str] | pd.DataFrame, claims: pd.DataFrame, members: pd.DataFrame
) -> pd.DataFrame:
    """The chosen articles aligned by claim: one row per claim, one column per article.

    A cell holds the article's sentences of that claim (joined by " … ") or
    "" when the article omits the claim. Rows: claims carried by most of the
    chosen articles first, then in the reading order of the first article.
    """
    ids = _ids(articles)
    mine = members[members["article_id"].isin(ids)]
    cells = mine.groupby(["claim_id", "article_id"], sort=False)["text"].agg(" … ".join)
    table = cells.unstack("article_id").reindex(columns=ids).fillna("")
    carried = (table != "").sum(axis=1)
    reading = mine.assign(_a=mine["article_id"].map({a: k for k, a in enumerate(ids)}))
    reading = reading.sort_values(["_a", "start"], kind="stable").drop_duplicates("claim_id")
    rank = pd.Series(np.arange(len(reading)), index=reading["claim_id"])
    table = table.assign(_n=carried, _key=rank.reindex(table.index))
    table = table.sort_values(["_n", "_key"], ascending=[False, True], kind="stable")
    label = claims.set_index("claim_id")["label"]
    table.insert(0, "label", label.reindex(table.index).to_numpy())
    return table.drop(columns=["_n", "_key"]).reset_index()


def widest_story(articles: pd.DataFrame, stories: pd.DataFrame) -> list[str]:
    """The articles of the story most outlets cover (then most articles; first listed on a tie).

    Compare's default pool when the analyst has chosen no story: over a corpus of many
    stories the "most different" pair is trivially two unrelated stories, and finding it
    compares every article with every other. Empty when no story has two articles.
    """
    story = stories.set_index("article_id")["story"].reindex(articles["article_id"])
    table = pd.DataFrame(
        {"story": story.to_numpy(), "outlet": articles["outlet"].to_numpy()},
        index=articles["article_id"].to_numpy(),
    ).dropna(subset=["story"])
    reach = table.groupby("story", sort=False).agg(
        outlets=("outlet", "nunique"), articles=("outlet", "size")
    )
    reach = reach[reach["articles"] >= 2]
    if reach.empty:
        return []
    best = reach.sort_values(["outlets", "articles"], ascending=False, kind="stable").index[0]
    return table.index[table["story"] == best].tolist()


PAIR_ROWS = 512
"""Rows of article similarities held at once by :func:`most_different_pair`."""


def most_different_pair(articles: pd.DataFrame, sentences: pd.DataFrame) -> tuple[str, str]:
    """The two articles whose sentence texts have the lowest TF-IDF cosine.

    Intended for a story's articles (dense n x n similarities); ties go to
    the first-listed pair.
    """
    ids = articles["article_id"].tolist()
    mine = sentences[sentences["article_id"].isin(ids)]
    text = mine.groupby("article_id")["text"].agg(" ".join).reindex(ids).fillna("")
    matrix = tfidf(text.tolist())
    best, pair = np.inf, (0, 1)
    for start in range(0, len(ids), PAIR_ROWS):  # rows by blocks: n x n at once is GBs
        block = (matrix[start : start + PAIR_ROWS] @ matrix.T).toarray()
        block[np.arange(len(block))[:, None] + start >= np.arange(len(ids))[None, :]] = np.inf
        row, column = np.unravel_index(np.argmin(block), block.shape)
        if block[row, column] < best:
            best, pair = block[row, column], (start + row, column)
    return ids[pair[0]], ids[pair[1]]


@dataclass(frozen=True)
class CompareSummary:
    """What the chosen articles share and what each carries alone.

    ``shared_claims`` are labels of claims all of them carry as a strong
    match (the same fact); ``related_claims`` are claims all of them carry
    whose sentences only share words (``analysis.overlap.claims.strengths``).
    """

    shared_claims: list[str]
    related_claims: list[str]
    table: pd.DataFrame


def compare_summary(
    alignment: pd.DataFrame, claims: pd.DataFrame, members: pd.DataFrame
) -> CompareSummary:
    """Counts per article of an ``align`` result, and the claims all of them carry.

    A claim is labelled by its first sentence in the chosen articles, so that what they
    share and what each has alone is quoted from them, not from another article of the
    claim.

    ``table`` has one row per article: n_sentences, shared, paraphrased,
    related, only_here (sentence counts by status), claims_alone (claims no other
    chosen article carries) and alone_labels. Match strength is taken on the
    chosen articles' sentences (``members`` of the claims).
    """
    counts = pd.crosstab(alignment["article_id"], alignment["status"])
    counts = counts.reindex(
        index=alignment["article_id"].unique(),
        columns=STATUSES,
        fill_value=0,
    )
    carriers = alignment.groupby("claim_id")["article_id"].nunique()
    n_articles = alignment["article_id"].nunique()
    label = _labels(alignment, claims["claim_id"][claims["claim_id"].isin(carriers.index)])
    alone = alignment[alignment["claim_id"].map(carriers) == 1]
    alone_ids = alone.drop_duplicates("claim_id").groupby("article_id")["claim_id"].agg(list)
    table = counts.rename(columns={"only here": "only_here"})
    table.insert(0, "n_sentences", counts.sum(axis=1))
    table["claims_alone"] = [len(alone_ids.get(article, [])) for article in table.index]
    table["alone_labels"] = [
        [label[c] for c in alone_ids.get(article, [])] for article in table.index
    ]
    everywhere = set(carriers[carriers == n_articles].index)
    strength = strengths(members[members["sentence_id"].isin(alignment["sentence_id"])])
    ordered = label.index[label.index.isin(everywhere)]
    shared = [label[c] for c in ordered if strength.get(c) == STRONG]
    related = [label[c] for c in ordered if strength.get(c) != STRONG]
    return CompareSummary(shared, related, table.reset_index())


def _labels(alignment: pd.DataFrame, claim_ids: pd.Series) -> pd.Series:
    """Per claim (in ``claim_ids`` order), its first sentence in ``alignment``, trimmed."""
    first = alignment.dropna(subset=["claim_id"]).drop_duplicates("claim_id")
    text = first.set_index("claim_id")["text"].reindex(claim_ids.to_numpy())
    return text.map(trim_label)
