"""Text reuse between articles: shared copy, near-verbatim passages, paraphrase.

Reuse is reported as passage pairs, character spans in both articles:

- ``verbatim`` / ``near-verbatim``: runs of shared word 5-gram shingles
  (lower-cased, curly apostrophes made straight, punctuation dropped), merged
  across small edits (gaps of up to ``MAX_GAP`` words on both sides). The
  similarity is the Jaccard index of the two spans' shingle sets;
  ``verbatim`` from ``VERBATIM`` (0.9), ``near-verbatim`` below.
- ``paraphrase``: sentence pairs of different articles whose TF-IDF cosine
  reaches ``PARAPHRASE`` (0.5) and that do not lie inside a passage above.

Blocking, and what it costs
---------------------------
Comparing every article with every other is quadratic, so passages are only
aligned on candidate article pairs from three blocking steps, each linear in
the corpus size plus the number of pairs it proposes:

1. MinHash + LSH over *windows* of 40 shingles (stride 20) rather than whole
   articles, so a shared paragraph inside two long, otherwise different
   articles still collides, edits and all. Two windows whose shingle sets
   have Jaccard index J share a bucket in at least one of 32 bands of 3 rows
   with probability 1 - (1 - J^3)^32: 0.58 at J = 0.3, 0.98 at J = 0.5. A
   copied passage of 60 words or more contains window pairs with J >= 0.6 and
   is found with probability above 0.999. Cost: 96 seeded multiply-shift
   hashes per shingle (numpy) and 32 band keys of 8 bytes per window, about
   13 bytes per word of the corpus.
2. Winnowing fingerprints (the minimum shingle hash of every 6 consecutive
   shingles, Schleimer et al. 2003): any verbatim run of 10 words gives both
   articles a common fingerprint, and a run of 16 words at least two. Pairs
   sharing two fingerprints are aligned, so a shared sentence or quotation is
   not missed, while one stock phrase ("did not immediately respond to a
   request for comment") shared by hundreds of articles does not make them
   all candidates. About a third of the shingles become fingerprints; they
   are sorted once to find the articles sharing them.
3. Paraphrase search: sentence TF-IDF cosine with exact prefix filtering
   (Bayardo, Ma and Srikant, "Scaling up all pairs similarity search", WWW
   2007). Terms are ordered rarest first and each sentence is indexed only on
   its prefix of rarest terms such that the rest of its vector has norm below
   the threshold t. Two sentences with cosine >= t must share an indexed term
   in both prefixes, so the sparse product of the prefix matrices, in row
   chunks, yields every such pair while leaving out most occurrences of
   common words, which dominate the cost of a plain product. The pairs it
   proposes grow with the square of a term's frequency, so this step
   dominates on large corpora and at low thresholds.

In steps 1 and 2, a bucket shared by more than ``MAX_BUCKET`` articles is
skipped as boilerplate (sign-up prompts, bylines of a wire service).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import (
    ENGLISH_STOP_WORDS,
    CountVectorizer,
    TfidfTransformer,
)

SHINGLE = 5
WINDOW = 40
BANDS = 32
ROWS = 3
MAX_BUCKET = 100
MAX_GAP = 4
WINNOW = 6
MIN_FINGERPRINTS = 2
MIN_WORDS = 8
VERBATIM = 0.9
PARAPHRASE = 0.5
SEED = 20240301
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

_WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
_STOP_WORDS = ENGLISH_STOP_WORDS - {"no", "not", "never", "nor", "none", "nothing"}
_MIX = np.uint64(0x9E3779B97F4A7C15)
_CHUNK = 2048


def tokens(text: str) -> list[str]:
    """Normalised word tokens of ``text``: lower case, curly apostrophes straight."""
    return [t.lower().replace("’", "'") for t in _WORD_RE.findall(text)]


def word_spans(text: str) -> np.ndarray:
    """(start, end) offsets of the tokens of ``text``, one row per token."""
    spans = [m.span() for m in _WORD_RE.finditer(text)]
    return np.array(spans, dtype=np.int64).reshape(-1, 2)


def shingle_hashes(words: Sequence[str], k: int = SHINGLE) -> np.ndarray:
    """64-bit hashes of the word k-grams of ``words`` (stable across runs)."""
    n = len(words) - k + 1
    if n <= 0:
        return np.empty(0, dtype=np.uint64)
    ids = np.fromiter((zlib.crc32(t.encode()) for t in words), dtype=np.uint64, count=len(words))
    hashes = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        hashes = hashes * _MIX + ids[j : j + n]
    return hashes


def _hash_family(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Seeded multiply-shift hash parameters, one (a, b) per MinHash row."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 2**64, size=n, dtype=np.uint64, endpoint=False) | np.uint64(1)
    b = rng.integers(0, 2**64, size=n, dtype=np.uint64, endpoint=False)
    return a, b


def window_signatures(
    hashes: np.ndarray, a: np.ndarray, b: np.ndarray, window: int = WINDOW
) -> np.ndarray:
    """MinHash signatures of overlapping windows (stride ``window // 2``)."""
    values = ((hashes[:, None] * a + b) >> np.uint64(32)).astype(np.uint32)
    starts = np.arange(0, len(hashes), max(window // 2, 1))
    blocks = np.minimum.reduceat(values, starts, axis=0)
    if len(blocks) == 1:
        return blocks
    return np.minimum(blocks[:-1], blocks[1:])


def _band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """One 64-bit bucket key per (window, band)."""
    parts = signatures[:, : bands * rows].astype(np.uint64)
    parts = parts.reshape(len(signatures), bands, rows)
    keys = np.zeros((len(signatures), bands), dtype=np.uint64)
    for r in range(rows):
        keys = keys * _MIX + parts[:, :, r]
    return keys


def _bucket_pairs(keys: np.ndarray, owners: np.ndarray, max_bucket: int) -> np.ndarray:
    """Pairs (i < j) of documents sharing a bucket of one band."""
    order = np.lexsort((owners, keys))
    keys, owners = keys[order], owners[order]
    distinct = np.r_[True, (keys[1:] != keys[:-1]) | (owners[1:] != owners[:-1])]
    keys, owners = keys[distinct], owners[distinct]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    sizes = np.diff(np.r_[starts, len(keys)])
    twos = starts[sizes == 2]
    pairs = [np.stack([owners[twos], owners[twos + 1]], axis=1)]
    for start, size in zip(starts, sizes, strict=True):
        if 2 < size <= max_bucket:
            members = owners[start : start + size]
            i, j = np.triu_indices(size, 1)
            pairs.append(np.stack([members[i], members[j]], axis=1))
    return np.concatenate(pairs)


def candidate_pairs(
    hashes: Sequence[np.ndarray],
    *,
    window: int = WINDOW,
    bands: int = BANDS,
    rows: int = ROWS,
    max_bucket: int = MAX_BUCKET,
    seed: int = SEED,
) -> np.ndarray:
    """Document pairs (i < j) whose shingle windows collide in MinHash LSH.

    ``hashes`` holds one shingle-hash array per document; the result is an
    ``(n, 2)`` array of document positions, sorted.
    """
    a, b = _hash_family(bands * rows, seed)
    keys, owners = [], []
    for doc, doc_hashes in enumerate(hashes):
        if len(doc_hashes):
            signatures = window_signatures(doc_hashes, a, b, window)
            keys.append(_band_keys(signatures, bands, rows))
            owners.append(np.full(len(signatures), doc, dtype=np.int64))
    if not keys:
        return np.empty((0, 2), dtype=np.int64)
    key_matrix, owner = np.vstack(keys), np.concatenate(owners)
    pairs = [_bucket_pairs(key_matrix[:, band], owner, max_bucket) for band in range(bands)]
    return np.unique(np.concatenate(pairs), axis=0).reshape(-1, 2)


def winnow(hashes: np.ndarray, window: int = WINNOW) -> np.ndarray:
    """Winnowing fingerprints: the minimum hash of every ``window`` shingles.

    Any verbatim run of ``window + SHINGLE - 1`` words shared by two documents
    yields a fingerprint both have (Schleimer, Wilkerson and Aiken, 2003).
    """
    if len(hashes) <= window:
        return hashes.min(keepdims=True) if len(hashes) else hashes
    windows = np.lib.stride_tricks.sliding_window_view(hashes, window)
    return np.unique(windows.min(axis=1))


def fingerprint_pairs(
    hashes: Sequence[np.ndarray], min_shared: int = MIN_FINGERPRINTS, max_bucket: int = MAX_BUCKET
) -> np.ndarray:
    """Document pairs (i < j) sharing at least ``min_shared`` winnowing fingerprints."""
    prints = [winnow(doc_hashes) for doc_hashes in hashes]
    owners = np.repeat(np.arange(len(prints)), [len(p) for p in prints])
    if not len(owners):
        return np.empty((0, 2), dtype=np.int64)
    pairs = _bucket_pairs(np.concatenate(prints), owners, max_bucket)
    pairs, shared = np.unique(pairs, axis=0, return_counts=True)
    return pairs[shared >= min_shared].reshape(-1, 2)


def _matches(ha: np.ndarray, hb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """All shingle positions (i, j) with ``ha[i] == hb[j]``."""
    common = np.intersect1d(ha, hb)
    ia = np.flatnonzero(np.isin(ha, common))
    jb = np.flatnonzero(np.isin(hb, common))
    jb = jb[np.argsort(hb[jb], kind="stable")]
    lo = np.searchsorted(hb[jb], ha[ia], side="left")
    counts = np.searchsorted(hb[jb], ha[ia], side="right") - lo
    first = np.repeat(lo - np.cumsum(counts) + counts, counts)
    return np.repeat(ia, counts), jb[first + np.arange(counts.sum())]


def _runs(i: np.ndarray, j: np.ndarray, k: int) -> np.ndarray:
    """Maximal diagonal runs of matched shingles as word ranges (a0, a1, b0, b1)."""
    order = np.lexsort((i, j - i))
    i, j = i[order], j[order]
    breaks = np.r_[True, (j[1:] - i[1:] != j[:-1] - i[:-1]) | (i[1:] != i[:-1] + 1)]
    starts = np.flatnonzero(breaks)
    ends = np.r_[starts[1:], len(i)] - 1
    runs = np.stack([i[starts], i[ends] + k, j[starts], j[ends] + k], axis=1)
    return runs[np.lexsort((runs[:, 2], runs[:, 0]))]


def _merge(runs: np.ndarray, k: int, max_gap: int) -> list[list[int]]:
    """Chain runs separated by small edits on both sides into passages."""
    passages: list[list[int]] = []
    for a0, a1, b0, b1 in runs.tolist():
        last = passages[-1] if passages else None
        if last and -k < a0 - last[1] <= max_gap and -k < b0 - last[3] <= max_gap:
            last[1], last[3] = max(last[1], a1), max(last[3], b1)
        else:
            passages.append([a0, a1, b0, b1])
    return passages


def _jaccard(x: np.ndarray, y: np.ndarray) -> float:
    """Jaccard index of two hash arrays taken as sets."""
    union = np.union1d(x, y).size
    return np.intersect1d(x, y).size / union if union else 0.0


def align(
    ha: np.ndarray,
    hb: np.ndarray,
    *,
    k: int = SHINGLE,
    max_gap: int = MAX_GAP,
    min_words: int = MIN_WORDS,
) -> list[tuple[int, int, int, int, float]]:
    """Shared passages of two shingle sequences.

    Returns word ranges ``(a0, a1, b0, b1)`` (end exclusive) and the Jaccard
    similarity of the two ranges' shingles, for passages of at least
    ``min_words`` words on both sides.
    """
    i, j = _matches(ha, hb)
    if not len(i):
        return []
    out = []
    for a0, a1, b0, b1 in _merge(_runs(i, j, k), k, max_gap):
        if a1 - a0 >= min_words and b1 - b0 >= min_words:
            similarity = _jaccard(ha[a0 : a1 - k + 1], hb[b0 : b1 - k + 1])
            out.append((a0, a1, b0, b1, similarity))
    return out


def terms(text: str) -> list[str]:
    """Content words and word bigrams: the features sentences are compared on.

    Bigrams are taken before stop words are dropped (only stop-word pairs are
    skipped), so short shared phrases such as "no limits" or "12-point plan"
    count even though "no" and "12" alone say little. Negations are kept.
    """
    words = [t.removesuffix("'s") for t in tokens(text)]
    stop = [t in _STOP_WORDS or (len(t) < 2 and not t.isdigit()) for t in words]
    unigrams = [t for t, s in zip(words, stop, strict=True) if not s]
    bigrams = [
        f"{x} {y}"
        for x, y, sx, sy in zip(words, words[1:], stop, stop[1:], strict=False)
        if not (sx and sy)
    ]
    return unigrams + bigrams


def tfidf(texts: Sequence[str], groups: Sequence[int] | None = None) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows over ``terms`` (sublinear tf).

    With ``groups`` (the article of each text), only terms used in at least
    two articles are kept: a term one article alone uses cannot show shared
    content, and dropping it keeps long sentences comparable by what they do
    share.
    """
    try:
        counts = CountVectorizer(analyzer=terms).fit_transform(texts).tocsr()
    except ValueError:  # no term in any text
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32)
    if groups is not None:
        codes = pd.factorize(np.asarray(groups))[0]
        owner = sparse.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))))
        n_articles = np.asarray(((owner @ (counts > 0)) > 0).sum(axis=0)).ravel()
        counts = counts[:, n_articles >= 2]
        if counts.shape[1] == 0:  # no term shared by two articles
            return sparse.csr_matrix((len(texts), 1), dtype=np.float32)
    weights = TfidfTransformer(sublinear_tf=True).fit_transform(counts)
    return weights.astype(np.float32).tocsr()


def _prefix(matrix: sparse.csr_matrix, threshold: float):
    """Split rows into indexed prefix (rarest terms) and suffix norms.

    The suffix of a row is its largest set of most common terms whose norm
    stays below ``threshold``; the rest is the prefix that gets indexed.
    """
    n_rows = matrix.shape[0]
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    commonness = np.empty_like(df)
    commonness[np.argsort(-df, kind="stable")] = np.arange(len(df))
    row = np.repeat(np.arange(n_rows), np.diff(matrix.indptr))
    order = np.lexsort((commonness[matrix.indices], row))
    squares = matrix.data[order].astype(np.float64) ** 2
    cumulative = np.cumsum(squares)
    row_start = np.r_[0.0, cumulative][matrix.indptr[:-1]]
    in_suffix = cumulative - row_start[row] < threshold**2
    data = matrix.data.copy()
    data[order[in_suffix]] = 0
    prefix = sparse.csr_matrix((data, matrix.indices.copy(), matrix.indptr.copy()), matrix.shape)
    prefix.eliminate_zeros()
    suffix_norm = np.sqrt(
        np.bincount(row, weights=np.where(in_suffix, squares, 0.0), minlength=n_rows)
    )
    return prefix, suffix_norm


def candidate_chunks(
    matrix: sparse.csr_matrix, groups: np.ndarray, threshold: float
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Candidate row pairs of ``sentence_candidates``, one chunk of rows at a time.

    Lets callers filter or count candidates without holding them all.
    """
    prefix, suffix_norm = _prefix(matrix, threshold)
    prefix_t = prefix.T.tocsr()
    for start in range(0, matrix.shape[0], _CHUNK):
        block = (prefix[start : start + _CHUNK] @ prefix_t).tocoo()
        r, c = block.row + start, block.col
        keep = (c > r) & (groups[r] != groups[c])
        keep &= block.data + suffix_norm[r] + suffix_norm[c] >= threshold
        yield r[keep], c[keep]


def sentence_candidates(
    matrix: sparse.csr_matrix, groups: np.ndarray, threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """Row pairs (i < j, different groups) that may reach cosine ``threshold``.

    Exact prefix filtering: no pair at or above the threshold is missed.
    """
    chunks = list(candidate_chunks(matrix, groups, threshold))
    empty = np.empty(0, dtype=np.int64)
    return (
        np.concatenate([r for r, _ in chunks] or [empty]),
        np.concatenate([c for _, c in chunks] or [empty]),
    )


def _row_dots(
    matrix: sparse.csr_matrix, rows: np.ndarray, cols: np.ndarray, chunk: int = 100_000
) -> np.ndarray:
    """Dot products of the row pairs (rows[k], cols[k]), in chunks."""
    out = np.empty(len(rows), dtype=np.float64)
    for s in range(0, len(rows), chunk):
        left, right = matrix[rows[s : s + chunk]], matrix[cols[s : s + chunk]]
        out[s : s + chunk] = np.asarray(left.multiply(right).sum(axis=1)).ravel()
    return out


def similar_sentences(
    texts: Sequence[str],
    groups: Sequence[int],
    threshold: float,
    shared_terms: bool = False,
) -> pd.DataFrame:
    """Pairs of texts from different groups with TF-IDF cosine >= threshold.

    Columns: i, j (positions in ``texts``, i < j) and similarity. With
    ``shared_terms``, vectors keep only terms of several groups (see ``tfidf``).
    """
    matrix = tfidf(texts, groups if shared_terms else None)
    found = []
    for rows, cols in candidate_chunks(matrix, np.asarray(groups), threshold):
        similarity = _row_dots(matrix, rows, cols)
        keep = similarity >= threshold - 1e-6
        found.append(
            pd.DataFrame({"i": rows[keep], "j": cols[keep], "similarity": similarity[keep]})
        )
    columns = {"i": np.empty(0, dtype=np.int64), "j": np.empty(0, dtype=np.int64), "similarity": []}
    return pd.concat(found, ignore_index=True) if found else pd.DataFrame(columns)


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
    passages = reuse[reuse["kind"] != "paraphrase"].merge(flagged)
    joined = passages.merge(sentences, left_on="article_b", right_on="article_id")
    overlap = np.minimum(joined["end"], joined["end_b"]) - np.maximum(
        joined["start"], joined["start_b"]
    )
    inside = overlap >= 0.5 * (joined["end"] - joined["start"])
    return set(joined.loc[inside, "sentence_id"])
