"""Cached access to the corpus and its analysis: computed once per corpus content.

The cache key is a content hash (articles and knowledge files), never a
DataFrame, so a filter change or a page switch reuses the analysis, and an
edited article or knowledge file is picked up on the next run.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from analysis.corpus.load import Corpus, load_corpus
from analysis.framing.stance import LexiconEntry, Target, stance_evidence
from analysis.knowledge.patterns import PatternTimeout
from analysis.overlap.summary import Overlap, analyse_overlap
from analysis.pipeline import (
    DEFAULT_KNOWLEDGE,
    Analysis,
    FramingKnowledge,
    Knowledge,
    analyse,
    load_framing,
    load_knowledge,
)
from analysis.pipeline import knowledge_folder as folder_of
from analysis.store.build import MANIFEST, Build, open_build
from analysis.store.stored_framing import compact
from ui.corpora import build_corpus, chosen, corpus_root
from ui.literal import md

CORPUS_ENV = "COVERAGE_LENS_CORPUS"
ANALYSIS_ENV = "COVERAGE_LENS_ANALYSIS"


def server_corpus() -> Path:
    """The server's own corpus: ``$COVERAGE_LENS_CORPUS`` or the bundled ``corpus/``."""
    return Path(os.environ.get(CORPUS_ENV) or DEFAULT_KNOWLEDGE)


def corpus_path() -> Path:
    """The corpus the dashboard shows: the one picked under ``$COVERAGE_LENS_ROOT`` (or the
    one a picked build was made from), else the server's own."""
    choice = chosen()
    if choice is None:
        return server_corpus()
    if choice.kind == "build":
        return build_corpus(choice.path, corpus_root()) or server_corpus()
    return choice.path


def analysis_folder() -> str | None:
    """The built analysis shown: the one picked under the root, else ``$COVERAGE_LENS_ANALYSIS``."""
    choice = chosen()
    if choice is not None:
        return str(choice.path) if choice.kind == "build" else None
    return os.environ.get(ANALYSIS_ENV) or None


def knowledge_folder() -> Path:
    """The folder of the current corpus's own knowledge files (saved edits go there too)."""
    return folder_of(corpus_path())


def _signature(path: Path) -> tuple:
    """File names, sizes and modification times: cheap to compute, changes on any edit."""
    if not path.exists():
        return ()
    if path.is_dir():
        return tuple(
            (p.name, p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(path.iterdir())
            if p.is_file()
        )
    return ((path.name, path.stat().st_size, path.stat().st_mtime_ns),)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_corpus(path: str, signature: tuple) -> Corpus:
    return load_corpus(path)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_knowledge(folder: str, signature: tuple) -> Knowledge:
    return load_knowledge(folder)


@st.cache_resource(show_spinner=False, max_entries=2)
def _analyse(key: str, _corpus: Corpus, _knowledge: Knowledge) -> Analysis:
    bar = st.progress(0.0, text=f"Analysing {len(_corpus.articles):,} articles…")
    result = analyse(_corpus, _knowledge, progress=lambda f, m: bar.progress(f, text=m))
    bar.empty()
    return result


def get_corpus() -> Corpus:
    path = corpus_path()
    return _load_corpus(str(path), _signature(path))


def get_knowledge() -> Knowledge:
    folder = knowledge_folder()
    return _load_knowledge(str(folder), _signature(folder))


def get_analysis() -> Analysis:
    """The analysis of the current corpus: a build's (``$COVERAGE_LENS_ANALYSIS``), else
    computed on the first request only."""
    folder = analysis_folder()
    if folder:
        return _open_build(folder, _signature(Path(folder) / MANIFEST)).analysis
    corpus, knowledge = get_corpus(), get_knowledge()
    return _analyse(f"{corpus.content_hash()}-{knowledge.key}", corpus, knowledge)


def build_staleness() -> list[str]:
    """What changed since the build the dashboard shows (empty: current, or no build).

    The corpus is loaded and hashed only when its files' names, sizes or times differ
    from the build's: a large corpus is then never held beside its build.
    """
    folder = analysis_folder()
    if not folder:
        return []
    corpus, knowledge = corpus_path(), knowledge_folder()
    return _staleness(
        folder,
        _signature(Path(folder) / MANIFEST),
        str(corpus),
        _signature(corpus),
        str(knowledge),
        _signature(knowledge),
    )


@st.cache_data(show_spinner="Checking the build against the corpus…", max_entries=8)
def _staleness(
    folder: str, signature: tuple, corpus: str, corpus_files: tuple, knowledge: str, files: tuple
) -> list[str]:
    """Once per build, corpus and knowledge files (names, sizes, times): a copied corpus is
    compared by its bytes, and a corpus loaded to be hashed is not kept."""
    built = _open_build(folder, signature)
    knowledge_files = _load_knowledge(knowledge, files)
    if built.same_corpus_files(corpus):
        return built.stale_knowledge(knowledge_files)
    return built.stale(load_corpus(corpus), knowledge_files)


@st.cache_resource(show_spinner="Opening the built analysis…", max_entries=2)
def _open_build(folder: str, signature: tuple) -> Build:
    return open_build(folder)


def _targets_key(targets: list[Target]) -> tuple:
    return tuple((t.name, t.pattern, t.affiliation, t.places) for t in targets)


def get_framing_knowledge(analysis: Analysis) -> FramingKnowledge:
    """The stance targets (from targets.csv or derived from the corpus) and the lexicon."""
    folder = knowledge_folder()
    return _load_framing(str(folder), _signature(folder), analysis.key, analysis)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_framing(folder: str, signature: tuple, key: str, _analysis: Analysis):
    return load_framing(folder, _analysis)


def get_stance_evidence(
    analysis: Analysis, targets: list[Target], lexicon: list[LexiconEntry]
) -> pd.DataFrame:
    """Every framing indicator row of the whole corpus, in the stored (compact) form of
    :mod:`analysis.store.stored_framing`: the build's when it was made with these targets and
    lexicon, else computed once per corpus and targets.

    A pattern that runs out of time stops the page with its message (naming the pattern).
    """
    built = build_of(analysis)
    stored = built.framing_for(targets, lexicon) if built is not None else None
    if stored is not None:
        return stored
    lexicon_key = tuple((e.term, e.kind, e.polarity) for e in lexicon)
    try:
        return _stance_evidence(
            analysis.key, _targets_key(targets), lexicon_key, analysis, targets, lexicon
        )
    except PatternTimeout as exc:
        st.error(f"{md(exc)}. Change or remove that target or lexicon term.")
        st.stop()


@st.cache_resource(show_spinner="Scoring the framing of every mention…", max_entries=4)
def _stance_evidence(
    key: str, targets_key: tuple, lexicon_key: tuple, _analysis: Analysis, _targets, _lexicon
) -> pd.DataFrame:
    return compact(
        stance_evidence(_analysis.sentences, _analysis.quotes, _targets, _lexicon, explain=False)
    )


def get_stories(analysis: Analysis) -> pd.DataFrame:
    """Each article's story (``analysis.corpus.stories``): the corpus's ``story`` field where
    given, else grouped; part of the analysis (and of a build)."""
    return analysis.stories


def get_overlap(analysis: Analysis) -> Overlap:
    """Reuse, shared quotes and claims of the corpus: a build's as stored (no member's or
    passage's text: the pages look it up for the rows they draw,
    :mod:`analysis.store.stored_overlap`), else computed once per corpus (with it)."""
    built = build_of(analysis)
    if built is not None and built.stored_overlap is not None:
        return built.stored_overlap
    return _overlap(analysis.key, analysis)


def build_of(analysis: Analysis) -> Build | None:
    """The opened build ``analysis`` comes from, if it comes from one."""
    folder = analysis_folder()
    if not folder:
        return None
    built = _open_build(folder, _signature(Path(folder) / MANIFEST))
    return built if built.analysis is analysis else None


@st.cache_resource(show_spinner=False, max_entries=2)
def _overlap(key: str, _analysis: Analysis) -> Overlap:
    bar = st.progress(0.0, text="Finding shared passages, quotes and claims…")
    result = analyse_overlap(_analysis, progress=lambda f, m: bar.progress(f, text=m))
    bar.empty()
    return result
