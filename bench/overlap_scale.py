"""Scale benchmark for reuse detection and claims.

Usage: python bench/overlap_scale.py PATH [--limit N] [--page]
       python bench/overlap_scale.py --build DIR [--save OUT] [--workers N]

PATH is a gzip JSON-lines corpus (article_id, outlet, title, text). Prints per
stage wall time, articles per second, peak resident memory, and how many
article and sentence pairs the blocking compares against all pairs.

``--page`` instead opens the Overlap page headlessly (Streamlit's AppTest) on
the first N articles, three times in one process: the cold open (analysis and
overlap computed) and two warm opens (cached, as a second visit), then the
overlap tables per story (``analyse_overlap``) on their own.

``--build DIR`` opens a built analysis (``python -m analysis build``) and runs
the overlap stage on its tables step by step, as ``analyse_overlap`` runs
them, printing per step wall seconds, CPU seconds and the peak resident memory
while it ran (sampled every 50 ms). ``--save OUT`` writes the overlap tables
there (Parquet) for ``bench/overlap_same.py`` to compare two versions of the code.
``--workers N`` runs the stage's tasks in N processes, as a build does (CPU
seconds are then this process's alone; the wall seconds show the gain).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from analysis.corpus.text import segment
from analysis.overlap.claims import claims
from analysis.overlap.reuse import (
    PARAPHRASE,
    candidate_chunks,
    candidate_pairs,
    fingerprint_pairs,
    reuse_pairs,
    shingle_hashes,
    tfidf,
    tokens,
)


def load(path: Path, limit: int | None) -> pd.DataFrame:
    """The first ``limit`` articles of a gzip JSON-lines corpus."""
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            text = record.get("text") or ""
            rows.append((str(record["article_id"]), record.get("outlet") or "", text))
            if limit and len(rows) >= limit:
                break
    frame = pd.DataFrame(rows, columns=["article_id", "outlet", "text"])
    return frame.assign(title="", words=frame["text"].str.split().str.len())


def sentence_frame(articles: pd.DataFrame) -> pd.DataFrame:
    """Sentences of every article via ``analysis.corpus.text.segment``."""
    rows = []
    for article in articles.itertuples():
        for s in segment(article.text)[2]:
            rows.append(
                (
                    f"{article.article_id}:{s.index}",
                    article.article_id,
                    article.outlet,
                    s.paragraph,
                    s.index,
                    s.start,
                    s.end,
                    article.text[s.start : s.end],
                )
            )
    columns = ["sentence_id", "article_id", "outlet", "paragraph", "position", "start", "end"]
    return pd.DataFrame(rows, columns=[*columns, "text"])


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def stage(name: str, n_articles: int):
    """Print wall time, articles/s and peak memory of a stage."""
    start = time.perf_counter()
    yield
    seconds = time.perf_counter() - start
    print(
        f"{name:28s} {seconds:8.1f} s {n_articles / max(seconds, 1e-9):9.0f} articles/s "
        f"peak {peak_mb():7.0f} MB",
        flush=True,
    )


ROOT = Path(__file__).resolve().parent.parent


def rss_mb() -> float:
    """Resident memory of this process now, in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


@contextmanager
def step(name: str, rows: dict):
    """Wall and CPU seconds of a step, and the peak RSS sampled while it ran."""
    peak, done = [rss_mb()], threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak.append(rss_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    done.set()
    sampler.join()
    rows[name] = (wall, cpu, max([*peak, rss_mb()]))
    print(f"{name:34s} {wall:8.1f} s wall {cpu:8.1f} s CPU peak {rows[name][2]:7.0f} MB")


def build_steps(folder: Path, save: Path | None, workers: int = 1) -> None:
    """The overlap stage on a build's tables, step by step (see the module doc)."""
    from analysis.overlap import summary
    from analysis.store.build import OVERLAP_TABLES, _to_parquet, local_map, open_build

    rows: dict[str, tuple[float, float, float]] = {}
    with step("open the build", rows):
        analysis = open_build(folder).analysis
    print(f"{len(analysis.articles):,} articles, {len(analysis.sentences):,} sentences")
    overlap = {}
    total = time.perf_counter(), time.process_time()
    with local_map(workers) as run:
        for name, run_step in summary.overlap_steps(analysis, run=run, parts=workers * 4):
            with step(name, rows):
                overlap.update(run_step(overlap))
    wall, cpu = time.perf_counter() - total[0], time.process_time() - total[1]
    peak = max(row[2] for name, row in rows.items() if name != "open the build")
    print(f"{'overlap stage':34s} {wall:8.1f} s wall {cpu:8.1f} s CPU peak {peak:7.0f} MB")
    if workers > 1:
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        print(f"  the {workers} worker processes: {used.ru_utime + used.ru_stime:.1f} s CPU")
    print("  " + ", ".join(f"{name} {len(overlap[name]):,}" for name in OVERLAP_TABLES))
    print(f"  discounted {len(overlap['discounted']):,}; process peak {peak_mb():.0f} MB")
    if save:
        save.mkdir(parents=True, exist_ok=True)
        for name in OVERLAP_TABLES:
            _to_parquet(overlap[name], save / f"{name}.parquet", name)
        (save / "discounted.json").write_text(json.dumps(sorted(overlap["discounted"])))


def page_times(path: Path, limit: int | None) -> None:
    """Cold and warm seconds of the Overlap page on the first ``limit`` articles."""
    from streamlit.testing.v1 import AppTest

    from analysis.corpus.load import load_corpus
    from analysis.overlap.summary import analyse_overlap
    from analysis.pipeline import analyse, load_knowledge

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "articles.jsonl"
        with gzip.open(path, "rt", encoding="utf-8") as lines, corpus.open("w") as out:
            for n, line in enumerate(lines):
                if limit and n >= limit:
                    break
                out.write(line)
        os.environ["COVERAGE_LENS_CORPUS"] = str(corpus)
        for visit in ("cold", "warm", "warm"):
            start = time.perf_counter()
            at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=3600)
            at.switch_page("pages/3_Overlap.py").run()
            seconds = time.perf_counter() - start
            errors = [e.value for e in at.exception]
            print(
                f"Overlap page {visit:5s} {seconds:8.1f} s peak {peak_mb():7.0f} MB {errors or ''}"
            )
        analysis = analyse(load_corpus(corpus), load_knowledge(Path(folder)))
    n = len(analysis.articles)
    sizes = analysis.stories.groupby("story").size()
    print(f"{n:,} articles in {len(sizes):,} stories ({int((sizes > 1).sum()):,} of 2+ articles)")
    with stage("analyse_overlap (per story)", n):
        overlap = analyse_overlap(analysis)
    shared = overlap.claims[overlap.claims["n_outlets"] >= 2]
    print(f"  {len(shared):,} claims in 2+ outlets, {len(overlap.shared_quotes):,} shared quotes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path, nargs="?")
    parser.add_argument("--build", type=Path, help="time the overlap stage on this build")
    parser.add_argument("--save", type=Path, help="with --build: write the tables here")
    parser.add_argument("--workers", type=int, default=1, help="with --build: processes")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument(
        "--claims-limit",
        type=int,
        default=1000,
        help="skip claims above this many articles (claims are meant for one story)",
    )
    parser.add_argument("--page", action="store_true", help="time the Overlap page instead")
    args = parser.parse_args()
    if args.build:
        build_steps(args.build, args.save, args.workers)
        return
    if args.path is None:
        parser.error("give a corpus PATH or --build DIR")
    if args.page:
        page_times(args.path, args.limit)
        return

    articles = load(args.path, args.limit)
    n = len(articles)
    print(f"{n:,} articles, {int(articles['words'].sum()):,} words")
    with stage("segment", n):
        sentences = sentence_frame(articles)
    print(f"{len(sentences):,} sentences")

    with stage("shingles", n):
        hashes = [shingle_hashes(tokens(text)) for text in articles["text"]]
    with stage("minhash lsh blocking", n):
        lsh = candidate_pairs(hashes)
    all_article_pairs = n * (n - 1) // 2
    print(
        f"  article pairs: {len(lsh):,} LSH candidates of {all_article_pairs:,} "
        f"({len(lsh) / max(all_article_pairs, 1):.4%})"
    )
    with stage("winnowing blocking", n):
        prints = fingerprint_pairs(hashes)
    print(f"  article pairs: {len(prints):,} sharing 2+ fingerprints of {all_article_pairs:,}")
    with stage("sentence blocking", n):
        groups = pd.factorize(sentences["article_id"])[0]
        matrix = tfidf(sentences["text"].tolist())
        n_candidates = sum(len(r) for r, _ in candidate_chunks(matrix, groups, PARAPHRASE))
    m = len(sentences)
    print(
        f"  sentence pairs: {n_candidates:,} candidates of {m * (m - 1) // 2:,} "
        f"({n_candidates / max(m * (m - 1) // 2, 1):.5%}) at cosine {PARAPHRASE}"
    )

    with stage("reuse_pairs (end to end)", n):
        reuse = reuse_pairs(articles, sentences)
    counts = reuse["kind"].value_counts().to_dict()
    pairs = reuse[["article_a", "article_b"]].drop_duplicates()
    print(f"  {len(reuse):,} reuse rows {counts} over {len(pairs):,} article pairs")

    if n > args.claims_limit:
        print(f"claims skipped: {n:,} articles > --claims-limit {args.claims_limit:,}")
        return
    with stage("claims", n):
        table, _ = claims(sentences)
    multi = int((table["n_articles"] >= 2).sum())
    sizes = table.loc[table["n_articles"] >= 2, "n_articles"]
    print(
        f"  {len(table):,} claims, {multi:,} carried by 2+ articles "
        f"(largest {int(sizes.max()) if len(sizes) else 0}, median "
        f"{float(np.median(sizes)) if len(sizes) else 0:.0f} articles)"
    )


if __name__ == "__main__":
    main()
