"""The analyst's selection (outlets, topics, speakers, free text) applied to the tables.

One selection narrows every view the same way: the dashboard's sidebar, the
URL and the CLI's filter options all build a :class:`Selection`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Selection:
    """What the analyst chose; an empty field means "all"."""

    outlets: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    speakers: tuple[str, ...] = ()
    query: str = ""
    story: str = ""  # the story's label as shown; its articles are ``story_articles``
    story_articles: frozenset[str] = frozenset()

    @property
    def is_empty(self) -> bool:
        return not (
            self.outlets or self.topics or self.speakers or self.query.strip() or self.story
        )

    def describe(self) -> str:
        """The selection in words, for empty states and captions."""
        parts = [
            f"{label}={', '.join(values)}"
            for label, values in (
                ("outlet", self.outlets),
                ("topic", self.topics),
                ("speaker", self.speakers),
            )
            if values
        ]
        if self.story:
            parts.append(f"story “{self.story}”")
        if self.query.strip():
            parts.append(f"search “{self.query.strip()}”")
        return " and ".join(parts) or "no filter"


def topic_mask(sentences: pd.DataFrame, topics: tuple[str, ...]) -> pd.Series:
    """Sentences tagged with any of ``topics`` (defined or discovered)."""
    wanted = set(topics) - {""}  # "" marks a sentence without a discovered topic
    defined = sentences["topics"].map(lambda tags: bool(wanted.intersection(tags)))
    return defined | sentences["discovered_topic"].isin(wanted)


def query_mask(sentences: pd.DataFrame, query: str) -> pd.Series:
    """Sentences containing the query as a phrase, ignoring case."""
    pattern = re.escape(" ".join(query.split()))
    return sentences["text"].str.contains(pattern, case=False, regex=True)


def speaker_mask(
    sentences: pd.DataFrame, quotes: pd.DataFrame, speakers: tuple[str, ...]
) -> pd.Series:
    """Sentences where one of ``speakers`` is quoted or named as the source of a quote."""
    chosen = quotes[quotes["speaker"].isin(speakers)]
    mask = np.zeros(len(sentences), dtype=bool)
    if chosen.empty:
        return pd.Series(mask, index=sentences.index)
    by_article = {aid: group for aid, group in chosen.groupby("article_id")}
    starts, ends = sentences["start"].to_numpy(), sentences["end"].to_numpy()
    for aid, rows in sentences.groupby("article_id").indices.items():
        group = by_article.get(aid)
        if group is None:
            continue
        spans = list(zip(group["start"], group["end"]))
        spans += [
            (s, e) for s, e in zip(group["mention_start"], group["mention_end"]) if pd.notna(s)
        ]
        for lo, hi in spans:
            mask[rows] |= (starts[rows] < hi) & (ends[rows] > lo)
    return pd.Series(mask, index=sentences.index)


def select_sentences(
    sentences: pd.DataFrame, selection: Selection, quotes: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The sentences inside the selection."""
    mask = pd.Series(True, index=sentences.index)
    if selection.story:
        mask &= sentences["article_id"].isin(selection.story_articles)
    if selection.outlets:
        mask &= sentences["outlet"].isin(selection.outlets)
    if selection.topics:
        mask &= topic_mask(sentences, selection.topics)
    if selection.query.strip():
        mask &= query_mask(sentences, selection.query)
    if selection.speakers and quotes is not None:
        mask &= speaker_mask(sentences, quotes, selection.speakers)
    return sentences if mask.all() else sentences[mask]  # all: no copy of a large table


def coverage(sentences: pd.DataFrame, selected: pd.DataFrame) -> dict[str, int]:
    """How much of the corpus a selection covers: articles, sentences and words, of totals."""
    return {
        "articles": int(selected["article_id"].nunique()),
        "articles_total": int(sentences["article_id"].nunique()),
        "sentences": len(selected),
        "sentences_total": len(sentences),
        "words": int(selected["words"].sum()),
        "words_total": int(sentences["words"].sum()),
    }


def select_quotes(
    quotes: pd.DataFrame, sentences: pd.DataFrame, selection: Selection
) -> pd.DataFrame:
    """The quotes that overlap a selected sentence (and are by a selected speaker, if any)."""
    if quotes.empty or sentences.empty:
        return quotes.iloc[0:0]
    keep = _overlaps_selected(quotes, sentences)
    selected = quotes if keep.all() else quotes[keep]
    if selection.speakers:
        selected = selected[selected["speaker"].isin(selection.speakers)]
    return selected


def _overlaps_selected(quotes: pd.DataFrame, sentences: pd.DataFrame) -> np.ndarray:
    """Per quote, whether it overlaps a sentence of ``sentences`` in its article.

    Sentences of one article do not overlap, so sorted by (article, end) the
    first one ending after a quote's start is the only candidate to check.
    """
    codes, _ = pd.factorize(pd.concat([sentences["article_id"], quotes["article_id"]]))
    s_code, q_code = codes[: len(sentences)], codes[len(sentences) :]
    shift = np.int64(2) ** 32
    s_key = s_code.astype(np.int64) * shift + sentences["end"].to_numpy(dtype=np.int64)
    order = np.argsort(s_key, kind="stable")
    s_key, s_code = s_key[order], s_code[order]
    s_start = sentences["start"].to_numpy(dtype=np.int64)[order]
    q_start = quotes["start"].to_numpy(dtype=np.int64)
    q_end = quotes["end"].to_numpy(dtype=np.int64)
    at = np.searchsorted(s_key, q_code.astype(np.int64) * shift + q_start, side="right")
    found = at < len(s_key)
    at = np.minimum(at, len(s_key) - 1)
    return found & (s_code[at] == q_code) & (s_start[at] < q_end)
