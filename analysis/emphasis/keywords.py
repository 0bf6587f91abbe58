"""Distinctive terms: which words each outlet (or article) leans on, against the others.

Each outlet (or article) is one document made of its sentences; its term counts
(``analysis.emphasis.terms``: summed from each sentence's, never re-analysed)
are scored by TF-IDF with sublinear tf, so a term scores high when the outlet
uses it often and few other outlets use it at all, or by the log-odds ratio
with an informative Dirichlet prior. Evidence for a term is the sentences whose
counts include it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.emphasis.terms import ACRONYM, TermCounts, count_terms, sublinear_tfidf

METHODS = ("tfidf", "logodds")


def distinctive_terms(
    sentences: pd.DataFrame,
    by: str = "outlet",
    top: int = 15,
    names: Mapping[str, str] | None = None,
    counts: TermCounts | None = None,
    common: bool = False,
    method: str = "tfidf",
    shown: Collection[str] | None = None,
) -> pd.DataFrame:
    """The ``top`` highest-scoring terms of each outlet or article in ``sentences``.

    ``method`` "tfidf": scikit-learn's scores, a ``TfidfTransformer`` (sublinear tf) over
    the groups' term counts, the same numbers ``TfidfVectorizer(analyzer=TermAnalyzer(names,
    outlets), sublinear_tf=True)`` gives on one newline-joined document per group (no term
    crosses a sentence boundary). Terms every group uses are left out of the ranking
    unless ``common`` (they distinguish no one; they still count in the normalisation).
    ``method`` "logodds": the z-score of the log-odds ratio with an informative Dirichlet
    prior (:func:`log_odds_z`), each group against all the others; every term is ranked,
    since a term all groups use can still be used much more by one.

    Pass the corpus's ``counts`` to avoid re-analysing text. Columns: group, rank, term (as
    most often written), score, count (occurrences in the group), articles and outlets (how
    many articles and outlets use it, among those of the ``shown`` outlets: all by default).
    Ties in score go to the higher count, then to the term that sorts first.
    """
    if counts is None:
        sentences = sentences.reset_index(drop=True)
        counts = count_terms(sentences, names)
    ranked = ranked_terms(sentences, by, top, names, counts, common, method)
    return with_spread(ranked, sentences, counts, shown)


def ranked_terms(
    sentences: pd.DataFrame,
    by: str,
    top: int,
    names: Mapping[str, str] | None,
    counts: TermCounts,
    common: bool = False,
    method: str = "tfidf",
) -> pd.DataFrame:
    """The ranking of :func:`distinctive_terms` without the spread columns: group, rank,
    term, key (the term in ``counts.terms``), score, count. It does not depend on which
    outlets are shown, so a view can keep it while the outlet filter changes."""
    columns = ["group", "rank", "term", "key", "score", "count"]
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}: use one of {', '.join(METHODS)}")
    if sentences.empty:
        return pd.DataFrame(columns=columns)
    matrix, positions = counts.matrix, sentences.index.to_numpy()
    group_codes, groups = pd.factorize(sentences[by], sort=True)
    per_group = _indicator(group_codes, len(groups), positions, matrix.shape[0]) @ matrix
    used = np.flatnonzero(np.asarray(per_group.sum(axis=0)).ravel())
    if used.size == 0:
        return pd.DataFrame(columns=columns)
    per_group, terms = per_group[:, used].tocsr(), counts.terms[used]
    per_group.sort_indices()
    if method == "tfidf":
        scores = sublinear_tfidf(per_group)  # the same non-zero entries as per_group
        everywhere = np.asarray((per_group > 0).sum(axis=0)).ravel() == len(groups)
        ranked = ~everywhere if not common and len(groups) > 1 else np.ones(len(terms), bool)
    else:
        scores = _log_odds_rows(per_group)
        ranked = np.ones(len(terms), dtype=bool)
    display, full_names = counts.display, frozenset((names or {}).values())
    picked = []  # (group, rank, column, score, count)
    for g in range(len(groups)):
        cut = slice(per_group.indptr[g], per_group.indptr[g + 1])
        columns_of, group_counts = per_group.indices[cut], per_group.data[cut]
        row = scores.data[cut]
        keep = (row > 0) & (group_counts > 0) & ranked[columns_of]
        columns_of, group_counts, row = columns_of[keep], group_counts[keep], row[keep]
        order = _best_first(row, group_counts, terms[columns_of], display, 10 * top)
        pool_counts = dict(zip(columns_of[order].tolist(), group_counts[order].tolist()))
        kept = _drop_fragments(list(pool_counts), terms, pool_counts, full_names)
        score_of = dict(zip(columns_of[order].tolist(), row[order].tolist()))
        picked += [(g, r, i, score_of[i], pool_counts[i]) for r, i in enumerate(kept[:top], 1)]
    if not picked:
        return pd.DataFrame(columns=columns)
    group_of, rank, column, score, count = (np.array(c) for c in zip(*picked))
    return pd.DataFrame(
        {
            "group": groups[group_of],
            "rank": rank,
            "term": [display.get(t, t) for t in terms[column]],
            "key": terms[column],
            "score": score.astype(float),
            "count": count.astype(int),
        },
        columns=columns,
    )


def with_spread(
    ranked: pd.DataFrame,
    sentences: pd.DataFrame,
    counts: TermCounts,
    shown: Collection[str] | None = None,
) -> pd.DataFrame:
    """:func:`ranked_terms` with the columns articles and outlets (how many of the articles
    and outlets of ``sentences`` use each term, among those of the ``shown`` outlets: all by
    default), in place of key: the table :func:`distinctive_terms` gives."""
    columns = ["group", "rank", "term", "score", "count", "articles", "outlets"]
    if ranked.empty:
        return pd.DataFrame(columns=columns)
    in_view = sentences["outlet"].isin(shown).to_numpy() if shown is not None else None
    column = np.searchsorted(counts.terms, ranked["key"].to_numpy())
    articles, outlets = _spread(sentences, counts.matrix, column, in_view)
    return ranked.assign(articles=articles, outlets=outlets)[columns]


def _best_first(
    score: np.ndarray, count: np.ndarray, terms: np.ndarray, display: Mapping[str, str], n: int
) -> np.ndarray:
    """Positions of the ``n`` best terms: highest score, then count, then the shown term that
    sorts first. Only terms scoring at least the ``n``-th best score are sorted (and their
    shown forms looked up): the order of the first ``n`` is the one a full sort gives."""
    candidates = np.arange(len(score))
    if len(score) > n:
        threshold = -np.partition(-score, n - 1)[n - 1]
        candidates = np.flatnonzero(score >= threshold)
    shown = np.array([display.get(t, t) for t in terms[candidates]], dtype=object)
    order = np.lexsort((shown, -count[candidates], -score[candidates]))
    return candidates[order][:n]


def log_odds_z(counts: np.ndarray) -> np.ndarray:
    """Each group's z-scores of the log-odds ratio against all other groups, per term.

    Monroe, Colaresi and Quinn (2008), "Fightin' Words", with an informative Dirichlet
    prior: the prior count of term w is its count in the whole selection (alpha_w = y_w,
    alpha_0 = n). For group i against the rest j:
    delta = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a_0 -
    y_jw - a_w)), var ~ 1 / (y_iw + a_w) + 1 / (y_jw + a_w), z = delta / sqrt(var).
    ``counts`` is groups x terms; so is the result.
    """
    counts = np.asarray(counts, dtype=float)
    prior = counts.sum(axis=0)
    return np.vstack([_log_odds_row(row, prior) for row in counts])


def _log_odds_row(own: np.ndarray, prior: np.ndarray) -> np.ndarray:
    """z-scores of one group's term counts ``own`` against the rest (``prior`` - ``own``)."""
    return _log_odds(own, prior, own.sum(), (prior - own).sum(), prior.sum())


def _log_odds(
    own: np.ndarray, prior: np.ndarray, own_total: float, rest_total: float, total: float
) -> np.ndarray:
    """:func:`_log_odds_row` of the terms in ``own``, given the group's total count, the
    rest's and the selection's: the same operations in the same order, so the same numbers."""
    rest = prior - own
    own_odds = np.log((own + prior) / (own_total + total - own - prior))
    rest_odds = np.log((rest + prior) / (rest_total + total - rest - prior))
    return (own_odds - rest_odds) / np.sqrt(1 / (own + prior) + 1 / (rest + prior))


def _log_odds_rows(per_group: sparse.csr_matrix) -> sparse.csr_matrix:
    """:func:`log_odds_z` of a groups x terms count matrix at its non-zero entries only (the
    only terms a group can rank), with the same structure as ``per_group``."""
    prior = np.asarray(per_group.sum(axis=0), dtype=float).ravel()
    own_total = np.asarray(per_group.sum(axis=1), dtype=float).ravel()
    rows = np.repeat(np.arange(per_group.shape[0]), np.diff(per_group.indptr))
    own = per_group.data.astype(float)
    total = float(prior.sum())
    # counts are whole numbers, so these totals are exact: the rest's is the total less the own
    z = _log_odds(own, prior[per_group.indices], own_total[rows], total - own_total[rows], total)
    return sparse.csr_matrix((z, per_group.indices, per_group.indptr), shape=per_group.shape)


def _indicator(
    codes: np.ndarray, n_groups: int, positions: np.ndarray | None = None, n_rows: int | None = None
) -> sparse.csr_matrix:
    """A groups x rows 0/1 matrix: multiplying by it sums rows per group. Row ``positions[k]``
    (``k`` by default) of ``n_rows`` goes to group ``codes[k]``."""
    positions = np.arange(len(codes)) if positions is None else positions
    n_rows = len(codes) if n_rows is None else n_rows
    ones = np.ones(len(codes), dtype=np.int32)
    return sparse.csr_matrix((ones, (codes, positions)), shape=(n_groups, n_rows))


def _spread(
    sentences: pd.DataFrame,
    matrix: sparse.csr_matrix,
    columns: np.ndarray,
    in_view: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """For each of the ``columns`` of the term ``matrix``: in how many articles and in how
    many outlets of the selection it occurs (only the rows ``in_view``, when given)."""
    if in_view is not None:
        sentences = sentences[in_view]
    unique, back = np.unique(columns, return_inverse=True)
    part = matrix[:, unique].tocsr()
    spread = []
    for column in ("article_id", "outlet"):
        codes, groups = pd.factorize(sentences[column])
        positions = sentences.index.to_numpy()
        present = (_indicator(codes, len(groups), positions, part.shape[0]) @ part) > 0
        spread.append(np.asarray(present.sum(axis=0)).ravel().astype(int)[back])
    return spread[0], spread[1]


def _drop_fragments(
    pool: list[int],
    terms: np.ndarray,
    counts: Mapping[int, int],
    names: frozenset[str] = frozenset(),
) -> list[int]:
    """Keep readable terms: a bigram must recur to be a phrase (a full name need not), and
    a word that only ever occurs inside a listed phrase (same count) is a fragment of it."""
    listed = {
        terms[i]: counts[i]
        for i in pool
        if " " not in terms[i] or counts[i] >= 2 or terms[i] in names
    }
    inside: set[str] = set()
    for term, count in listed.items():
        if " " in term and term not in names:
            inside.update(w for w in term.split(" ") if listed.get(w) == count)
    return [i for i in pool if terms[i] in listed and terms[i] not in inside]


def sentences_with_term(
    sentences: pd.DataFrame,
    term: str,
    names: Mapping[str, str] | None = None,
    counts: TermCounts | None = None,
) -> pd.DataFrame:
    """The sentences whose terms include ``term``: the evidence behind its count."""
    if counts is None:
        sentences = sentences.reset_index(drop=True)
        counts = count_terms(sentences, names)
    term = counts.key(term)
    column = np.searchsorted(counts.terms, term)
    if column >= len(counts.terms) or counts.terms[column] != term:
        return sentences.iloc[0:0]
    present = counts.matrix[sentences.index.to_numpy(), column].toarray().ravel() > 0
    return sentences[present]


def term_pattern(term: str, names: Mapping[str, str] | None = None) -> re.Pattern[str]:
    """A pattern that finds ``term`` as written in a sentence, aliases of a name included."""
    spellings = {term} | {alias for alias, name in (names or {}).items() if name == term}
    words = [r"\W+".join(re.escape(w) for w in s.replace(".", "").split()) for s in spellings]
    words = [w.replace("US", r"U\.?S\.?") for w in words]
    alternatives = "|".join(sorted(words, key=len, reverse=True))
    flags = 0 if ACRONYM.match(term) else re.IGNORECASE
    return re.compile(rf"\b(?:{alternatives})(?:['’]s)?(?!\w)", flags)
