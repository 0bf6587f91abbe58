"""The Overlap page's tables over the whole corpus, worked out once per analysis.

Omissions, exclusives, the words of every reused passage, the passages by
similarity and the speakers the outlets share are pure functions of the
analysis; on a large corpus they take seconds, so the page reads them from
here whenever no filter narrows the sentences (a narrowed selection is
smaller, and the page works them out on it).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.overlap.claims import exclusives
from analysis.overlap.summary import Overlap, omissions_by_story
from analysis.pipeline import Analysis
from analysis.voices.share import speaker_overlap


@dataclass(frozen=True)
class WholeCorpus:
    """Omissions and exclusives of every outlet, and the words of each reused passage."""

    omissions: pd.DataFrame
    exclusives: pd.DataFrame
    reuse_words: pd.Series  # per row of ``Overlap.reuse``, words of passage A
    most_similar: pd.Index  # rows of ``Overlap.reuse``, most similar first
    speakers: tuple[pd.DataFrame, pd.DataFrame]  # ``speaker_overlap`` of the quotes


def whole_corpus(analysis: Analysis, overlap: Overlap, quotes: pd.DataFrame) -> WholeCorpus:
    """The whole corpus's tables, cached by the analysis key (``quotes``: those of all
    its sentences, any speaker)."""
    return _whole_corpus(analysis.key, overlap, quotes)


@st.cache_resource(show_spinner="Listing what each outlet left out…", max_entries=2)
def _whole_corpus(key: str, _overlap: Overlap, _quotes: pd.DataFrame) -> WholeCorpus:
    claims, members, reuse = _overlap.claims, _overlap.members, _overlap.reuse
    return WholeCorpus(
        omissions=omissions_by_story(claims, members),
        exclusives=exclusives(claims, members),
        reuse_words=reuse["text_a"].astype(str).str.split().str.len(),
        most_similar=reuse.sort_values("similarity", ascending=False, kind="stable").index,
        speakers=speaker_overlap(_quotes),
    )
