"""Sentence similarity: content terms, TF-IDF rows, and the blocked search for similar pairs.

Similar sentences are found by TF-IDF cosine with exact prefix filtering
(Bayardo, Ma and Srikant, "Scaling up all pairs similarity search", WWW
2007). Terms are ordered rarest first and each sentence is indexed only on
its prefix of rarest terms such that the rest of its vector has norm below
the threshold t. Two sentences with cosine >= t must share an indexed term
in both prefixes, so the sparse product of the prefix matrices, in row
chunks, yields every such pair while leaving out most occurrences of common
words, which dominate the cost of a plain product. The pairs it proposes
grow with the square of a term's frequency, so this step dominates on large
corpora and at low thresholds.
"""

from __future__ import annotations

import itertools
import re
from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.emphasis.terms import sublinear_tfidf
from analysis.stop_words import ENGLISH_STOP_WORDS

if TYPE_CHECKING:
    from analysis.store.stored_framing import Mapper

WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
STOP_WORDS = ENGLISH_STOP_WORDS - {"no", "not", "never", "nor", "none", "nothing"}
STEM = 6
_CHUNK = 2048


def tokens(text: str) -> list[str]:
    """Normalised word tokens of ``text``: lower case, curly apostrophes straight."""
    return [t.lower().replace("’", "'") for t in WORD_RE.findall(text)]


def terms(text: str, stem: int | None = None, stop_words: frozenset[str] = STOP_WORDS) -> list[str]:
    """Content words and word bigrams: the features sentences are compared on.

    Bigrams are taken before stop words are dropped (only stop-word pairs are
    skipped), so short shared phrases such as "no limits" or "12-point plan"
    count even though "no" and "12" alone say little. Negations are kept.
    With ``stem``, words are cut to that many letters (truncation stemming: "refugees"
    and "refugee", "nominated" and "nomination" become one term; it needs no word list
    and matches as well as suffix rules).
    """
    words = [t.removesuffix("'s") for t in tokens(text)]
    stop = [t in stop_words or (len(t) < 2 and not t.isdigit()) for t in words]
    if stem:
        words = [t[:stem] for t in words]
    unigrams = [t for t, s in zip(words, stop, strict=True) if not s]
    bigrams = [
        f"{x} {y}"
        for x, y, sx, sy in zip(words, words[1:], stop, stop[1:], strict=False)
        if not (sx and sy)
    ]
    return unigrams + bigrams


def consecutive_runs(items: Sequence, parts: int) -> list[Sequence]:
    """``items`` cut into at most ``parts`` runs of consecutive items of about equal size."""
    size = -(-len(items) // max(parts, 1)) or 1
    return [items[k : k + size] for k in range(0, len(items), size)]


def term_counts(
    texts: Sequence[str],
    analyzer: Callable[[str], list[str]] = terms,
    run: Mapper = map,
    parts: int = 1,
) -> sparse.csr_matrix:
    """Counts of ``analyzer``'s terms per text, columns in sorted term order.

    The matrix scikit-learn's ``CountVectorizer(analyzer=analyzer)`` gives, held in
    int32 indices and float64 counts rather than int64 copies: on 563 k sentences the
    vectorizer's arrays cost more than its vocabulary. ``run`` counts ``parts`` runs
    of consecutive texts as tasks (the terms of a text are its own); their
    vocabularies are then joined, so the matrix is the same as one task's.
    """
    tasks = [(run_of, analyzer) for run_of in consecutive_runs(texts, parts)]
    vocabulary: dict[str, int] = {}
    columns, indptr = [], [np.zeros(1, dtype=np.int64)]
    for names, local, ends in run(_local_counts, tasks):
        code = np.fromiter(
            (vocabulary.setdefault(term, len(vocabulary)) for term in names),
            dtype=np.int32,
            count=len(names),
        )
        columns.append(code[local])
        indptr.append(ends[1:] + indptr[-1][-1])
        del names, local, code
    names = np.array(list(vocabulary), dtype=object)
    n_terms = len(names)
    del vocabulary
    rank = np.empty(len(names), dtype=np.int32)
    rank[np.argsort(names, kind="stable")] = np.arange(len(names), dtype=np.int32)
    del names
    indices = rank[np.concatenate(columns or [np.empty(0, dtype=np.int32)])]
    del columns, rank
    counts = sparse.csr_matrix(
        (np.ones(len(indices)), indices, np.concatenate(indptr)), shape=(len(texts), n_terms)
    )
    counts.sum_duplicates()  # also sorts each row's columns
    return counts


def _local_counts(
    task: tuple[Sequence[str], Callable[[str], list[str]]],
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """One task of ``term_counts``: its texts' terms in order of first use, and per
    term occurrence that term's number among them, with each text's end offset."""
    texts, analyzer = task
    vocabulary: dict[str, int] = {}
    columns = array("i")
    indptr = array("q", [0])
    for text in texts:
        columns.extend([vocabulary.setdefault(term, len(vocabulary)) for term in analyzer(text)])
        indptr.append(len(columns))
    return (
        list(vocabulary),
        np.frombuffer(columns, dtype=np.int32),
        np.frombuffer(indptr, dtype=np.int64),
    )


def tfidf(
    texts: Sequence[str],
    groups: Sequence[int] | None = None,
    analyzer: Callable[[str], list[str]] = terms,
    run: Mapper = map,
    parts: int = 1,
) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows over ``analyzer``'s terms (sublinear tf).

    With ``groups`` (the article of each text), only terms used in at least
    two articles are kept: a term one article alone uses cannot show shared
    content, and dropping it keeps long sentences comparable by what they do
    share. ``run`` and ``parts``: how terms are counted (``term_counts``).
    """
    counts = term_counts(texts, analyzer, run, parts)
    if counts.shape[1] == 0:  # no term in any text
        return sparse.csr_matrix((len(texts), 1), dtype=np.float32)
    if groups is not None:
        codes = pd.factorize(np.asarray(groups))[0]
        owner = sparse.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))))
        n_articles = np.asarray(((owner @ (counts > 0)) > 0).sum(axis=0)).ravel()
        counts = counts[:, n_articles >= 2]
        if counts.shape[1] == 0:  # no term shared by two articles
            return sparse.csr_matrix((len(texts), 1), dtype=np.float32)
    return sparse.csr_matrix(sublinear_tfidf(counts), dtype=np.float32)


def _prefix(matrix: sparse.csr_matrix, threshold: float):
    """Split rows into indexed prefix (rarest terms) and suffix norms.

    The suffix of a row is its largest set of most common terms whose norm
    stays below ``threshold``; the rest is the prefix that gets indexed.
    Index arrays are int32 and each is freed once used: on 16 M entries every
    array of the entries costs 64-128 MB.
    """
    n_rows = matrix.shape[0]
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    commonness = np.empty(len(df), dtype=np.int32)
    commonness[np.argsort(-df, kind="stable")] = np.arange(len(df), dtype=np.int32)
    del df
    row = np.repeat(np.arange(n_rows, dtype=np.int32), np.diff(matrix.indptr))
    order = np.lexsort((commonness[matrix.indices], row))
    del commonness
    squares = matrix.data[order].astype(np.float64) ** 2
    cumulative = np.cumsum(squares)
    row_start = np.r_[0.0, cumulative][matrix.indptr[:-1]]
    cumulative -= row_start[row]
    in_suffix = cumulative < threshold**2
    del cumulative, row_start
    squares[~in_suffix] = 0.0
    suffix_norm = np.sqrt(np.bincount(row, weights=squares, minlength=n_rows))
    del squares, row
    data = matrix.data.copy()
    data[order[in_suffix]] = 0
    del order, in_suffix
    prefix = sparse.csr_matrix((data, matrix.indices.copy(), matrix.indptr.copy()), matrix.shape)
    prefix.eliminate_zeros()
    return prefix, suffix_norm


def candidate_chunks(
    matrix: sparse.csr_matrix, groups: np.ndarray, threshold: float
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Candidate row pairs of ``sentence_candidates``, one chunk of rows at a time.

    Lets callers filter or count candidates without holding them all.
    """
    return _prefix_chunks(*_prefix(matrix, threshold), groups, threshold)


def _prefix_chunks(
    prefix: sparse.csr_matrix,
    suffix_norm: np.ndarray,
    groups: np.ndarray,
    threshold: float,
    stop: int | None = None,
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """``candidate_chunks`` from a ``_prefix`` split already made (of the rows before
    ``stop``, with any later row)."""
    stop = prefix.shape[0] if stop is None else stop
    prefix_t = prefix.T.tocsr()
    for start in range(0, stop, _CHUNK):
        block = (prefix[start : min(start + _CHUNK, stop)] @ prefix_t).tocoo()
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


PRODUCTS = 20_000_000
"""Most term co-occurrences one chunk of a plain sparse product may hold (memory bound)."""
VERIFY_COST = 8
"""A candidate pair of prefix filtering costs about as much as this many co-occurrences
of the plain product (its dot product is computed on its own rows afterwards)."""
SEARCH_SHARE = 4
"""Tasks of term counting per task of the pair search (each of which holds a share of
the TF-IDF rows: shipping them costs memory)."""
_MARGIN = 1e-4  # float32 sums differ from ``_row_dots`` by about 1e-7; pairs are rechecked


def _row_costs(matrix: sparse.csr_matrix, df: np.ndarray) -> np.ndarray:
    """Per row, the co-occurrences its product with all rows adds up (sum of its terms' df)."""
    return np.add.reduceat(np.r_[df[matrix.indices], 0], matrix.indptr[:-1]) * (
        np.diff(matrix.indptr) > 0
    )


def product_chunks(
    matrix: sparse.csr_matrix, groups: np.ndarray, threshold: float, stop: int | None = None
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Row pairs (i < j, different groups) whose plain sparse product comes near ``threshold``.

    A superset, by ``_MARGIN``, of the pairs at or above it (callers recompute each
    pair's dot product): chunks of rows are multiplied with all rows, each chunk
    holding at most about ``PRODUCTS`` co-occurrences, so memory stays bounded.
    ``stop``: only the pairs of the rows before it (with any later row).
    """
    stop = matrix.shape[0] if stop is None else stop
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    total = np.cumsum(_row_costs(matrix[:stop], df))
    cuts = np.searchsorted(total, np.arange(PRODUCTS, total[-1] if len(total) else 0, PRODUCTS))
    matrix_t = matrix.T.tocsr()
    for rows in np.split(np.arange(stop), np.unique(cuts)):
        if not len(rows):
            continue
        block = (matrix[rows[0] : rows[-1] + 1] @ matrix_t).tocoo()
        r, c = block.row + int(rows[0]), block.col
        keep = (c > r) & (groups[r] != groups[c]) & (block.data >= threshold - _MARGIN)
        yield r[keep], c[keep]


SearchTask = tuple[
    int, int, sparse.csr_matrix, np.ndarray | None, sparse.csr_matrix, np.ndarray, float
]
"""Rows ``start`` to ``stop`` of a pair search: from ``start`` on, the indexed rows
(prefixes, or the whole rows), the suffix norms (none for the plain product), the
rows themselves, and the groups; and the threshold."""


def search_tasks(
    matrix: sparse.csr_matrix, groups: np.ndarray, threshold: float, tasks: int = 1
) -> list[SearchTask]:
    """The pair search cut into ``tasks`` runs of rows of about equal cost, by the
    cheaper of two exact searches.

    The plain product (``product_chunks``) costs one step per co-occurrence of a
    term in two rows; prefix filtering (``candidate_chunks``) fewer steps but a
    dearer check per candidate. Both miss no pair; only the time differs. The
    choice and the prefixes are made on all rows, so every run proposes the pairs
    one search over all rows would; a run holds its rows and the later ones alone.
    """
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    plain = float(np.square(df, dtype=np.float64).sum()) / 2
    index, suffix_norm = _prefix(matrix, threshold)
    indexed = np.bincount(index.indices, minlength=index.shape[1])
    blocked = float(np.square(indexed, dtype=np.float64).sum()) / 2
    if plain <= VERIFY_COST * blocked:
        index, suffix_norm, indexed = matrix, None, df
    total = np.cumsum(_row_costs(index, indexed))
    n = matrix.shape[0]
    cuts = np.searchsorted(total, total[-1] * np.arange(1, tasks) / tasks) if n else []
    bounds = [0, *sorted(set(np.asarray(cuts).tolist()) - {0, n}), n]
    found = []
    for start, stop in itertools.pairwise(bounds):
        later = slice(start, None)
        found.append(
            (
                start,
                stop,
                index if start == 0 else index[later],
                None if suffix_norm is None else suffix_norm[later],
                matrix if start == 0 else matrix[later],
                groups[later],
                threshold,
            )
        )
    return found


def search(task: SearchTask) -> pd.DataFrame:
    """The pairs of one run of rows at or above the threshold (a task): columns i, j
    (row positions, i < j) and similarity, in order of i, then j."""
    start, stop, index, suffix_norm, matrix, groups, threshold = task
    if suffix_norm is None:
        chunks = product_chunks(index, groups, threshold, stop - start)
    else:
        chunks = _prefix_chunks(index, suffix_norm, groups, threshold, stop - start)
    found = []
    for rows, cols in chunks:
        order = np.lexsort((cols, rows))
        rows, cols = rows[order], cols[order]
        similarity = _row_dots(matrix, rows, cols)
        keep = similarity >= threshold - 1e-6
        found.append(
            pd.DataFrame(
                {"i": rows[keep] + start, "j": cols[keep] + start, "similarity": similarity[keep]}
            )
        )
    return pd.concat(found, ignore_index=True) if found else _no_pairs()


def _no_pairs() -> pd.DataFrame:
    """The pairs of a search that finds none."""
    empty = np.empty(0, dtype=np.int64)
    return pd.DataFrame({"i": empty, "j": empty, "similarity": np.empty(0)})


def _paired_columns(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """``matrix`` without the columns of terms only one row has.

    Such a term adds nothing to the dot product of two rows, so every pair keeps its
    cosine (rows keep the norms taken over all their terms, and the remaining columns
    their order), while the pair search no longer carries it.
    """
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    if df.min(initial=2) >= 2:
        return matrix
    return matrix[:, np.flatnonzero(df >= 2)].tocsr()


def similar_sentences(
    texts: Sequence[str],
    groups: Sequence[int],
    threshold: float,
    shared_terms: bool = False,
    analyzer: Callable[[str], list[str]] = terms,
    run: Mapper = map,
    parts: int = 1,
    blocks: Sequence[int] | None = None,
) -> pd.DataFrame:
    """Pairs of texts from different groups with TF-IDF cosine >= threshold.

    Columns: i, j (positions in ``texts``, i < j) and similarity, in order of i, then
    j. With ``shared_terms``, vectors keep only terms of several groups (see
    ``tfidf``); ``run`` and ``parts``: how terms are counted (``term_counts``). With
    ``blocks`` (a block per text: its story), only pairs within one block are sought,
    batch of whole blocks by batch: the search then grows with the blocks, not with
    the square of the corpus. The vectors are weighted over all texts either way, so
    a pair within a block has the same similarity as without blocks.
    """
    matrix = _paired_columns(
        tfidf(texts, groups if shared_terms else None, analyzer, run=run, parts=parts)
    )
    groups = np.asarray(groups)
    n_tasks = -(-parts // SEARCH_SHARE)
    if blocks is None:
        tasks = search_tasks(matrix, groups, threshold, n_tasks)
        del matrix  # held by the tasks
        found = list(run(search, tasks))  # one task at least
        return pd.concat(found, ignore_index=True) if len(found) > 1 else found[0]
    blocks = pd.factorize(np.asarray(blocks))[0]
    tasks = [
        (rows, blocks[rows], task)
        for rows in _block_batches(blocks, groups)
        for task in search_tasks(
            matrix[rows], groups[rows], threshold, -(-n_tasks * len(rows) // len(texts))
        )
    ]
    del matrix
    found = [frame for frame in run(_search_rows, tasks) if len(frame)]
    if not found:
        return _no_pairs()
    frame = pd.concat(found, ignore_index=True)
    order = np.lexsort((frame["j"].to_numpy(), frame["i"].to_numpy()))
    return frame.iloc[order].reset_index(drop=True)


SEARCH_BATCH = 20_000
"""Texts of whole blocks searched together (one search per story would repeat its set-up
thousands of times on a large corpus; a batch's search grows with its square)."""


def _block_batches(blocks: np.ndarray, groups: np.ndarray) -> list[np.ndarray]:
    """Rows of the blocks with texts of two groups or more, in batches of about
    ``SEARCH_BATCH`` texts of whole blocks (rows ascending)."""
    frame = pd.DataFrame({"block": blocks, "group": groups})
    width = frame.groupby("block")["group"].nunique()
    kept = frame[frame["block"].isin(width.index[width >= 2])]
    sizes = kept.groupby("block").size()
    batch_of = (np.cumsum(sizes.to_numpy()) - 1) // SEARCH_BATCH
    batch = kept["block"].map(pd.Series(batch_of, index=sizes.index)).to_numpy()
    rows = kept.index.to_numpy()
    return [rows[batch == b] for b in np.unique(batch)]


def _search_rows(task: tuple[np.ndarray, np.ndarray, SearchTask]) -> pd.DataFrame:
    """``search`` of a batch's rows (a task): pairs as positions in all texts, within
    one block."""
    rows, blocks, search_task = task
    found = search(search_task)
    i, j = found["i"].to_numpy(), found["j"].to_numpy()
    keep = blocks[i] == blocks[j]
    return pd.DataFrame(
        {
            "i": rows[i[keep]].astype(i.dtype),
            "j": rows[j[keep]].astype(j.dtype),
            "similarity": found["similarity"].to_numpy()[keep],
        }
    )
