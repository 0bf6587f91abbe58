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
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis.overlap.passages import (
    SHINGLE,
    align,
    candidate_pairs,
    fingerprint_pairs,
    shingle_hashes,
    sorted_hashes,
    winnow,
    word_spans,
)
from analysis.overlap.sentence_similarity import (
    candidate_chunks,
    consecutive_runs,
    sentence_candidates,
    similar_sentences,
    terms,
    tfidf,
    tokens,
)

if TYPE_CHECKING:
    from analysis.store.stored_framing import Mapper

__all__ = [
    "COPY_COLUMNS",
    "PARAPHRASE",
    "REUSE_COLUMNS",
    "SHINGLE",
    "VERBATIM",
    "align",
    "candidate_chunks",
    "candidate_pairs",
    "consecutive_runs",
    "copy_passages",
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
    texts: Sequence[str],
    hashes: Sequence[np.ndarray],
    pairs: np.ndarray,
    run: Mapper = map,
    parts: int = 1,
) -> pd.DataFrame:
    """Verbatim and near-verbatim passages of the candidate article pairs.

    The pairs are aligned in ``parts`` runs of consecutive pairs of about equal
    cost (the shingles of both articles), each run a task of ``run`` given the
    texts and shingles of its articles alone; the rows come back in pair order.
    """
    frames = run(_aligned, _alignment_tasks(texts, hashes, pairs, parts))
    found = [frame for frame in frames if len(frame)]
    frame = pd.concat(found, ignore_index=True) if found else _aligned(([], {}, {}))
    frame["kind"] = np.where(frame["similarity"] >= VERBATIM, "verbatim", "near-verbatim")
    return frame


_PASSAGE_COLUMNS = ["a", "b", "start_a", "end_a", "start_b", "end_b", "similarity"]

AlignmentTask = tuple[np.ndarray, dict[int, np.ndarray], dict[int, str]]
"""Article pairs to align, and the shingle hashes and text of each of their articles."""


def _alignment_tasks(
    texts: Sequence[str], hashes: Sequence[np.ndarray], pairs: np.ndarray, parts: int
) -> list[AlignmentTask]:
    """``pairs`` cut into at most ``parts`` runs of about equal alignment cost."""
    if not len(pairs):
        return []
    lengths = np.array([len(h) for h in hashes], dtype=np.int64)
    total = np.cumsum(lengths[pairs[:, 0]] + lengths[pairs[:, 1]] + 1)
    cuts = np.searchsorted(total, total[-1] * np.arange(1, max(parts, 1)) / max(parts, 1))
    tasks = []
    for chunk in np.split(pairs, np.unique(cuts)):
        if len(chunk):
            docs = np.unique(chunk).tolist()
            tasks.append((chunk, {d: hashes[d] for d in docs}, {d: texts[d] for d in docs}))
    return tasks


def _aligned(task: AlignmentTask) -> pd.DataFrame:
    """The passages of one task's article pairs (columns ``_PASSAGE_COLUMNS``), in pair
    order: word ranges turned into character offsets."""
    pairs, hashes, texts = task
    spans: dict[int, np.ndarray] = {}
    ordered: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    rows = []
    for a, b in np.asarray(pairs, dtype=np.int64).reshape(-1, 2).tolist():
        if b not in ordered:
            ordered[b] = sorted_hashes(hashes[b])
        for a0, a1, b0, b1, similarity in align(hashes[a], hashes[b], sorted_b=ordered[b]):
            for doc in (a, b):
                if doc not in spans:
                    spans[doc] = word_spans(texts[doc])
            sa, sb = spans[a], spans[b]
            rows.append((a, b, sa[a0, 0], sa[a1 - 1, 1], sb[b0, 0], sb[b1 - 1, 1], similarity))
    return pd.DataFrame(rows, columns=_PASSAGE_COLUMNS)


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
    spans = passages[["a", "b", "start_a", "end_a", "start_b", "end_b"]]
    per_pair = spans.groupby(["a", "b"]).size()
    joins = per_pair.reindex(pd.MultiIndex.from_frame(frame[["a", "b"]])).fillna(0).to_numpy()
    total = np.cumsum(joins)
    cuts = np.searchsorted(total, np.arange(_EXPANDED, total[-1] if len(total) else 0, _EXPANDED))
    inside = [
        _inside_passages(frame.iloc[chunk], spans)
        for chunk in np.split(np.arange(len(frame)), np.unique(cuts))
    ]
    return frame[~frame.index.isin(np.concatenate(inside))]


def _inside_passages(frame: pd.DataFrame, spans: pd.DataFrame) -> np.ndarray:
    """Index labels of the sentence pairs of ``frame`` at least half inside a passage
    (on either side) of their article pair."""
    joined = frame.reset_index(names="row").merge(spans, on=["a", "b"], suffixes=("", "_p"))
    inside = np.zeros(len(joined), dtype=bool)
    for side in ("a", "b"):
        start, end = joined[f"start_{side}"], joined[f"end_{side}"]
        overlap = np.minimum(end, joined[f"end_{side}_p"]) - np.maximum(
            start, joined[f"start_{side}_p"]
        )
        inside |= (overlap >= 0.5 * (end - start)).to_numpy()
    return joined.loc[inside, "row"].to_numpy()


def reuse_pairs(
    articles: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    paraphrase: float = PARAPHRASE,
    story: pd.Series | None = None,
    run: Mapper = map,
    parts: int = 1,
) -> pd.DataFrame:
    """Reused passages between articles (columns ``REUSE_COLUMNS``).

    ``article_a`` is always the one listed first in ``articles`` (sort it by
    publication time to make "first" mean "earliest"). Passages are aligned
    on article pairs from MinHash LSH, winnowing fingerprints and paraphrase
    pairs; paraphrases are sentence pairs with TF-IDF cosine >=
    ``paraphrase`` outside those passages, of articles of one story when ``story``
    (article id -> story) is given: across stories a short sentence's paraphrase is
    chance ("No." / "No?"), and the search grows with the stories, not with the square
    of the corpus. Copies are found across stories. ``run`` maps the shingling, the
    sentences' term counts and the alignment over ``parts`` tasks each (a
    process pool's map, Dask's): the same tables as one process.
    """
    articles = articles.reset_index(drop=True)
    texts = articles["text"].tolist()
    hashes = [h for part in run(_shingled, consecutive_runs(texts, parts)) for h in part]
    doc_of = pd.Series(np.arange(len(articles)), index=articles["article_id"])
    columns = ["article_id", "start", "end", "text"]  # not a copy of every column
    sentences = sentences.loc[sentences["article_id"].isin(doc_of.index), columns]
    sentences = sentences.assign(doc=doc_of.loc[sentences["article_id"]].to_numpy())
    sentences = sentences.reset_index(drop=True)
    docs = sentences["doc"].to_numpy()
    blocks = (
        None
        if story is None
        else sentences["article_id"].map(story).fillna(sentences["article_id"]).to_numpy()
    )
    similar = similar_sentences(
        sentences["text"].tolist(), docs, paraphrase, run=run, parts=parts, blocks=blocks
    )
    by_sentence = np.sort(
        np.stack([docs[similar["i"].to_numpy()], docs[similar["j"].to_numpy()]], 1), 1
    )
    blocked = [candidate_pairs(hashes), fingerprint_pairs(hashes), by_sentence]
    pairs = np.unique(np.vstack(blocked), axis=0).astype(np.int64)
    passages = _passage_rows(texts, hashes, pairs, run, parts)
    reuse = pd.concat([passages, _paraphrase_rows(similar, sentences, passages)], ignore_index=True)
    return _with_articles(reuse, articles)


def _shingled(texts: Sequence[str]) -> list[np.ndarray]:
    """The shingle hashes of each text (a task: plain arguments, plain result)."""
    return [shingle_hashes(tokens(text)) for text in texts]


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


def _union_lengths(group: np.ndarray, starts: np.ndarray, ends: np.ndarray, n: int) -> np.ndarray:
    """Per group 0..n-1, the characters covered by the union of its [start, end) spans.

    Spans sorted by start within each group; each adds what reaches past the
    furthest end of the group's earlier spans.
    """
    order = np.lexsort((ends, starts, group))
    group, starts, ends = group[order], starts[order], ends[order]
    reach = pd.Series(ends).groupby(group).cummax().to_numpy()
    first = np.r_[True, group[1:] != group[:-1]]
    before = np.where(first, -1, np.r_[-1, reach[:-1]])
    added = np.maximum(0, ends - np.maximum(starts, before))
    return np.bincount(group, weights=added, minlength=n).astype(np.int64)


def copy_passages(reuse: pd.DataFrame) -> pd.DataFrame:
    """Per article pair with verbatim or near-verbatim passages, what they share.

    Columns ``COPY_COLUMNS`` up to ``shared_words`` and ``longest_words``,
    pairs in order of first appearance in ``reuse``. Computed once, shared by
    ``shared_copy`` and ``shared_copy_sentences`` (which measure articles
    differently).
    """
    passages = reuse[reuse["kind"] != "paraphrase"]
    grouped = passages.groupby(["article_a", "article_b"], sort=False)
    group = grouped.ngroup().to_numpy()
    n = grouped.ngroups
    words = passages["text_a"].astype(str).str.split().str.len().to_numpy(dtype=np.int64)
    first = np.unique(group, return_index=True)[1]
    chars = {
        side: _union_lengths(
            group, passages[f"start_{side}"].to_numpy(), passages[f"end_{side}"].to_numpy(), n
        )
        for side in ("a", "b")
    }
    longest = np.zeros(n, dtype=np.int64)
    np.maximum.at(longest, group, words)
    return pd.DataFrame(
        {
            "article_a": passages["article_a"].to_numpy()[first],
            "article_b": passages["article_b"].to_numpy()[first],
            "outlet_a": passages["outlet_a"].to_numpy()[first],
            "outlet_b": passages["outlet_b"].to_numpy()[first],
            "n_passages": np.bincount(group, minlength=n).astype(np.int64),
            "shared_chars_a": chars["a"],
            "shared_chars_b": chars["b"],
            "shared_words": np.bincount(group, weights=words, minlength=n).astype(np.int64),
            "longest_words": longest,
        }
    )


def _flag_copies(passages: pd.DataFrame, lengths: pd.Series) -> pd.DataFrame:
    """``copy_passages`` with each article's share (of ``lengths``) and the copy flag."""
    frame = passages.copy()
    for side in ("a", "b"):
        length = lengths.reindex(frame[f"article_{side}"]).fillna(0).to_numpy()
        frame[f"share_{side}"] = frame[f"shared_chars_{side}"] / np.maximum(length, 1)
    frame["shared_copy"] = (frame["longest_words"] >= COPY_PASSAGE_WORDS) | (
        frame[["share_a", "share_b"]].max(axis=1) >= COPY_SHARE
    )
    return frame[COPY_COLUMNS]


def shared_copy(
    reuse: pd.DataFrame, articles: pd.DataFrame, passages: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Per article pair, how much verbatim or near-verbatim text they share.

    Columns ``COPY_COLUMNS``: passage count, shared characters in each article
    (union of spans), shared words, the share of each article's text, the
    longest passage in words, and ``shared_copy``: a passage of at least
    ``COPY_PASSAGE_WORDS`` words, or shared passages covering at least
    ``COPY_SHARE`` of either article — wire copy or syndication rather than a
    quotation or stock phrase both happen to use. ``passages``: ``copy_passages``
    of ``reuse``, when already computed.
    """
    lengths = articles.set_index("article_id")["text"].str.len()
    return _flag_copies(copy_passages(reuse) if passages is None else passages, lengths)


def shared_copy_sentences(
    reuse: pd.DataFrame, sentences: pd.DataFrame, passages: pd.DataFrame | None = None
) -> set:
    """Sentence ids to discount as copy carried by an earlier-listed article.

    Rule: in every pair flagged ``shared_copy`` the first-listed article
    (``article_a``, the earliest when articles are sorted by time) keeps its
    sentences; a sentence of ``article_b`` lying at least half inside one of
    the pair's verbatim or near-verbatim passages is discounted. A story
    syndicated to three outlets thus counts once, for its first carrier.
    Article length for the share test is the end of its last sentence.
    ``passages``: ``copy_passages`` of ``reuse``, when already computed.
    """
    lengths = sentences.groupby("article_id")["end"].max()
    copies = _flag_copies(copy_passages(reuse) if passages is None else passages, lengths)
    flagged = copies.loc[copies["shared_copy"], ["article_a", "article_b"]]
    spans = reuse.loc[reuse["kind"] != "paraphrase", ["article_a", "article_b", "start_b", "end_b"]]
    spans = spans.merge(flagged)
    return _sentences_inside(spans, sentences)


_EXPANDED = 2_000_000  # most (passage, sentence) rows compared at once


def _sentences_inside(passages: pd.DataFrame, sentences: pd.DataFrame) -> set:
    """Ids of sentences of ``article_b`` at least half inside one of its passages.

    Each passage is compared with its article's sentences, at most about
    ``_EXPANDED`` (passage, sentence) rows at a time.
    """
    codes, names = pd.factorize(sentences["article_id"])
    order = np.argsort(codes, kind="stable")
    first = np.searchsorted(codes[order], np.arange(len(names)))
    where = pd.Index(names).get_indexer(passages["article_b"])
    known = where >= 0
    lo = first[where[known]]
    sizes = np.bincount(codes, minlength=len(names))[where[known]]
    start_b = passages["start_b"].to_numpy()[known]
    end_b = passages["end_b"].to_numpy()[known]
    start = sentences["start"].to_numpy()[order]
    end = sentences["end"].to_numpy()[order]
    sentence_id = sentences["sentence_id"].to_numpy()[order]
    total = np.cumsum(sizes)
    cuts = np.searchsorted(total, np.arange(_EXPANDED, total[-1] if len(total) else 0, _EXPANDED))
    found: set = set()
    for chunk in np.split(np.arange(len(sizes)), cuts):
        n = sizes[chunk]
        passage = np.repeat(chunk, n)
        row = np.repeat(lo[chunk] - np.cumsum(n) + n, n) + np.arange(n.sum())
        s, e = start[row], end[row]
        overlap = np.minimum(e, end_b[passage]) - np.maximum(s, start_b[passage])
        found.update(sentence_id[row[overlap >= 0.5 * (e - s)]].tolist())
    return found
