"""Shared passages between articles: word shingles, blocking, alignment.

A passage shared by two articles is a run of shared word 5-gram shingles
(lower-cased, curly apostrophes made straight, punctuation dropped), merged
across small edits (gaps of up to ``MAX_GAP`` words on both sides); its
similarity is the Jaccard index of the two spans' shingle sets.

Passages are only aligned on candidate article pairs, from two blocking steps
linear in the corpus size plus the number of pairs they propose
(``analysis.overlap.reuse`` adds the pairs of similar sentences):

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

In both steps, a bucket shared by more than ``MAX_BUCKET`` articles is
skipped as boilerplate (sign-up prompts, bylines of a wire service).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np

from analysis.overlap.sentence_similarity import WORD_RE

SHINGLE = 5
WINDOW = 40
BANDS = 32
ROWS = 3
MAX_BUCKET = 100
MAX_GAP = 4
WINNOW = 6
MIN_FINGERPRINTS = 2
MIN_WORDS = 8
SEED = 20240301

_MIX = np.uint64(0x9E3779B97F4A7C15)


def word_spans(text: str) -> np.ndarray:
    """(start, end) offsets of the tokens of ``text``, one row per token."""
    spans = [m.span() for m in WORD_RE.finditer(text)]
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
    wide = (sizes > 2) & (sizes <= max_bucket)
    for start, size in zip(starts[wide].tolist(), sizes[wide].tolist(), strict=True):
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


def sorted_hashes(hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``hashes`` sorted, and the position of each sorted value (stable)."""
    order = np.argsort(hashes, kind="stable")
    return hashes[order], order


def _matches(
    ha: np.ndarray, hb: np.ndarray, sorted_b: tuple[np.ndarray, np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """All shingle positions (i, j) with ``ha[i] == hb[j]`` (in no particular order).

    ``sorted_b``: ``sorted_hashes(hb)``, when a caller aligns ``hb`` with many
    documents and sorts it once.
    """
    values, order = sorted_b if sorted_b is not None else sorted_hashes(hb)
    lo = np.searchsorted(values, ha, side="left")
    counts = np.searchsorted(values, ha, side="right") - lo
    found = np.flatnonzero(counts)
    lo, counts = lo[found], counts[found]
    first = np.repeat(lo - np.cumsum(counts) + counts, counts)
    return np.repeat(found, counts), order[first + np.arange(counts.sum())]


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
    sorted_b: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[tuple[int, int, int, int, float]]:
    """Shared passages of two shingle sequences.

    Returns word ranges ``(a0, a1, b0, b1)`` (end exclusive) and the Jaccard
    similarity of the two ranges' shingles, for passages of at least
    ``min_words`` words on both sides. ``sorted_b``: ``sorted_hashes(hb)``, if known.
    """
    i, j = _matches(ha, hb, sorted_b)
    if not len(i):
        return []
    out = []
    for a0, a1, b0, b1 in _merge(_runs(i, j, k), k, max_gap):
        if a1 - a0 >= min_words and b1 - b0 >= min_words:
            similarity = _jaccard(ha[a0 : a1 - k + 1], hb[b0 : b1 - k + 1])
            out.append((a0, a1, b0, b1, similarity))
    return out
