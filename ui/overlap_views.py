"""The Overlap page's tables over the whole corpus: a build's, else worked out once.

Omissions, exclusives, the words of every reused passage, the passages by
similarity and the speakers the outlets share (:mod:`analysis.store.stored_overlap`)
are read from the build the analysis comes from, else computed once per
analysis; the page uses them whenever no filter narrows the sentences.

A build's overlap tables hold no text (:mod:`analysis.store.stored_overlap`): the pages
read them as stored and look up the text of the rows they draw, and of a
download's rows when it is clicked (:func:`ui.charts.download` of a function).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from analysis.overlap.summary import Overlap
from analysis.pipeline import Analysis
from analysis.store.stored_overlap import WholeCorpus, labelled
from analysis.store.stored_overlap import whole_corpus as compute_whole_corpus
from ui.data import build_of
from ui.literal import md


def whole_corpus(analysis: Analysis, overlap: Overlap, quotes: pd.DataFrame) -> WholeCorpus:
    """The whole corpus's tables (``quotes``: those of all its sentences, any speaker)."""
    built = build_of(analysis)
    stored = built.whole_overlap if built is not None else None
    if stored is not None:
        return stored
    return _whole_corpus(analysis.key, overlap, quotes)


@st.cache_resource(show_spinner="Listing what each outlet left out…", max_entries=2)
def _whole_corpus(key: str, _overlap: Overlap, _quotes: pd.DataFrame) -> WholeCorpus:
    return compute_whole_corpus(_overlap, _quotes)


@st.cache_resource(show_spinner=False, max_entries=8)
def first_rows(
    view: str, _table: pd.DataFrame, outlets: tuple[str, ...], n: int
) -> dict[str, pd.DataFrame]:
    """The first ``n`` rows of each of ``outlets`` in ``_table``, in table order, once per
    ``view`` (the analysis, the selection and which table).

    Omissions and exclusives come sorted by outlet: each outlet's rows are found by
    binary search, not by comparing every row once per outlet."""
    column = _table["outlet"].to_numpy(dtype=object)
    order = None if pd.Index(column).is_monotonic_increasing else np.argsort(column, kind="stable")
    ordered = column if order is None else column[order]
    first = {}
    for outlet in outlets:
        start, stop = np.searchsorted(ordered, outlet), np.searchsorted(ordered, outlet, "right")
        rows = np.arange(start, min(stop, start + n))
        first[outlet] = _table.iloc[rows if order is None else order[rows]]
    return first


def first_labelled_rows(
    view: str, table: pd.DataFrame, claims: pd.DataFrame, outlets: list[str], n: int
) -> dict[str, pd.DataFrame]:
    """:func:`first_rows` of omissions or exclusives, with their claims' labels
    (:func:`analysis.store.stored_overlap.labelled`), once per ``view``."""
    return _first_labelled_rows(view, table, claims, tuple(outlets), n)


@st.cache_resource(show_spinner=False, max_entries=8)
def _first_labelled_rows(
    view: str, _table: pd.DataFrame, _claims: pd.DataFrame, outlets: tuple[str, ...], n: int
) -> dict[str, pd.DataFrame]:
    """The labels of every outlet's rows looked up at once: one pass over the claims."""
    first = first_rows(view, _table, outlets, n)
    if not first:
        return {}
    every = labelled(pd.concat(first.values()), _claims)
    bounds = np.cumsum([0, *(len(rows) for rows in first.values())])
    return {
        outlet: every.iloc[start:stop]
        for outlet, start, stop in zip(first, bounds[:-1], bounds[1:], strict=True)
    }


@st.cache_resource(show_spinner=False, max_entries=8)
def speakers_of_their_own(view: str, _speakers: pd.DataFrame) -> str:
    """Markdown, a paragraph per outlet: the speakers only that outlet quotes (of
    ``_speakers``, :func:`analysis.voices.share.speaker_overlap`'s), once per ``view``.

    One element for every outlet: on 12,399 articles 230 outlets' lines as elements of their
    own, each name escaped on every run, took about 0.3 s of each rerun."""
    alone = _speakers[_speakers["quoted_by_one_only"]]
    return "\n\n".join(
        f"**Only in {md(outlet)}:** " + ", ".join(group["speaker"].map(md))
        for outlet, group in alone.groupby("only_outlet")
    )
