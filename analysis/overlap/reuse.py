"""Text reuse between articles: shared copy, near-verbatim passages, paraphrase.

Reuse is reported as passage pairs, character spans in both articles:

- ``verbatim`` / ``near-verbatim``: shared passages
  (``analysis.overlap.passages``: runs of shared word 5-gram shingles merged
  across small edits), ``verbatim`` from a Jaccard similarity of ``VERBATIM``
  (0.9), ``near-verbatim`` below.
- ``paraphrase``: sentence pairs of different articles whose TF-IDF cosine
  reaches ``PARAPHRASE`` (0.5) and that do not lie inside a passage above
  (``analysis.overlap.sentence_similarity``).

Comparing every article with every other is quadratic, so passages are only
aligned on candidate article pairs: MinHash windows and winnowing
fingerprints (``analysis.overlap.passages``) and the article pairs of similar
sentences (exact prefix filtering). ``shared_copy`` then says which article
pairs share wire copy rather than a quotation.

The blocking and similarity functions other modules import from here
(``candidate_pairs``, ``tfidf`` ...) live in those two modules and are
re-exported, so ``from analysis.overlap.reuse import ...`` keeps working.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis.overlap.passages import (
    SHINGLE,
    align,
    candidate_pairs,
    fingerprint_pairs,
    shingle_hashes,
    winnow,
    word_spans,
)
from analysis.overlap.sentence_similarity import (
    candidate_chunks,
    sentence_candidates,
    similar_sentences,
    terms,
    tfidf,
    tokens,
)

__all__ = [
    "COPY_COLUMNS",
    "PARAPHRASE",
    "REUSE_COLUMNS",
    "SHINGLE",
    "VERBATIM",
    "align",
    "candidate_chunks",
    "candidate_pairs",
    "fingerprint_pairs",
    "reuse_pairs",
    "sentence_candidates",
    "shared_copy",
    "shared_copy_sentences",
    "shingle_hashes",
    "similar_sentences",
    "terms",
    "tfidf",
    "tokens",
    "winnow",
    "word_spans",
]

VERBATIM = 0.9
PARAPHRASE = 0.5
# Shared-copy flag: one passage of at least this many words (a paragraph of
# wire copy, longer than nearly all quotations) ...
COPY_PASSAGE_WORDS = 40
# ... or at least this share of either article's characters in shared passages.
COPY_SHARE = 0.3

REUSE_COLUMNS = [
    "article_a",
    "article_b",
    "outlet_a",
    "outlet_b",
    "start_a",
    "end_a",
    "start_b",
    "end_b",
    "text_a",
    "text_b",
    "similarity",
    "kind",
]

COPY_COLUMNS = [
    "article_a",
    "article_b",
    "outlet_a",
    "outlet_b",
    "n_passages",
    "shared_chars_a",
    "shared_chars_b",
    "shared_words",
    "share_a",
    "share_b",
    "longest_words",
    "shared_copy",
]


def _passage_rows(
    texts: Sequence[str], hashes: Sequence[np.ndarray], pairs: np.ndarray
) -> pd.DataFrame:
    """Verbatim and near-verbatim passages of the candidate article pairs."""
    spans = lru_cache(maxsize=4096)(lambda doc: word_spans(texts[doc]))
    rows = []
    for a, b in pairs.tolist():
        for a0, a1, b0, b1, similarity in align(hashes[a], hashes[b]):
            sa, sb = spans(a), spans(b)
            rows.append((a, b, sa[a0, 0], sa[a1 - 1, 1], sb[b0, 0], sb[b1 - 1, 1], similarity))
    frame = pd.DataFrame(
        rows, columns=["a", "b", "start_a", "end_a", "start_b", "end_b", "similarity"]
    )
    frame["kind"] = np.where(frame["similarity"] >= VERBATIM, "verbatim", "near-verbatim")
    return frame


def _paraphrase_rows(
    pairs: pd.DataFrame, sentences: pd.DataFrame, passages: pd.DataFrame
) -> pd.DataFrame:
    """Similar sentence pairs that are not already inside a shared passage."""
    doc = sentences["doc"].to_numpy()
    i, j = pairs["i"].to_numpy(), pairs["j"].to_numpy()
    left = np.where(doc[i] <= doc[j], i, j)
    right = np.where(doc[i] <= doc[j], j, i)
    start, end = sentences["start"].to_numpy(), sentences["end"].to_numpy()
    frame = pd.DataFrame(
        {
            "a": doc[left],
            "b": doc[right],
            "start_a": start[left],
            "end_a": end[left],
            "start_b": start[right],
            "end_b": end[right],
            "similarity": pairs["similarity"].to_numpy(),
            "kind": "paraphrase",
        }
    )
    spans = ["a", "b", "start_a", "end_a", "start_b", "end_b"]
    joined = frame.reset_index(names="row").merge(
        passages[spans], on=["a", "b"], suffixes=("", "_p")
    )
    inside = np.zeros(len(joined), dtype=bool)
    for side in ("a", "b"):
        start, end = joined[f"start_{side}"], joined[f"end_{side}"]
        overlap = np.minimum(end, joined[f"end_{side}_p"]) - np.maximum(
            start, joined[f"start_{side}_p"]
        )
        inside |= (overlap >= 0.5 * (end - start)).to_numpy()
    return frame[~frame.index.isin(joined.loc[inside, "row"])]


def reuse_pairs(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    paraphrase: float = PARAPHRASE,
) -> pd.DataFrame:
    """Reused passages between articles (columns ``REUSE_COLUMNS``).

    ``article_a`` is always the one listed first in ``articles`` (sort it by
    publication time to make "first" mean "earliest"). Passages are aligned
    on article pairs from MinHash LSH, winnowing fingerprints and paraphrase
    pairs; paraphrases are sentence pairs with TF-IDF cosine >=
    ``paraphrase`` outside those passages.
    """
    articles = articles.reset_index(drop=True)
    texts = articles["text"].tolist()
    hashes = [shingle_hashes(tokens(text)) for text in texts]
    doc_of = pd.Series(np.arange(len(articles)), index=articles["article_id"])
    sentences = sentences[sentences["article_id"].isin(doc_of.index)]
    sentences = sentences.assign(doc=doc_of.loc[sentences["article_id"]].to_numpy())
    sentences = sentences.reset_index(drop=True)
    docs = sentences["doc"].to_numpy()
    similar = similar_sentences(sentences["text"].tolist(), docs, paraphrase)
    by_sentence = np.sort(
        np.stack([docs[similar["i"].to_numpy()], docs[similar["j"].to_numpy()]], 1), 1
    )
    blocked = [candidate_pairs(hashes), fingerprint_pairs(hashes), by_sentence]
    pairs = np.unique(np.vstack(blocked), axis=0).astype(np.int64)
    passages = _passage_rows(texts, hashes, pairs)
    reuse = pd.concat([passages, _paraphrase_rows(similar, sentences, passages)], ignore_index=True)
    return _with_articles(reuse, articles)


def _with_articles(reuse: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Replace document positions by ids, outlets and passage texts."""
    reuse = reuse.sort_values(["a", "b", "start_a", "start_b"], kind="stable")
    a, b = reuse["a"].to_numpy(dtype=int), reuse["b"].to_numpy(dtype=int)
    text = articles["text"].to_numpy()
    out = pd.DataFrame(
        {
            "article_a": articles["article_id"].to_numpy()[a],
            "article_b": articles["article_id"].to_numpy()[b],
            "outlet_a": articles["outlet"].to_numpy()[a],
            "outlet_b": articles["outlet"].to_numpy()[b],
            "start_a": reuse["start_a"].astype(int).to_numpy(),
            "end_a": reuse["end_a"].astype(int).to_numpy(),
            "start_b": reuse["start_b"].astype(int).to_numpy(),
            "end_b": reuse["end_b"].astype(int).to_numpy(),
        }
    )
    out["text_a"] = [t[s:e] for t, s, e in zip(text[a], out["start_a"], out["end_a"], strict=True)]
    out["text_b"] = [t[s:e] for t, s, e in zip(text[b], out["start_b"], out["end_b"], strict=True)]
    out["similarity"] = reuse["similarity"].astype(float).round(4).to_numpy()
    out["kind"] = reuse["kind"].to_numpy()
    return out[REUSE_COLUMNS]


def _union_length(starts: np.ndarray, ends: np.ndarray) -> int:
    """Characters covered by the union of [start, end) spans."""
    covered, reach = 0, -1
    for start, end in sorted(zip(starts.tolist(), ends.tolist(), strict=True)):
        covered += max(0, end - max(start, reach))
        reach = max(reach, end)
    return covered


def _copy_pairs(reuse: pd.DataFrame, lengths: pd.Series) -> pd.DataFrame:
    """Per article pair: shared verbatim/near-verbatim text and the copy flag."""
    passages = reuse[reuse["kind"] != "paraphrase"]
    rows = []
    for (a, b), group in passages.groupby(["article_a", "article_b"], sort=False):
        chars_a = _union_length(group["start_a"].to_numpy(), group["end_a"].to_numpy())
        chars_b = _union_length(group["start_b"].to_numpy(), group["end_b"].to_numpy())
        passage_words = group["text_a"].str.split().str.len()
        rows.append(
            (
                a,
                b,
                group["outlet_a"].iloc[0],
                group["outlet_b"].iloc[0],
                len(group),
                chars_a,
                chars_b,
                int(passage_words.sum()),
                chars_a / max(lengths.get(a, 0), 1),
                chars_b / max(lengths.get(b, 0), 1),
                int(passage_words.max()),
            )
        )
    frame = pd.DataFrame(rows, columns=COPY_COLUMNS[:-1])
    frame["shared_copy"] = (frame["longest_words"] >= COPY_PASSAGE_WORDS) | (
        frame[["share_a", "share_b"]].max(axis=1) >= COPY_SHARE
    )
    return frame


def shared_copy(reuse: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per article pair, how much verbatim or near-verbatim text they share.

    Columns ``COPY_COLUMNS``: passage count, shared characters in each article
    (union of spans), shared words, the share of each article's text, the
    longest passage in words, and ``shared_copy``: a passage of at least
    ``COPY_PASSAGE_WORDS`` words, or shared passages covering at least
    ``COPY_SHARE`` of either article — wire copy or syndication rather than a
    quotation or stock phrase both happen to use.
    """
    lengths = articles.set_index("article_id")["text"].str.len()
    return _copy_pairs(reuse, lengths)


def shared_copy_sentences(reuse: pd.DataFrame, sentences: pd.DataFrame) -> set:
    """Sentence ids to discount as copy carried by an earlier-listed article.

    Rule: in every pair flagged ``shared_copy`` the first-listed article
    (``article_a``, the earliest when articles are sorted by time) keeps its
    sentences; a sentence of ``article_b`` lying at least half inside one of
    the pair's verbatim or near-verbatim passages is discounted. A story
    syndicated to three outlets thus counts once, for its first carrier.
    Article length for the share test is the end of its last sentence.
    """
    lengths = sentences.groupby("article_id")["end"].max()
    copies = _copy_pairs(reuse, lengths)
    flagged = copies.loc[copies["shared_copy"], ["article_a", "article_b"]]
    passages = reuse.loc[
        reuse["kind"] != "paraphrase", ["article_a", "article_b", "start_b", "end_b"]
    ]
    spans = sentences[["article_id", "sentence_id", "start", "end"]]
    joined = passages.merge(flagged)[["article_b", "start_b", "end_b"]].merge(
        spans, left_on="article_b", right_on="article_id"
    )
    overlap = np.minimum(joined["end"], joined["end_b"]) - np.maximum(
        joined["start"], joined["start_b"]
    )
    inside = overlap >= 0.5 * (joined["end"] - joined["start"])
    return set(joined.loc[inside, "sentence_id"])
