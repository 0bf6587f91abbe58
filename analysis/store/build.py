"""A built analysis: every table the pages and the CLI need, written once, opened fast.

``python -m analysis build CORPUS --out DIR`` runs :func:`analysis.pipeline.analyse`
and writes its tables as Parquet files plus ``manifest.json`` (corpus and
knowledge content hashes, versions, row counts, seconds and peak resident MB
of this process per stage). The dashboard (``COVERAGE_LENS_ANALYSIS=DIR``) and
the CLI (``--analysis DIR``) open it without recomputing and say when it is
stale: the corpus or the knowledge files changed since the build.

Engines: ``local`` runs the per-article stage in processes over all cores;
``dask`` runs it as tasks over partitions of articles on a Dask cluster (the
one at ``scheduler``, else a local one), then the corpus stages (term
statistics, entities, topics) reduce the gathered tables. Both give the same
tables.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.corpus.load import Article, Corpus
from analysis.emphasis.terms import TermCounts
from analysis.filters import Selection, select_quotes
from analysis.framing.stance import LexiconEntry, Target
from analysis.knowledge.derive.entities import Entities
from analysis.knowledge.files import Problem
from analysis.overlap.summary import Overlap, analyse_overlap
from analysis.pipeline import (
    GENERIC_LEXICON,
    Analysis,
    Knowledge,
    Progress,
    analyse,
    analyse_article,
    knowledge_path,
    load_framing,
)
from analysis.store.memory import StagePeaks
from analysis.store.on_first_use import OnFirstUse, StoredEntities, StoredTermCounts
from analysis.store.parquet import read_parquet, write_parquet
from analysis.store.stored_framing import Mapper, corpus_evidence, framing_key
from analysis.store.stored_overlap import (
    CATEGORIES,
    WholeCorpus,
    as_categories,
    read_whole_corpus,
    whole_corpus,
    with_text,
    without_text,
    write_whole_corpus,
)
from analysis.voices.speakers import SpeakerRegistry

FORMAT = 6
"""6: the overlap tables and the Overlap view's tables hold no text the sentences, the
articles or the claims hold (:mod:`analysis.store.stored_overlap`)."""
MANIFEST = "manifest.json"
TABLES = ("articles", "paragraphs", "sentences", "furniture", "quotes", "speakers", "stories")
TUPLE_COLUMNS = {"sentences": ("topics",), "entities": ("variants",)}
OVERLAP_TABLES = ("reuse", "copies", "shared_quotes", "claims", "members")
LIST_COLUMNS = {
    "shared_quotes": ("outlets", "articles", "members"),
    "claims": ("outlets",),
}
"""Columns of lists, read back as lists (Parquet gives arrays)."""
ENGINES = ("local", "dask")
FRAMING_TABLE = "framing_evidence.parquet"
FRAMING_STAGE = "framing: mentions, tone, cues"
WHOLE_STAGE = "whole-corpus views: omissions, exclusives, speakers"
OVERLAP_STAGE = "overlap: reuse, claims, shared quotes"
ANALYSIS_FILES = ("speakers", "topics")
"""Knowledge files the analysis and overlap tables rest on; targets and the lexicon only
change the framing evidence."""
FRAMING_FILES = ("targets", "lexicon")


class BuildError(ValueError):
    """A build that cannot be written or opened (say what to do)."""


class Build:
    """An opened build: its analysis, overlap tables, framing evidence and manifest.

    ``framing`` is the stored (compact) framing evidence of every article for the
    targets and lexicon of the build (:mod:`analysis.store.stored_framing`). The analysis's
    tables (:class:`StoredAnalysis`), the overlap tables and the framing evidence are read
    on first use (:mod:`analysis.store.on_first_use`),
    as are the Overlap view's whole-corpus tables (``whole_overlap``; None in a build made
    before they were stored). ``stored_overlap`` is the overlap tables as stored, without
    the members' and passages' text (the pages look up the rows they show);
    ``overlap`` has that text, as the overlap stage gave it.
    """

    def __init__(
        self,
        analysis: Analysis,
        manifest: dict,
        stored_overlap: Callable[[], Overlap | None] = lambda: None,
        framing: Callable[[], pd.DataFrame | None] = lambda: None,
        whole_overlap: Callable[[], WholeCorpus | None] = lambda: None,
    ) -> None:
        self.analysis, self.manifest = analysis, manifest
        self._stored, self._framing = OnFirstUse(stored_overlap), OnFirstUse(framing)
        self._overlap = OnFirstUse(self._with_text)
        self._whole = OnFirstUse(whole_overlap)

    @property
    def stored_overlap(self) -> Overlap | None:
        return self._stored.get()

    @property
    def overlap(self) -> Overlap | None:
        return self._overlap.get()

    def _with_text(self) -> Overlap | None:
        stored = self.stored_overlap
        if stored is None:
            return None
        return with_text(stored, self.analysis.sentences, self.analysis.articles)

    @property
    def whole_overlap(self) -> WholeCorpus | None:
        return self._whole.get()

    @property
    def framing(self) -> pd.DataFrame | None:
        return self._framing.get()

    def stale(self, corpus: Corpus, knowledge: Knowledge) -> list[str]:
        """What changed since the build (empty when it is current)."""
        reasons = []
        if corpus.content_hash() != self.manifest["corpus_hash"]:
            reasons.append("the corpus changed")
        return reasons + self.stale_knowledge(knowledge)

    def stale_knowledge(self, knowledge: Knowledge) -> list[str]:
        """What changed in the knowledge files since the build (the corpus aside)."""
        hashes, built = knowledge_hashes(knowledge.folder), self.manifest["knowledge_hashes"]
        if hashes["analysis"] != built["analysis"]:
            return ["the knowledge files changed"]
        if hashes["framing"] != built["framing"]:
            return ["the framing targets or lexicon changed"]
        return []

    def same_corpus_files(self, path: str | Path) -> bool:
        """Whether the corpus files at ``path`` are the ones built: the same names, sizes
        and times, else the same bytes (a copy with new times). Then the corpus need not be
        loaded and hashed to know it is unchanged."""
        if self.manifest.get("corpus_files") == corpus_files(path):
            return True
        digest = self.manifest.get("corpus_digest")
        return bool(digest) and digest == corpus_digest(path)

    def framing_for(self, targets: Sequence[Target], lexicon: Sequence[LexiconEntry]):
        """The stored framing evidence if it was computed with these targets and lexicon."""
        if self.framing is None or self.manifest.get("framing_key") != framing_key(
            targets, lexicon
        ):
            return None
        return self.framing


def corpus_files(path: str | Path) -> str:
    """A hash of the corpus files' names, sizes and modification times (cheap to take)."""
    path = Path(path)
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    listing = [(p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files if p.exists()]
    return hashlib.sha256(json.dumps(listing).encode()).hexdigest()[:16]


def corpus_digest(path: str | Path) -> str:
    """A hash of the corpus files' names and bytes: what a copy keeps when its times change
    (reading the bytes is far cheaper than loading and hashing the articles)."""
    path = Path(path)
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    hashed = hashlib.sha256()
    for file in (p for p in files if p.exists()):
        hashed.update(file.name.encode() + b"\0")
        with file.open("rb") as stream:
            while chunk := stream.read(1 << 20):
                hashed.update(chunk)
        hashed.update(b"\0")
    return hashed.hexdigest()[:16]


def knowledge_hashes(folder: Path) -> dict[str, str]:
    """Content hashes of the knowledge the analysis rests on and of the framing's own."""

    def digest(names: Sequence[str], *extra: Path) -> str:
        hashed = hashlib.sha256()
        for path in [knowledge_path(folder, name) for name in names] + list(extra):
            hashed.update(path.name.encode() + b"\0")
            hashed.update(path.read_bytes() if path.exists() else b"\0missing\0")
        return hashed.hexdigest()[:16]

    return {
        "analysis": digest(ANALYSIS_FILES),
        "framing": digest(FRAMING_FILES, GENERIC_LEXICON),
    }


def build(
    corpus: Corpus,
    knowledge: Knowledge,
    out: str | Path,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = os.cpu_count() or 1,
    progress: Progress | None = None,
) -> Build:
    """Analyse ``corpus`` with ``engine`` and write the build to ``out`` (replaced whole).

    When ``out`` holds a build of the same corpus and speakers and topics files
    (only targets or the framing lexicon changed), its analysis and overlap
    tables are kept and only the framing evidence is computed again.

    Each table is written to a staging folder as soon as it is final and let go when
    no later stage reads it (:func:`_stages`), so the build holds one stage's tables at
    a time, not all of them; the folder then replaces ``out`` at once. Returns the
    build as opened from ``out``.
    """
    if engine not in ENGINES:
        raise BuildError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    out = Path(out)
    previous = reusable(out, corpus, knowledge)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}."))
    try:
        _stages(corpus, knowledge, previous, staging, engine, scheduler, workers, progress)
        if out.exists():
            if not (out / MANIFEST).exists():
                raise BuildError(f"{out} exists and is not a build; choose another --out")
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    return open_build(out)


def _stages(
    corpus: Corpus,
    knowledge: Knowledge,
    previous: Build | None,
    staging: Path,
    engine: str,
    scheduler: str | None,
    workers: int,
    progress: Progress | None,
) -> None:
    """Run the stages and write every table, manifest last, into ``staging``.

    Held between stages: after the analysis, the tables the overlap, the whole-corpus
    views and the framing read (articles, sentences, quotes, stories); the term counts,
    paragraphs, furniture, speakers and entities wait on disk. After the overlap, its
    tables only until the whole-corpus views are made of them.
    """
    manifest = {
        "format": FORMAT,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "engine": engine,
        "corpus": str(Path(corpus.source).resolve()) if corpus.source else "",
        "corpus_hash": corpus.content_hash(),
        "corpus_files": corpus_files(corpus.source) if corpus.source else "",
        "corpus_digest": corpus_digest(corpus.source) if corpus.source else "",
        "knowledge_hash": knowledge.key,
        "knowledge_hashes": knowledge_hashes(knowledge.folder),
        "knowledge_folder": str(knowledge.folder),
    }
    memory = StagePeaks()
    if previous is not None:
        analysis = replace(
            previous.analysis,
            key=f"{corpus.content_hash()}-{knowledge.key}",
            knowledge_sources=dict(knowledge.sources),
            timings=dict(previous.manifest["timings"]),
            peaks=dict(previous.manifest.get("peak_rss_mb", {})),
        )
        _write_term_counts(analysis.term_counts, staging)
        overlap, whole = previous.stored_overlap, previous.whole_overlap
    else:
        whole = None
        per_article = dask_per_article(scheduler, workers) if engine == "dask" else None
        analysis = analyse(
            corpus,
            knowledge,
            progress=progress,
            workers=workers,
            per_article=per_article,
            aside=lambda counts: _stored_term_counts(counts, staging),
        )
    counts = {name: len(getattr(analysis, name)) for name in TABLES}
    analysis = _write_analysis(analysis, staging)
    if previous is None:
        start = time.perf_counter()
        with dask_map(scheduler, workers) if engine == "dask" else local_map(workers) as run:
            overlap = analyse_overlap(
                analysis,
                timings=analysis.timings,
                peaks=analysis.peaks,
                run=run,
                parts=workers * 4,
            )
        analysis.timings[OVERLAP_STAGE] = time.perf_counter() - start
        steps = [mb for stage, mb in analysis.peaks.items() if stage.startswith("overlap: ")]
        analysis.peaks[OVERLAP_STAGE] = max(steps, default=0.0)
    if whole is None:
        start = time.perf_counter()
        memory.enter(WHOLE_STAGE)
        every = select_quotes(analysis.quotes, analysis.sentences, Selection())
        whole = whole_corpus(overlap, every)
        del every
        analysis.timings[WHOLE_STAGE] = time.perf_counter() - start
    stored = without_text(overlap)
    for name in OVERLAP_TABLES:
        _to_parquet(getattr(stored, name), staging / f"overlap_{name}.parquet", name)
    write_whole_corpus(whole, staging)
    counts |= {name: len(getattr(overlap, name)) for name in OVERLAP_TABLES}
    discounted = sorted(overlap.discounted)
    del overlap, stored, whole  # written; the framing reads neither
    if progress:
        progress(1.0, "Scoring the framing of every mention")
    memory.enter(FRAMING_STAGE)
    framing = load_framing(knowledge.folder, analysis)
    start = time.perf_counter()
    with dask_map(scheduler, workers) if engine == "dask" else local_map(workers) as run:
        evidence = corpus_evidence(
            analysis.sentences,
            analysis.quotes,
            analysis.articles["article_id"].tolist(),
            framing.targets,
            framing.lexicon,
            run=run,
            parts=workers * 4,
        )
    analysis.timings[FRAMING_STAGE] = time.perf_counter() - start
    write_parquet(evidence, staging / FRAMING_TABLE)
    counts |= {"framing_evidence": len(evidence), "framing_targets": len(framing.targets)}
    del evidence
    memory.enter("")
    analysis.peaks.update(memory.peaks)
    extra = {
        "names": analysis.names,
        "topic_names": list(analysis.topic_names),
        "knowledge_sources": analysis.knowledge_sources,
        "problems": [vars(p) for p in analysis.problems],
        "discounted": discounted,
    }
    (staging / "extra.json").write_text(json.dumps(extra, ensure_ascii=False), "utf-8")
    manifest |= {
        "framing_key": framing_key(framing.targets, framing.lexicon),
        "reused": ["analysis", "overlap"] if previous is not None else [],
        "key": analysis.key,
        "versions": _versions(),
        "counts": counts | {"distinct_stories": int(analysis.stories["story"].nunique())},
        "timings": {stage: round(s, 3) for stage, s in analysis.timings.items()},
        "peak_rss_mb": {stage: round(mb, 1) for stage, mb in analysis.peaks.items()},
    }
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=2), "utf-8")


def _stored_term_counts(counts: TermCounts, folder: Path) -> StoredTermCounts:
    """``counts`` written into ``folder`` (the staging build) and read back on first use:
    no later stage reads them (on 12,400 articles they hold about 370 MB)."""
    _write_term_counts(counts, folder)
    return StoredTermCounts(lambda: _term_counts(folder))


def _write_analysis(analysis: Analysis, folder: Path) -> Analysis:
    """Write the analysis tables into ``folder``; return the analysis without those no
    later stage of the build reads (paragraphs, furniture, speakers: emptied; the
    entities: read back if the framing derives its targets from them)."""
    for name in TABLES:
        _to_parquet(getattr(analysis, name), folder / f"{name}.parquet", name)
    entities = analysis.entities or Entities(pd.DataFrame(), pd.DataFrame())
    _to_parquet(entities.table, folder / "entities.parquet", "entities")
    _to_parquet(entities.mentions, folder / "mentions.parquet", "mentions")
    return replace(
        analysis,
        paragraphs=analysis.paragraphs.iloc[:0],
        furniture=analysis.furniture.iloc[:0],
        speakers=analysis.speakers.iloc[:0],
        entities=_stored_entities(folder) if analysis.entities else None,
    )


def reusable(out: Path, corpus: Corpus, knowledge: Knowledge) -> Build | None:
    """The build in ``out`` if only its framing knowledge differs from ``knowledge``."""
    if not (out / MANIFEST).exists():
        return None
    try:
        previous = open_build(out)
    except BuildError:
        return None
    if previous.stale(corpus, knowledge) == ["the framing targets or lexicon changed"]:
        return previous
    return None


def _stored_entities(folder: Path) -> StoredEntities:
    """A build's entities, each part read when first used."""
    return StoredEntities(
        lambda: _from_parquet(folder / "entities.parquet", "entities"),
        lambda: _from_parquet(folder / "mentions.parquet", "mentions"),
        lambda: read_parquet(folder / "mentions.parquet", columns=["outlet"])["outlet"],
    )


def _write_term_counts(counts: TermCounts, folder: Path) -> None:
    """The term counts as ``term_counts.npz`` and ``terms.parquet`` (term, display form)."""
    sparse.save_npz(folder / "term_counts.npz", counts.matrix)
    terms = counts.terms.astype(str)
    display = counts.display
    table = pd.DataFrame({"term": terms, "display": [display.get(t, t) for t in terms]})
    write_parquet(table, folder / "terms.parquet")


class StoredAnalysis(Analysis):
    """A build's analysis whose tables (``TABLES``) are each read on first use: a page pays
    only for those it reads (the Overview never reads the paragraphs or the speakers'
    sides). A table may be given as a frame (:func:`dataclasses.replace` does)
    or as an :class:`OnFirstUse` that reads it."""


def _stored_table(name: str) -> property:
    """The ``name`` table of a :class:`StoredAnalysis`: read on first use, once."""

    def get(self: StoredAnalysis) -> pd.DataFrame:
        return self.__dict__["_tables"][name].get()

    def put(self: StoredAnalysis, value: pd.DataFrame | OnFirstUse[pd.DataFrame]) -> None:
        read = value if isinstance(value, OnFirstUse) else OnFirstUse(lambda: value)
        self.__dict__.setdefault("_tables", {})[name] = read

    return property(get, put)


for _name in TABLES:
    setattr(StoredAnalysis, _name, _stored_table(_name))


def _read_table(folder: Path, name: str) -> pd.DataFrame:
    """One of a build's ``TABLES``; the articles indexed by their id."""
    table = _from_parquet(folder / f"{name}.parquet", name)
    if name == "articles":
        table.index = table["article_id"].to_numpy()
    return table


def open_build(folder: str | Path) -> Build:
    """Read a build written by :func:`build`."""
    folder = Path(folder)
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        raise BuildError(
            f"{folder} holds no build (no {MANIFEST}); "
            "make one with: python -m analysis build CORPUS --out DIR"
        )
    manifest = json.loads(manifest_path.read_text("utf-8"))
    if manifest.get("format") != FORMAT:
        raise BuildError(f"{folder} was built by another version; build it again")
    tables = {name: OnFirstUse(partial(_read_table, folder, name)) for name in TABLES}
    extra = json.loads((folder / "extra.json").read_text("utf-8"))
    analysis = StoredAnalysis(
        key=manifest["key"],
        names=extra["names"],
        term_counts=StoredTermCounts(lambda: _term_counts(folder)),
        problems=[Problem(**p) for p in extra["problems"]],
        entities=_stored_entities(folder),
        topic_names=tuple(extra["topic_names"]),
        knowledge_sources=extra["knowledge_sources"],
        timings=manifest["timings"],
        peaks=manifest.get("peak_rss_mb", {}),
        **tables,
    )
    return Build(
        analysis,
        manifest,
        lambda: _stored_overlap(folder, extra["discounted"]),
        lambda: read_parquet(folder / FRAMING_TABLE),
        lambda: read_whole_corpus(folder),
    )


def _term_counts(folder: Path) -> TermCounts:
    """The stored term counts; only display forms that differ from their term are kept
    (every reader falls back to the term: 118,000 of 790,000 terms on 12,399 articles; made
    from lists, not by iterating the columns: 0.27 -> 0.06 s)."""
    terms = read_parquet(folder / "terms.parquet")
    shown = terms[terms["display"] != terms["term"]]
    return TermCounts(
        sparse.load_npz(folder / "term_counts.npz").tocsr(),
        terms["term"].to_numpy(dtype=object),
        dict(zip(shown["term"].tolist(), shown["display"].tolist(), strict=True)),
    )


def _stored_overlap(folder: Path, discounted: list[str]) -> Overlap:
    """The overlap tables as stored (no text, repeated strings as categoricals:
    :mod:`analysis.store.stored_overlap`)."""
    tables = {
        name: _from_parquet(folder / f"overlap_{name}.parquet", name, CATEGORIES.get(name, ()))
        for name in OVERLAP_TABLES
    }
    return as_categories(Overlap(**tables, discounted=frozenset(discounted)))


def _to_parquet(frame: pd.DataFrame, path: Path, name: str) -> None:
    frame = frame.copy()
    for column in TUPLE_COLUMNS.get(name, ()):
        if column in frame:
            frame[column] = frame[column].map(list)
    write_parquet(frame.reset_index(drop=True), path)


def _from_parquet(path: Path, name: str, groups: Sequence[Sequence[str]] = ()) -> pd.DataFrame:
    """Table ``name`` at ``path``; the columns of ``groups`` read as categoricals."""
    lists = {column: tuple for column in TUPLE_COLUMNS.get(name, ())}
    return read_parquet(
        path,
        lists | {column: list for column in LIST_COLUMNS.get(name, ())},
        categories=[column for group in groups for column in group],
    )


def dask_per_article(scheduler: str | None, workers: int):
    """The per-article stage as Dask tasks over partitions of articles, in corpus order."""

    def run(articles: list[Article], registry: SpeakerRegistry) -> Iterable[tuple[list, ...]]:
        import dask.bag as db

        with _dask_client(scheduler, workers) as client:
            partitions = max(1, min(len(articles), workers * 4))
            bag = db.from_sequence(articles, npartitions=partitions)
            return bag.map(analyse_article, registry=registry).compute(scheduler=client.get)

    return run


@contextmanager
def dask_map(scheduler: str | None, workers: int) -> Iterator[Mapper]:
    """A map over items as one Dask task each, on the cluster at ``scheduler`` (else local)."""
    import dask.bag as db

    with _dask_client(scheduler, workers) as client:

        def run(task: Callable, items: Iterable) -> list:
            items = list(items)  # a cluster is sent every task at once
            bag = db.from_sequence(items, npartitions=max(1, len(items)))
            return bag.map(task).compute(scheduler=client.get)

        yield run


@contextmanager
def local_map(workers: int) -> Iterator[Mapper]:
    """A map over items in ``workers`` processes (in this one when ``workers`` < 2)."""
    if workers < 2:
        yield map
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield _ahead_map(pool, ahead=2 * workers)


def _ahead_map(pool: ProcessPoolExecutor, ahead: int) -> Mapper:
    """``pool.map`` that submits at most ``ahead`` tasks before their results are read:
    a long map's items are made and held a few at a time, not all at once."""

    def run(task: Callable, *iterables: Iterable) -> Iterator:
        pending: deque[Future] = deque()
        for args in zip(*iterables):
            if len(pending) >= ahead:
                yield pending.popleft().result()
            pending.append(pool.submit(task, *args))
        while pending:
            yield pending.popleft().result()

    return run


@contextmanager
def _dask_client(scheduler: str | None, workers: int):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise BuildError("the dask engine needs Dask: pip install 'dask[distributed]'") from exc
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
        client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _versions() -> dict[str, str]:
    import sklearn

    return {
        "python": platform.python_version(),
        "pandas": pd.__version__,
        "numpy": np.__version__,
        "scikit-learn": sklearn.__version__,
    }
