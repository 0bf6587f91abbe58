"""The Overlap view's tables over the whole corpus: worked out once, stored in a build.

Omissions, exclusives, the words of every reused passage, the passages by
similarity and the speakers the outlets share are pure functions of the
overlap tables and the quotes; on ten thousand articles they take half a
minute, so a build writes them beside the overlap tables and the page reads
them whenever no filter narrows the sentences. A build made before they were
stored gets them worked out on first use (:func:`whole_corpus`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.overlap.claims import exclusives
from analysis.overlap.summary import Overlap, omissions_by_story
from analysis.parquet import read_parquet, write_parquet
from analysis.voices.share import speaker_overlap

FILES = {
    "omissions": "view_omissions.parquet",
    "exclusives": "view_exclusives.parquet",
    "reuse": "view_reuse.parquet",
    "speaker_pairs": "view_speaker_pairs.parquet",
    "speakers": "view_speakers.parquet",
}


@dataclass(frozen=True)
class WholeCorpus:
    """Omissions and exclusives of every outlet, and the words of each reused passage."""

    omissions: pd.DataFrame
    exclusives: pd.DataFrame
    reuse_words: pd.Series  # per row of ``Overlap.reuse``, words of passage A
    most_similar: pd.Index  # rows of ``Overlap.reuse``, most similar first
    speakers: tuple[pd.DataFrame, pd.DataFrame]  # ``speaker_overlap`` of the quotes


def whole_corpus(overlap: Overlap, quotes: pd.DataFrame) -> WholeCorpus:
    """The whole corpus's tables (``quotes``: those of all its sentences, any speaker)."""
    claims, members, reuse = overlap.claims, overlap.members, overlap.reuse
    return WholeCorpus(
        omissions=omissions_by_story(claims, members),
        exclusives=exclusives(claims, members),
        reuse_words=reuse["text_a"].astype(str).str.split().str.len(),
        most_similar=reuse.sort_values("similarity", ascending=False, kind="stable").index,
        speakers=speaker_overlap(quotes),
    )


def write_whole_corpus(whole: WholeCorpus, folder: Path) -> None:
    """Write the tables into ``folder`` (a build being staged)."""
    write_parquet(whole.omissions, folder / FILES["omissions"])
    write_parquet(whole.exclusives, folder / FILES["exclusives"])
    order = pd.DataFrame(
        {
            "words": whole.reuse_words.to_numpy(dtype=np.int64),
            "most_similar": whole.most_similar.to_numpy(dtype=np.int64),
        }
    )
    write_parquet(order, folder / FILES["reuse"])
    pairs, speakers = whole.speakers
    write_parquet(pairs, folder / FILES["speaker_pairs"])
    write_parquet(speakers, folder / FILES["speakers"])


def read_whole_corpus(folder: Path) -> WholeCorpus | None:
    """The stored tables of the build in ``folder``; None when it holds none (an older build)."""
    if not all((folder / name).exists() for name in FILES.values()):
        return None
    order = read_parquet(folder / FILES["reuse"])
    return WholeCorpus(
        omissions=read_parquet(folder / FILES["omissions"]),
        exclusives=read_parquet(folder / FILES["exclusives"]),
        reuse_words=order["words"],
        most_similar=pd.Index(order["most_similar"].to_numpy()),
        speakers=(
            read_parquet(folder / FILES["speaker_pairs"]),
            read_parquet(folder / FILES["speakers"]),
        ),
    )
