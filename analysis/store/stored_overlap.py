"""The Overlap view's tables over the whole corpus: worked out once, stored in a build.

Omissions, exclusives, the words of every reused passage, the passages by
similarity and the speakers the outlets share are pure functions of the
overlap tables and the quotes; on ten thousand articles they take half a
minute, so a build writes them beside the overlap tables and the page reads
them whenever no filter narrows the sentences. A build made before they were
stored gets them worked out on first use (:func:`whole_corpus`).

A build holds no text another of its tables holds (format 6): a claim member's
sentence text is the sentences table's, a reused passage's text is its article's
between the passage's start and end, an omission's or exclusive's label is its
claim's. On 12,399 articles these copies took about 200 MB of the Overlap page's
memory; the pages look the text up for the rows they draw (:func:`member_text`,
:func:`passage_text`, :func:`labelled`) and for a download when it is clicked.
Repeated strings (article ids, outlets, passage kinds) are read as categoricals.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.overlap.claims import exclusives
from analysis.overlap.summary import Overlap, omissions_by_story
from analysis.store.parquet import read_parquet, write_parquet
from analysis.voices.share import speaker_overlap

FILES = {
    "omissions": "view_omissions.parquet",
    "exclusives": "view_exclusives.parquet",
    "reuse": "view_reuse.parquet",
    "speaker_pairs": "view_speaker_pairs.parquet",
    "speakers": "view_speakers.parquet",
}


TEXT_COLUMNS = {"members": ["text"], "reuse": ["text_a", "text_b"]}
"""Columns of the overlap tables a build does not store: they are looked up."""


CATEGORIES = {
    "members": (("article_id",), ("outlet",)),
    "reuse": (("article_a", "article_b"), ("outlet_a", "outlet_b"), ("kind",)),
}
"""Columns of the stored overlap tables the pages read as categoricals, each group with
the same categories: a small code per row instead of a string (about 60 MB of the
Overlap page on 12,399 articles)."""


def as_categories(overlap: Overlap) -> Overlap:
    """``overlap`` with the ``CATEGORIES`` columns as categoricals."""
    return replace(overlap, **{name: _coded(getattr(overlap, name), name) for name in CATEGORIES})


def _coded(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """The columns coded each on its own (fast from Arrow), then given their group's
    categories, sorted."""
    coded = {}
    for group in CATEGORIES[name]:
        own = {column: table[column].astype("category") for column in group}
        every = sorted(set().union(*(column.cat.categories for column in own.values())))
        coded |= {column: values.cat.set_categories(every) for column, values in own.items()}
    return table.assign(**coded)


def as_strings(overlap: Overlap) -> Overlap:
    """``overlap`` with the ``CATEGORIES`` columns as strings, as the overlap stage gives them."""
    return replace(
        overlap,
        **{
            name: getattr(overlap, name).astype(
                {column: "str" for group in groups for column in group}
            )
            for name, groups in CATEGORIES.items()
        },
    )


def without_text(overlap: Overlap) -> Overlap:
    """``overlap`` as a build stores it: no member's or passage's text (``TEXT_COLUMNS``)."""
    return replace(
        overlap,
        members=overlap.members.drop(columns=TEXT_COLUMNS["members"], errors="ignore"),
        reuse=overlap.reuse.drop(columns=TEXT_COLUMNS["reuse"], errors="ignore"),
    )


def with_text(overlap: Overlap, sentences: pd.DataFrame, articles: pd.DataFrame) -> Overlap:
    """``overlap`` with every member's and passage's text and its strings, as the overlap
    stage gave it."""
    overlap = as_strings(overlap)
    return replace(
        overlap,
        members=member_text(overlap.members, sentences),
        reuse=passage_text(overlap.reuse, articles),
    )


def member_text(members: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """``members`` (any of the claim members) with each sentence's text before ``start``,
    looked up by sentence id among the sentences of their articles."""
    rows = members.drop(columns=TEXT_COLUMNS["members"], errors="ignore")
    mine = sentences[sentences["article_id"].isin(rows["article_id"].unique())]
    text = pd.Series(mine["text"].to_numpy(), index=mine["sentence_id"].to_numpy())
    rows.insert(rows.columns.get_loc("start"), "text", text.reindex(rows["sentence_id"]).to_numpy())
    return rows


def passage_text(reuse: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """``reuse`` (any of its rows) with each passage's text in article A and in article B
    (``text_a``, ``text_b``) before ``similarity``: the article's text from start to end."""
    rows = reuse.drop(columns=TEXT_COLUMNS["reuse"], errors="ignore")
    ids = pd.unique(np.concatenate([rows["article_a"].to_numpy(), rows["article_b"].to_numpy()]))
    mine = articles[articles["article_id"].isin(ids)]  # their text alone made Python strings
    text = pd.Series(mine["text"].to_numpy(), index=mine["article_id"].to_numpy())
    at = rows.columns.get_loc("similarity")
    for n, side in enumerate("ab"):
        whole = text.reindex(rows[f"article_{side}"]).to_numpy()
        spans = zip(whole, rows[f"start_{side}"], rows[f"end_{side}"], strict=True)
        rows.insert(at + n, f"text_{side}", [t[s:e] for t, s, e in spans])
    return rows


def labelled(table: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Omissions or exclusives (any rows) with each claim's label after ``claim_id``."""
    mine = claims[claims["claim_id"].isin(table["claim_id"].unique())]
    label = pd.Series(mine["label"].to_numpy(), index=mine["claim_id"].to_numpy())
    rows = table.drop(columns="label", errors="ignore")
    rows.insert(
        rows.columns.get_loc("claim_id") + 1, "label", label.reindex(rows["claim_id"]).to_numpy()
    )
    return rows


@dataclass(frozen=True)
class WholeCorpus:
    """Omissions and exclusives of every outlet (without the claims' labels: see
    :func:`labelled`), and the words of each reused passage."""

    omissions: pd.DataFrame
    exclusives: pd.DataFrame
    reuse_words: pd.Series  # per row of ``Overlap.reuse``, words of passage A
    most_similar: pd.Index  # rows of ``Overlap.reuse``, most similar first
    speakers: tuple[pd.DataFrame, pd.DataFrame]  # ``speaker_overlap`` of the quotes


def whole_corpus(overlap: Overlap, quotes: pd.DataFrame) -> WholeCorpus:
    """The whole corpus's tables (``quotes``: those of all its sentences, any speaker;
    ``overlap`` with its passages' text)."""
    claims, members, reuse = overlap.claims, overlap.members, overlap.reuse
    return WholeCorpus(
        omissions=omissions_by_story(claims, members).drop(columns="label"),
        exclusives=exclusives(claims, members).drop(columns="label"),
        reuse_words=reuse["text_a"].astype(str).str.split().str.len(),
        most_similar=reuse.sort_values("similarity", ascending=False, kind="stable").index,
        speakers=speaker_overlap(quotes),
    )


def write_whole_corpus(whole: WholeCorpus, folder: Path) -> None:
    """Write the tables into ``folder`` (a build being staged)."""
    write_parquet(whole.omissions, folder / FILES["omissions"])
    write_parquet(whole.exclusives, folder / FILES["exclusives"])
    order = pd.DataFrame(
        {
            "words": whole.reuse_words.to_numpy(dtype=np.int64),
            "most_similar": whole.most_similar.to_numpy(dtype=np.int64),
        }
    )
    write_parquet(order, folder / FILES["reuse"])
    pairs, speakers = whole.speakers
    write_parquet(pairs, folder / FILES["speaker_pairs"])
    write_parquet(speakers, folder / FILES["speakers"])


def read_whole_corpus(folder: Path) -> WholeCorpus | None:
    """The stored tables of the build in ``folder``; None when it holds none (an older build)."""
    if not all((folder / name).exists() for name in FILES.values()):
        return None
    order = read_parquet(folder / FILES["reuse"])
    return WholeCorpus(
        omissions=read_parquet(folder / FILES["omissions"]),
        exclusives=read_parquet(folder / FILES["exclusives"]),
        reuse_words=order["words"],
        most_similar=pd.Index(order["most_similar"].to_numpy()),
        speakers=(
            read_parquet(folder / FILES["speaker_pairs"]),
            read_parquet(folder / FILES["speakers"]),
        ),
    )
