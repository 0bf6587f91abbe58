"""The Overlap page's tables over the whole corpus, worked out once per analysis.

Omissions, exclusives and the words of every reused passage are pure
functions of the overlap tables; on a large corpus they take seconds, so the
page reads them from here whenever no filter narrows the sentences (a
narrowed selection is smaller, and the page works them out on it).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.overlap.claims import exclusives
from analysis.overlap.summary import Overlap, omissions_by_story
from analysis.pipeline import Analysis


@dataclass(frozen=True)
class WholeCorpus:
    """Omissions and exclusives of every outlet, and the words of each reused passage."""

    omissions: pd.DataFrame
    exclusives: pd.DataFrame
    reuse_words: pd.Series  # per row of ``Overlap.reuse``, words of passage A


def whole_corpus(analysis: Analysis, overlap: Overlap) -> WholeCorpus:
    """The whole corpus's tables, cached by the analysis key."""
    return _whole_corpus(analysis.key, overlap)


@st.cache_resource(show_spinner="Listing what each outlet left out…", max_entries=2)
def _whole_corpus(key: str, _overlap: Overlap) -> WholeCorpus:
    claims, members = _overlap.claims, _overlap.members
    return WholeCorpus(
        omissions=omissions_by_story(claims, members),
        exclusives=exclusives(claims, members),
        reuse_words=_overlap.reuse["text_a"].astype(str).str.split().str.len(),
    )
