"""A built analysis: every table the pages and the CLI need, written once, opened fast.

``python -m analysis build CORPUS --out DIR`` runs :func:`analysis.pipeline.analyse`
and writes its tables as Parquet files plus ``manifest.json`` (corpus and
knowledge content hashes, versions, row counts, seconds per stage). The
dashboard (``COVERAGE_LENS_ANALYSIS=DIR``) and the CLI (``--analysis DIR``)
open it without recomputing and say when it is stale: the corpus or the
knowledge files changed since the build.

Engines: ``local`` runs the per-article stage in processes over all cores;
``dask`` runs it as tasks over partitions of articles on a Dask cluster (the
one at ``scheduler``, else a local one), then the corpus stages (term
statistics, entities, topics) reduce the gathered tables. Both give the same
tables.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.corpus.load import Article, Corpus
from analysis.emphasis.terms import TermCounts
from analysis.knowledge.derive.entities import Entities
from analysis.knowledge.files import Problem
from analysis.overlap.summary import Overlap, analyse_overlap
from analysis.pipeline import Analysis, Knowledge, Progress, analyse, analyse_article
from analysis.voices.speakers import SpeakerRegistry

FORMAT = 4
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


class BuildError(ValueError):
    """A build that cannot be written or opened (say what to do)."""


@dataclass(frozen=True)
class Build:
    """An opened build: its analysis, its overlap tables and its manifest."""

    analysis: Analysis
    manifest: dict
    overlap: Overlap | None = None

    def stale(self, corpus: Corpus, knowledge: Knowledge) -> list[str]:
        """What changed since the build (empty when it is current)."""
        reasons = []
        if corpus.content_hash() != self.manifest["corpus_hash"]:
            reasons.append("the corpus changed")
        if knowledge.key != self.manifest["knowledge_hash"]:
            reasons.append("the knowledge files changed")
        return reasons


def build(
    corpus: Corpus,
    knowledge: Knowledge,
    out: str | Path,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int = os.cpu_count() or 1,
    progress: Progress | None = None,
) -> Build:
    """Analyse ``corpus`` with ``engine`` and write the build to ``out`` (replaced whole)."""
    if engine not in ENGINES:
        raise BuildError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    per_article = dask_per_article(scheduler, workers) if engine == "dask" else None
    analysis = analyse(
        corpus, knowledge, progress=progress, workers=workers, per_article=per_article
    )
    start = time.perf_counter()
    overlap = analyse_overlap(analysis, timings=analysis.timings)
    analysis.timings["overlap: reuse, claims, shared quotes"] = time.perf_counter() - start
    manifest = {
        "format": FORMAT,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "engine": engine,
        "corpus": str(Path(corpus.source).resolve()) if corpus.source else "",
        "corpus_hash": corpus.content_hash(),
        "knowledge_hash": knowledge.key,
        "knowledge_folder": str(knowledge.folder),
        "key": analysis.key,
        "versions": _versions(),
        "counts": {name: len(getattr(analysis, name)) for name in TABLES}
        | {name: len(getattr(overlap, name)) for name in OVERLAP_TABLES},
        "timings": {stage: round(s, 3) for stage, s in analysis.timings.items()},
    }
    write(analysis, overlap, Path(out), manifest)
    return Build(analysis, manifest, overlap)


def write(analysis: Analysis, overlap: Overlap, out: Path, manifest: dict) -> None:
    """Write the tables beside each other in a new folder, then move it into place."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}."))
    try:
        for name in TABLES:
            _to_parquet(getattr(analysis, name), staging / f"{name}.parquet", name)
        for name in OVERLAP_TABLES:
            _to_parquet(getattr(overlap, name), staging / f"overlap_{name}.parquet", name)
        entities = analysis.entities or Entities(pd.DataFrame(), pd.DataFrame())
        _to_parquet(entities.table, staging / "entities.parquet", "entities")
        _to_parquet(entities.mentions, staging / "mentions.parquet", "mentions")
        sparse.save_npz(staging / "term_counts.npz", analysis.term_counts.matrix)
        terms = analysis.term_counts.terms.astype(str)
        display = analysis.term_counts.display
        pd.DataFrame({"term": terms, "display": [display.get(t, t) for t in terms]}).to_parquet(
            staging / "terms.parquet"
        )
        extra = {
            "names": analysis.names,
            "topic_names": list(analysis.topic_names),
            "knowledge_sources": analysis.knowledge_sources,
            "problems": [vars(p) for p in analysis.problems],
            "discounted": sorted(overlap.discounted),
        }
        (staging / "extra.json").write_text(json.dumps(extra, ensure_ascii=False), "utf-8")
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2), "utf-8")
        if out.exists():
            if not (out / MANIFEST).exists():
                raise BuildError(f"{out} exists and is not a build; choose another --out")
            shutil.rmtree(out)
        staging.rename(out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)


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
    tables = {name: _from_parquet(folder / f"{name}.parquet", name) for name in TABLES}
    tables["articles"].index = tables["articles"]["article_id"].to_numpy()
    extra = json.loads((folder / "extra.json").read_text("utf-8"))
    terms = pd.read_parquet(folder / "terms.parquet")
    counts = TermCounts(
        sparse.load_npz(folder / "term_counts.npz").tocsr(),
        terms["term"].to_numpy(dtype=object),
        dict(zip(terms["term"], terms["display"])),
    )
    entities = Entities(
        _from_parquet(folder / "entities.parquet", "entities"),
        _from_parquet(folder / "mentions.parquet", "mentions"),
    )
    analysis = Analysis(
        key=manifest["key"],
        names=extra["names"],
        term_counts=counts,
        problems=[Problem(**p) for p in extra["problems"]],
        entities=entities,
        topic_names=tuple(extra["topic_names"]),
        knowledge_sources=extra["knowledge_sources"],
        timings=manifest["timings"],
        **tables,
    )
    overlap = Overlap(
        **{
            name: _from_parquet(folder / f"overlap_{name}.parquet", name) for name in OVERLAP_TABLES
        },
        discounted=frozenset(extra["discounted"]),
    )
    return Build(analysis, manifest, overlap)


def _to_parquet(frame: pd.DataFrame, path: Path, name: str) -> None:
    frame = frame.copy()
    for column in TUPLE_COLUMNS.get(name, ()):
        if column in frame:
            frame[column] = frame[column].map(list)
    frame.reset_index(drop=True).to_parquet(path, index=False)


def _from_parquet(path: Path, name: str) -> pd.DataFrame:
    frame = pd.read_parquet(path)
    for column in TUPLE_COLUMNS.get(name, ()):
        if column in frame:
            frame[column] = frame[column].map(lambda v: tuple(v) if v is not None else ())
    for column in LIST_COLUMNS.get(name, ()):
        if column in frame:
            frame[column] = frame[column].map(lambda v: list(v) if v is not None else [])
    return frame


def dask_per_article(scheduler: str | None, workers: int):
    """The per-article stage as Dask tasks over partitions of articles, in corpus order."""

    def run(articles: list[Article], registry: SpeakerRegistry) -> Iterable[tuple[list, ...]]:
        try:
            import dask.bag as db
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
            partitions = max(1, min(len(articles), workers * 4))
            bag = db.from_sequence(articles, npartitions=partitions)
            return bag.map(analyse_article, registry=registry).compute(scheduler=client.get)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    return run


def _versions() -> dict[str, str]:
    import sklearn

    return {
        "python": platform.python_version(),
        "pandas": pd.__version__,
        "numpy": np.__version__,
        "scikit-learn": sklearn.__version__,
    }
